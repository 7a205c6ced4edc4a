package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A referral of the ticket to a provider as the ticket page lists it (DESIGN.md §6); the routing
 * module writes them, the page reads them.
 */
@Serdeable
public record ReferralView(
    long id,
    long providerId,
    String providerName,
    String state,
    Instant proposedAt,
    @Nullable Instant decidedAt,
    @Nullable Instant engagedAt) {}
