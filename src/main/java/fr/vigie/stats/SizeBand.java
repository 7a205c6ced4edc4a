package fr.vigie.stats;

/**
 * The victim's size for statistics: inhabitants for collectivités (the thresholds of triage and
 * NIS2: 1,000, 10,000, 30,000), staff for organisations (TPE, PME, ETI, large), none for
 * individuals, {@code UNKNOWN} when the report did not say.
 */
public enum SizeBand {
  POP_LT_1000,
  POP_1000_9999,
  POP_10000_29999,
  POP_30000_PLUS,
  STAFF_LT_10,
  STAFF_10_249,
  STAFF_250_4999,
  STAFF_5000_PLUS,
  NOT_APPLICABLE,
  UNKNOWN
}
