package fr.vigie.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of the audit log. {@code seq}, {@code prevHash} and {@code hash} are null until the
 * sealer has chained it (within a second or so of its writing).
 */
@Serdeable
public record AuditEntry(
    @Nullable Long seq,
    Instant at,
    String actor,
    String action,
    String target,
    Map<String, Object> details,
    @Nullable String prevHash,
    @Nullable String hash) {}
