package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The victim organisation as reported, with its location resolved from the geography tables ({@code
 * departement}, {@code region}, {@code population} never come from the form).
 */
@Serdeable
public record Victim(
    VictimType type,
    String name,
    @Nullable String siren,
    @Nullable String communeCode,
    @Nullable String departement,
    @Nullable String region,
    @Nullable Integer population,
    @Nullable Integer headcount,
    Nis2Status nis2,
    boolean oiv,
    boolean ose,
    @Nullable Sector sector,
    @Nullable Boolean hasItProvider,
    @Nullable Boolean cyberInsured) {}
