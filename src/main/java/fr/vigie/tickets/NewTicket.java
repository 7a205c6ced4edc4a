package fr.vigie.tickets;

import java.time.Instant;

/** What intake hands over to open a ticket, in the same transaction as the raw report. */
public record NewTicket(
    long reportId,
    Instant receivedAt,
    byte[] followUpTokenHash,
    Victim victim,
    Contact contact,
    Incident incident,
    Classification classification,
    String actor) {}
