package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** The whole ticket as an analyst sees it. {@code version} guards concurrent changes. */
@Serdeable
public record TicketDetail(
    String reference,
    TicketStatus status,
    @Nullable String kind,
    @Nullable String severity,
    String tlp,
    @Nullable String assignee,
    Instant receivedAt,
    Instant createdAt,
    Instant updatedAt,
    int version,
    Victim victim,
    @Nullable Contact contact,
    Incident incident) {}
