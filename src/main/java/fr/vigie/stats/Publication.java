package fr.vigie.stats;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a period may be published: once it has ended (in the desk's time zone) and the publication
 * lag has passed since. Built at start-up: a k below 3 or a negative lag stops Vigie instead of
 * publishing under rules nobody chose.
 */
@Context
@Singleton
public final class Publication {

  private final StatsSettings settings;
  private final ZoneId zone;
  private final Clock clock;

  Publication(StatsSettings settings, fr.vigie.CsirtSettings csirt, Clock clock) {
    if (settings.k() < 3 || settings.k() > 1000) {
      throw new ConfigurationException(
          "vigie.stats.k must be between 3 and 1000, not "
              + settings.k()
              + ": never publish a cell of fewer than 3 victims (DOMAIN.md §8)");
    }
    if (settings.publicationLag() == null
        || settings.publicationLag().isNegative()
        || settings.publicationLag().compareTo(java.time.Duration.ofDays(3660)) > 0) {
      throw new ConfigurationException(
          "vigie.stats.publication-lag must be between 0 and 3660 days, e.g. 30d");
    }
    this.settings = settings;
    this.zone = csirt.zone();
    this.clock = clock;
  }

  public int k() {
    return settings.k();
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first instant after period {@code index}: its end. */
  public Instant end(Period period, int index) {
    int month = period.firstMonth(index + 1);
    return LocalDate.of(Math.floorDiv(month, 12), month % 12 + 1, 1).atStartOfDay(zone).toInstant();
  }

  /** When period {@code index} is published. */
  public Instant publishedAt(Period period, int index) {
    return end(period, index).plus(settings.publicationLag());
  }

  public boolean published(Period period, int index) {
    return !publishedAt(period, index).isAfter(clock.instant());
  }

  /** The latest published period. */
  public int latest(Period period) {
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    int index = period.of(today.getYear() * 12 + today.getMonthValue() - 1);
    while (!published(period, index)) {
      index--;
    }
    return index;
  }
}
