package fr.vigie.clocks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * A clock as {@code GET /api/v1/tickets/{reference}/clocks} shows it: what the ticket page shows,
 * plus its target, the 75 % warning time, how long it was paused, when it stopped counting and how
 * a legal deadline was met ({@code by}, {@code reference}, {@code note}) or why it does not apply.
 */
@Serdeable
public record ClockDetail(
    String code,
    String kind,
    @Nullable String target,
    Instant startedAt,
    @Nullable Instant dueAt,
    @Nullable Instant warnAt,
    long pausedMinutes,
    String state,
    @Nullable Instant completedAt,
    @Nullable Instant endedAt,
    Map<String, String> details) {}
