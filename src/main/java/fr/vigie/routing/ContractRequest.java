package fr.vigie.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A public contract as a coordinator writes it: {@code providerIds} in rank order (1 first). */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ContractRequest(
    @Nullable String name,
    @Nullable List<String> departements,
    @Nullable List<String> victimTypes,
    @Nullable List<Long> providerIds,
    @Nullable String validFrom,
    @Nullable String validUntil) {}
