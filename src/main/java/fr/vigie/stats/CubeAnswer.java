package fr.vigie.stats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The cube's answer: the cells (one per period and combination of the grouped dimensions' values
 * that has victims and is published) and the margins (the same, totalled over one or more grouped
 * dimensions: {@code null} there), under statistical secrecy with this {@code k} and the cell key
 * method's noise (see {@link fr.vigie.stats.internal.CellKey}). An entry not listed has no victims
 * or is secret: the answer does not tell which.
 *
 * @param periods the periods answered: those asked that are published
 * @param publishedUntil the latest published period of this length
 */
@Serdeable
public record CubeAnswer(
    int k,
    Period period,
    List<String> groupBy,
    Map<String, List<String>> filters,
    String from,
    String to,
    List<String> periods,
    String publishedUntil,
    List<Cell> cells,
    List<Cell> margins) {

  /**
   * A cell or a margin. The dimensions not grouped, and in a margin those totalled, are {@code
   * null}. {@code count} is the number of distinct victim organisations, perturbed by at most
   * ±{@value fr.vigie.stats.internal.CellKey#MAX_NOISE} (the same victims, the same figure) and
   * never below k: an entry of fewer than k victims, or whose perturbed count is below k, is left
   * out. A measure taken from fewer than k tickets (or SLA clocks) is {@code null}. {@code
   * suppressed} is always false since issue 16: hidden entries are left out.
   */
  @Serdeable
  public record Cell(
      String period,
      @Nullable String departement,
      @Nullable String region,
      @Nullable String victimCategory,
      @Nullable String sizeBand,
      @Nullable String rsitClass,
      @Nullable String severity,
      @Nullable String kind,
      @Nullable String outcome,
      @Nullable String prevented,
      @Nullable Long count,
      @Nullable Integer medianFirstContactMinutes,
      @Nullable Double slaMetRate,
      @Nullable Integer medianProviderEngagementMinutes,
      boolean suppressed) {}
}
