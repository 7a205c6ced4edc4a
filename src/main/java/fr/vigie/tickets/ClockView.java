package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A clock of the ticket as the ticket page shows it (SLA or regulatory, DESIGN.md §7); {@code
 * dueAt} is null while an SLA clock is paused.
 */
@Serdeable
public record ClockView(
    String code,
    String kind,
    Instant startedAt,
    @Nullable Instant dueAt,
    String state,
    @Nullable Instant completedAt) {}
