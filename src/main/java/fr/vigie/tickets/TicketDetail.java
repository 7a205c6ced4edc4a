package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * The whole ticket as an analyst sees it. {@code kind}, {@code severity} and the RSIT pair are the
 * effective ones (an analyst's override wins); {@code triage} is what intake computed and told the
 * victim, {@code triageOverride} who changed it and why. {@code version} guards concurrent changes.
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
    List<ReferralView> referrals) {}
