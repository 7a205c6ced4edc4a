package fr.vigie.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A provider as a coordinator writes it (POST creates, PUT replaces). Closed vocabularies arrive as
 * text and are checked by {@link ProviderDirectory} so each mistake names its field. {@code
 * webhookSecret} is write-only; on PUT, leaving it out keeps the current one.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ProviderRequest(
    @Nullable String name,
    @Nullable String siren,
    @Nullable List<Label> labels,
    @Nullable List<String> departements,
    @Nullable String baseDepartement,
    @Nullable List<String> victimTypes,
    @Nullable List<String> rsitClasses,
    @Nullable Integer capacity,
    @Nullable Boolean onCall247,
    @Nullable List<String> openingHours,
    @Nullable String email,
    @Nullable String webhookUrl,
    @Nullable String webhookSecret,
    @Nullable Boolean active) {

  /** A label and the last day it is valid (ISO date). */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Label(@Nullable String kind, @Nullable String validUntil) {}
}
