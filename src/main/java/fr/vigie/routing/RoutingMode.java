package fr.vigie.routing;

/**
 * How a ticket's provider is found: the first available rank of a public contract covering the
 * victim, a fair shortlist among labelled providers, or nobody eligible (DESIGN.md §6).
 */
public enum RoutingMode {
  CONTRACT,
  SHORTLIST,
  NONE
}
