package fr.vigie.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A staff account as shown to administrators: never its password hash. {@code lockedUntil} is set
 * while logins are refused after too many failures.
 */
@Serdeable
public record StaffUser(
    long id,
    String username,
    List<Role> roles,
    @Nullable Long providerId,
    boolean enabled,
    @Nullable String email,
    @Nullable Instant lockedUntil,
    Instant createdAt) {}
