package fr.vigie.intake;

import fr.vigie.tickets.Contact;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.Victim;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What the victim sees of its report: where it stands and what it sent. No internal notes, no
 * assignee, no triage overrides.
 */
@Serdeable
public record FollowUpView(
    String reference,
    TicketStatus status,
    Instant receivedAt,
    Victim victim,
    @Nullable Contact contact,
    Incident incident) {

  static FollowUpView of(TicketDetail ticket) {
    return new FollowUpView(
        ticket.reference(),
        ticket.status(),
        ticket.receivedAt(),
        ticket.victim(),
        ticket.contact(),
        ticket.incident());
  }
}
