package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One line of the analysts' queue. */
@Serdeable
public record TicketSummary(
    String reference,
    TicketStatus status,
    @Nullable TicketKind kind,
    @Nullable Severity severity,
    String victimName,
    @Nullable String departement,
    Threat threat,
    @Nullable String assignee,
    @Nullable Instant nextDueAt,
    Instant createdAt) {}
