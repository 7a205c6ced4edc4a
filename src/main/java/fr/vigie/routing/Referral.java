package fr.vigie.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A referral as staff read it: who, how it was chosen ({@code mode}, {@code rank}, {@code
 * reasons}), its state and the provider-side clocks: answer by {@code respondBy}, contact the
 * victim by {@code contactBy} once accepted (DESIGN.md §6).
 */
@Serdeable
public record Referral(
    long id,
    String reference,
    long providerId,
    String providerName,
    String mode,
    @Nullable Integer rank,
    List<String> reasons,
    ReferralState state,
    String proposedBy,
    Instant proposedAt,
    Instant respondBy,
    @Nullable Instant decidedAt,
    @Nullable Instant contactBy,
    @Nullable Instant engagedAt,
    @Nullable Instant endedAt,
    @Nullable String note,
    @Nullable String outcome) {}
