package fr.vigie.stats.internal;

import fr.vigie.stats.Dimension;

/**
 * One ticket as the statistics see it: its victim's key (never its name), its month in the desk's
 * time zone ({@code year * 12 + month - 1}), one value per {@link Dimension} (by ordinal), and its
 * measures ({@code -1} when absent). {@code counted} is false for a merged duplicate.
 */
public record Fact(
    long ticketId,
    boolean counted,
    long victimKey,
    int month,
    String[] values,
    int firstContactMinutes,
    int providerEngagementMinutes,
    int slaMet,
    int slaBreached,
    int orientations) {

  public Fact {
    if (values.length != Dimension.values().length) {
      throw new IllegalArgumentException("one value per dimension");
    }
  }
}
