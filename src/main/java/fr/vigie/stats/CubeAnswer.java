package fr.vigie.stats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The cube's answer: the cells (one per period and combination of the grouped dimensions' values
 * that has victims) and the margins (the same, totalled over one or more grouped dimensions: {@code
 * null} there), under statistical secrecy with this {@code k}.
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
   * null}. {@code count} is the number of distinct victim organisations; a suppressed entry has
   * {@code count} and every measure {@code null}. A measure taken from fewer than k tickets (or SLA
   * clocks) is {@code null} too.
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
