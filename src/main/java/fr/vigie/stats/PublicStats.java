package fr.vigie.stats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The public yearly statistics (no login): a coarse cube — département × victim category × RSIT
 * class, the year only — with all its margins, and the headline figures of the yearly summary,
 * under the same statistical secrecy. Counts in the cube are distinct victim organisations; the
 * headline counts events.
 */
@Serdeable
public record PublicStats(
    int year, int k, List<Cell> cells, List<Cell> margins, Headline headline) {

  /** A cell, or a margin ({@code null}: all values of that dimension). */
  @Serdeable
  public record Cell(
      @Nullable String departement,
      @Nullable String victimCategory,
      @Nullable String rsitClass,
      @Nullable Long count,
      boolean suppressed) {}

  /** The summary's headline figures; {@code null} when hidden. */
  @Serdeable
  public record Headline(
      @Nullable Long events,
      @Nullable Long signalements,
      @Nullable Long incidents,
      @Nullable Double collectiviteShare,
      @Nullable Long ransomware,
      @Nullable Double preventedShare,
      @Nullable Double slaMetRate,
      @Nullable Integer medianFirstContactMinutes) {}
}
