package fr.vigie.triage;

import io.micronaut.serde.annotation.Serdeable;

/** PLACEHOLDER. */
@Serdeable
public record FirstAid(String code, String text) {}
