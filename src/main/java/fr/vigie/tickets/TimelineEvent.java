package fr.vigie.tickets;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/** One entry of a ticket's timeline: when, who, what, and its details. */
@Serdeable
public record TimelineEvent(
    long id, Instant at, String actor, String type, Map<String, Object> details) {}
