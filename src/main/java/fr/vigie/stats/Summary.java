package fr.vigie.stats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The yearly summary for officials (DESIGN.md §8, the figures peers publish, DOMAIN.md §8). Figures
 * count events (tickets, a merged duplicate excepted); each is published only if it comes from at
 * least k distinct victims, and secondary suppression keeps a hidden one from being recomputed from
 * the total. A share or rate whose parts are hidden is {@code null}.
 *
 * @param events all events of the year and their distinct victims
 * @param byKind signalements and incidents
 * @param byVictimCategory events per victim category, with their share of all events
 * @param collectiviteShare the share of events whose victim is a collectivité
 * @param topThreats the five most frequent threats (the victims' words) among those published
 * @param ransomware events whose threat is ransomware
 * @param incidentsByPrevention incidents prevented (detected before impact), handled after impact,
 *     and not closed yet
 * @param preventedShare prevented among the closed incidents
 * @param orientations events oriented to each state service or platform (one event may be oriented
 *     to several)
 * @param bySeverity events per severity with SLA compliance (clocks met on time among those
 *     decided) and the median time to first contact
 */
@Serdeable
public record Summary(
    int year,
    int k,
    Total events,
    List<Figure> byKind,
    List<Figure> byVictimCategory,
    @Nullable Double collectiviteShare,
    List<Figure> topThreats,
    Figure ransomware,
    List<Figure> incidentsByPrevention,
    @Nullable Double preventedShare,
    List<Figure> orientations,
    List<SeverityFigure> bySeverity,
    @Nullable Double slaMetRate,
    @Nullable Integer medianFirstContactMinutes) {

  /** The year's events and distinct victims ({@code null} both when suppressed). */
  @Serdeable
  public record Total(@Nullable Long events, @Nullable Long victims, boolean suppressed) {}

  /** Events of one value ({@code code}) and their share of the events it is part of. */
  @Serdeable
  public record Figure(
      String code, @Nullable Long events, @Nullable Double share, boolean suppressed) {}

  /** One severity: events, SLA compliance, median minutes to the first contact. */
  @Serdeable
  public record SeverityFigure(
      String severity,
      @Nullable Long events,
      @Nullable Double slaMetRate,
      @Nullable Integer medianFirstContactMinutes,
      boolean suppressed) {}
}
