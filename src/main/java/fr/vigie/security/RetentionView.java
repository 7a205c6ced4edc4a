package fr.vigie.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Where a ticket stands with the retention of its personal data (DESIGN.md §9): when it ended, from
 * when its contact, free text and observables may be purged ({@code purgeableFrom}), whether a
 * legal hold keeps them, and when they were purged.
 */
@Serdeable
public record RetentionView(
    String reference,
    boolean legalHold,
    @Nullable String reason,
    @Nullable String setBy,
    @Nullable Instant setAt,
    @Nullable Instant endedAt,
    @Nullable Instant purgeableFrom,
    @Nullable Instant purgedAt) {}
