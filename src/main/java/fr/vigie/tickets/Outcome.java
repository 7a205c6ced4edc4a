package fr.vigie.tickets;

/** How a ticket ended (DESIGN.md §10), recorded when it is closed. */
public enum Outcome {
  ADVICE_ONLY,
  PROVIDER_REMEDIATION,
  SELF_REMEDIATED,
  ESCALATED_TO_STATE,
  PREVENTED,
  FALSE_POSITIVE,
  NO_RESPONSE
}
