package fr.vigie.intake;

import fr.vigie.tickets.Contact;
import fr.vigie.tickets.Deadline;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.Orientation;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * What the victim sees of its report (DESIGN.md §9): where it stands, what it sent, where else to
 * turn, its legal deadlines and the exchange with the CSIRT. No internal notes, no assignee, no
 * triage overrides.
 */
@Serdeable
public record FollowUpView(
    String reference,
    TicketStatus status,
    Instant receivedAt,
    Victim victim,
    @Nullable Contact contact,
    Incident incident,
    List<Orientation> orientations,
    List<Deadline> deadlines,
    List<VictimMessage> messages) {

  static FollowUpView of(TicketDetail ticket, List<VictimMessage> messages) {
    var triage = ticket.triage();
    return new FollowUpView(
        ticket.reference(),
        ticket.status(),
        ticket.receivedAt(),
        ticket.victim(),
        ticket.contact(),
        ticket.incident(),
        triage == null ? List.of() : triage.orientations(),
        triage == null ? List.of() : triage.deadlines(),
        messages);
  }
}
