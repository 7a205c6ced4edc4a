package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * The whole ticket as an analyst sees it. {@code kind}, {@code severity} and the RSIT pair are the
 * effective ones (an analyst's override wins); {@code triage} is what intake computed and told the
 * victim, {@code triageOverride} who changed it and why. {@code version} guards concurrent changes.
 * {@code related} lists the other tickets linked to this one (sharing an observable), each by its
 * reference, victim category and département only; it is filled for the staff's reads only, never
 * for the victim's follow-up.
 */
@Serdeable
public record TicketDetail(
    String reference,
    TicketStatus status,
    @Nullable TicketKind kind,
    @Nullable Severity severity,
    @Nullable String rsitClass,
    @Nullable String rsitType,
    String tlp,
    @Nullable String assignee,
    Instant receivedAt,
    Instant createdAt,
    Instant updatedAt,
    int version,
    Victim victim,
    @Nullable Contact contact,
    Incident incident,
    @Nullable Classification triage,
    @Nullable Classification.Override triageOverride,
    List<ClockView> clocks,
    List<ReferralView> referrals,
    List<RelatedTicket> related) {

  /** The same ticket with these linked tickets. */
  public TicketDetail withRelated(List<RelatedTicket> links) {
    return new TicketDetail(
        reference,
        status,
        kind,
        severity,
        rsitClass,
        rsitType,
        tlp,
        assignee,
        receivedAt,
        createdAt,
        updatedAt,
        version,
        victim,
        contact,
        incident,
        triage,
        triageOverride,
        clocks,
        referrals,
        List.copyOf(links));
  }
}
