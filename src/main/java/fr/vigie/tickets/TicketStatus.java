package fr.vigie.tickets;

/** Ticket life cycle of DESIGN.md §10. */
public enum TicketStatus {
  NEW,
  QUALIFIED,
  REFERRED,
  IN_PROGRESS,
  RESOLVED,
  CLOSED,
  WAITING_ON_VICTIM,
  ORIENTED,
  REJECTED,
  MERGED
}
