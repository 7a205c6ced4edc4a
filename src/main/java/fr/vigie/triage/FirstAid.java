package fr.vigie.triage;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One first-aid gesture (geste de premier secours) in French. The same {@code code} always carries
 * the same text, whatever the threat, so a front-end or a statistic can rely on it.
 */
@Serdeable
public record FirstAid(String code, String text) {}
