package fr.vigie.triage;

/** Impact on the victim, from I0 (none) to I4 (critical), DESIGN.md §5. */
public enum ImpactLevel {
  I0,
  I1,
  I2,
  I3,
  I4
}
