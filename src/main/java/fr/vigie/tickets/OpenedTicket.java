package fr.vigie.tickets;

/** The reference and status of a ticket just opened. */
public record OpenedTicket(long id, String reference, TicketStatus status) {}
