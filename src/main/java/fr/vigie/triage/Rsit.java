package fr.vigie.triage;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An ENISA Reference Security Incident Taxonomy class and type, as machine names (DOMAIN.md §3),
 * serialised as {@code {"class": …, "type": …}}.
 */
@Serdeable
public record Rsit(
    @JsonProperty("class") String rsitClass, @JsonProperty("type") String rsitType) {}
