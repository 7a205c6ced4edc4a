package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The person to call back: personal data, kept apart and purged by retention. */
@Serdeable
public record Contact(
    String name, @Nullable String role, @Nullable String email, @Nullable String phone) {}
