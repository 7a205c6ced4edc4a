package fr.vigie.tickets;

/** NIS2 status as declared by the victim; UNKNOWN is the honest default. */
public enum Nis2Status {
  ESSENTIAL,
  IMPORTANT,
  NONE,
  UNKNOWN
}
