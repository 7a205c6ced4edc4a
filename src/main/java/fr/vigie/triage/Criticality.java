package fr.vigie.triage;

/** How critical the victim is, from C1 (small) to C4 (essential), DESIGN.md §5. */
public enum Criticality {
  C1,
  C2,
  C3,
  C4
}
