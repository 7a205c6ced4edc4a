package fr.vigie.intake;

import fr.vigie.tickets.Contact;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.Orientation;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
    List<VictimDeadline> deadlines,
    List<VictimMessage> messages) {

  /**
   * A legal deadline that concerns the victim, where it stands: {@code OPEN}, {@code DONE} (the
   * CSIRT recorded the filing, at {@code completedAt}), {@code NOT_APPLICABLE} or {@code MISSED};
   * times in the desk's time zone.
   */
  @Serdeable
  public record VictimDeadline(
      String code, OffsetDateTime dueAt, String state, @Nullable OffsetDateTime completedAt) {}

  static FollowUpView of(TicketDetail ticket, List<VictimMessage> messages, ZoneId zone) {
    var triage = ticket.triage();
    return new FollowUpView(
        ticket.reference(),
        ticket.status(),
        ticket.receivedAt(),
        ticket.victim(),
        ticket.contact(),
        ticket.incident(),
        triage == null ? List.of() : triage.orientations(),
        ticket.clocks().stream()
            .filter(k -> k.kind().equals("REGULATORY"))
            .map(
                k ->
                    new VictimDeadline(
                        k.code(),
                        k.dueAt().atZone(zone).toOffsetDateTime(),
                        k.state(),
                        k.completedAt() == null
                            ? null
                            : k.completedAt().atZone(zone).toOffsetDateTime()))
            .toList(),
        messages);
  }
}
