package fr.vigie.tickets;

/** Sectors that matter for criticality (DESIGN.md §5). */
public enum Sector {
  WATER,
  HEALTH,
  ENERGY,
  EMERGENCY_SERVICES,
  TRANSPORT,
  EDUCATION,
  OTHER
}
