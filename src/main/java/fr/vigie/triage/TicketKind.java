package fr.vigie.triage;

/** A signalement (something suspicious) or an incident (a malicious actor acted). */
public enum TicketKind {
  SIGNALEMENT,
  INCIDENT
}
