package fr.vigie.triage;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** PLACEHOLDER. */
@Serdeable
public record Rsit(
    @JsonProperty("class") String rsitClass, @JsonProperty("type") String rsitType) {}
