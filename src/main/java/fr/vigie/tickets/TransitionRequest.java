package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A change of status asked by an analyst. Closing needs an {@code outcome} and the {@code
 * prevented} flag; rejecting or orienting needs a {@code reason}.
 */
@Serdeable
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
public record TransitionRequest(
    @Nullable TicketStatus to,
    @Nullable String reason,
    @Nullable Outcome outcome,
    @Nullable Boolean prevented) {}
