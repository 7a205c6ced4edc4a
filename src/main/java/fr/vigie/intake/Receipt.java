package fr.vigie.intake;

import fr.vigie.tickets.TicketStatus;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the victim gets back for a report: its reference and, once, the token to follow it. Triage
 * fields join this answer with the triage issue.
 */
@Serdeable
public record Receipt(String reference, String followUpToken, TicketStatus status) {}
