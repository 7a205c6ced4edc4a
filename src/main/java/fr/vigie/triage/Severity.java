package fr.vigie.triage;

/** Ticket severity, P1 the most urgent (DESIGN.md §5). */
public enum Severity {
  P1,
  P2,
  P3,
  P4
}
