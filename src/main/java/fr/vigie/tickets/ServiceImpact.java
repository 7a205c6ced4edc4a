package fr.vigie.tickets;

/** How far the victim's service to the public is affected. */
public enum ServiceImpact {
  NONE,
  DEGRADED,
  INTERRUPTED
}
