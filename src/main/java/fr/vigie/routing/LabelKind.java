package fr.vigie.routing;

/** Provider labels (DOMAIN.md §6), strongest first: the shortlist orders by this (DESIGN.md §6). */
public enum LabelKind {
  PRIS_ELEVE,
  PRIS_SUBSTANTIEL,
  EXPERTCYBER,
  REGIONAL_LABEL,
  REFERENCED
}
