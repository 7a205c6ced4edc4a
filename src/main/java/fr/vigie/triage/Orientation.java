package fr.vigie.triage;

import io.micronaut.serde.annotation.Serdeable;

/** Where the victim should also turn, why, and whether it cannot wait. */
@Serdeable
public record Orientation(OrientationCode code, boolean urgent, String reason) {}
