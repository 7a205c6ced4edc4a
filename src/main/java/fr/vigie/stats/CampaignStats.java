package fr.vigie.stats;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The statistics by campaign (issue 21) under the officials' cube's secrecy: per campaign, its
 * distinct victims with the cell key method's noise ({@link fr.vigie.stats.internal.CellKey}: the
 * same victims, the same figure as anywhere in the cube), its first and last sighting by month and
 * its RSIT class. Only the campaign's tickets of published months count; a campaign of fewer than
 * {@code k} such victims, or whose perturbed count is below {@code k}, is left out. Never an
 * observable, a victim, a ticket reference or a département.
 *
 * @param publishedUntil the latest published month: later tickets are not counted yet
 */
@Serdeable
public record CampaignStats(int k, String publishedUntil, List<Entry> campaigns) {

  /**
   * One campaign: {@code rsitClass} is that of most of its counted tickets ({@code UNKNOWN} when
   * not classified); {@code victims} is perturbed by at most ±{@value
   * fr.vigie.stats.internal.CellKey#MAX_NOISE} and never below k.
   */
  @Serdeable
  public record Entry(
      long campaign,
      String state,
      String rsitClass,
      String firstSighting,
      String lastSighting,
      long victims) {}
}
