package fr.vigie.triage;

import io.micronaut.serde.annotation.Serdeable;
import java.time.OffsetDateTime;

/** A legal deadline and when it falls, in the desk's time zone. */
@Serdeable
public record Deadline(DeadlineCode code, OffsetDateTime dueAt) {}
