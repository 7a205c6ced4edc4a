package fr.vigie.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The result of checking the chain: {@code ok} when every sealed entry is where the chain says,
 * unchanged; else {@code firstBrokenSeq} is the first entry whose content, link or number does not
 * match. {@code entries} counts the sealed entries checked, {@code unsealed} those written since
 * the last seal.
 */
@Serdeable
public record Verification(
    boolean ok, long entries, @Nullable Long firstBrokenSeq, long unsealed) {}
