package fr.vigie.clocks;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The desk's business calendar (DESIGN.md §7): opening hours per weekday in the desk's time zone,
 * French public holidays (with the Alsace-Moselle extras when asked), extra closed dates. A target
 * in business time is consumed only inside opening hours; one business day is one full opening
 * day's length. Daylight-saving changes are handled by computing each day's window in the zone.
 * Pure code: no clock, no framework.
 */
public final class BusinessCalendar {

  /** Opening hours of one weekday, e.g. 09:00–18:00. */
  public record Hours(LocalTime opens, LocalTime closes) {
    public Hours {
      if (!closes.isAfter(opens)) {
        throw new IllegalArgumentException(
            "closing must come after opening: " + opens + "-" + closes);
      }
    }

    Duration length() {
      return Duration.between(opens, closes);
    }
  }

  private final ZoneId zone;
  private final Map<DayOfWeek, Hours> week;
  private final Set<LocalDate> closed;
  private final Duration businessDay;

  public BusinessCalendar(ZoneId zone, Map<DayOfWeek, Hours> week, Set<LocalDate> closed) {
    if (week.isEmpty()) {
      throw new IllegalArgumentException("the desk must open at least one day a week");
    }
    this.zone = zone;
    this.week = new EnumMap<>(week);
    this.closed = Set.copyOf(closed);
    this.businessDay =
        week.values().stream().map(Hours::length).max(Duration::compareTo).orElseThrow();
  }

  /** Europe/Paris, Monday to Friday 09:00–18:00, no extra closed dates (DESIGN.md §7). */
  public static BusinessCalendar standard() {
    Map<DayOfWeek, Hours> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
        week.put(day, new Hours(LocalTime.of(9, 0), LocalTime.of(18, 0)));
      }
    }
    return new BusinessCalendar(ZoneId.of("Europe/Paris"), week, Set.of());
  }

  public boolean isOpenDay(LocalDate date, boolean alsaceMoselle) {
    return week.containsKey(date.getDayOfWeek())
        && !closed.contains(date)
        && !FrenchHolidays.of(date.getYear(), alsaceMoselle).contains(date);
  }

  /** When {@code amount} of business time, counted from {@code start}, runs out. */
  public Instant plusBusinessTime(Instant start, Duration amount, boolean alsaceMoselle) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + amount);
    }
    Duration left = amount;
    ZonedDateTime cursor = start.atZone(zone);
    LocalDate day = cursor.toLocalDate();
    for (int guard = 0; guard < 3_660; guard++, day = day.plusDays(1)) {
      if (!isOpenDay(day, alsaceMoselle)) {
        continue;
      }
      ZonedDateTime opens = opens(day);
      ZonedDateTime closes = closes(day);
      ZonedDateTime from = cursor.isAfter(opens) ? cursor : opens;
      if (!from.isBefore(closes)) {
        continue;
      }
      Duration available = Duration.between(from, closes);
      if (left.compareTo(available) <= 0) {
        return from.plus(left).toInstant();
      }
      left = left.minus(available);
    }
    throw new IllegalStateException("no opening hours within ten years of " + start);
  }

  /** {@code days} business days later: each is one full opening day's length. */
  public Instant plusBusinessDays(Instant start, int days, boolean alsaceMoselle) {
    return plusBusinessTime(start, businessDay.multipliedBy(days), alsaceMoselle);
  }

  /** Business time inside opening hours between {@code from} and {@code to} (zero if reversed). */
  public Duration businessTimeBetween(Instant from, Instant to, boolean alsaceMoselle) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    ZonedDateTime start = from.atZone(zone);
    ZonedDateTime end = to.atZone(zone);
    for (LocalDate day = start.toLocalDate();
        !day.isAfter(end.toLocalDate());
        day = day.plusDays(1)) {
      if (!isOpenDay(day, alsaceMoselle)) {
        continue;
      }
      ZonedDateTime opens = opens(day);
      ZonedDateTime closes = closes(day);
      ZonedDateTime a = start.isAfter(opens) ? start : opens;
      ZonedDateTime b = end.isBefore(closes) ? end : closes;
      if (b.isAfter(a)) {
        total = total.plus(Duration.between(a, b));
      }
    }
    return total;
  }

  // An open day's window in the zone: on a daylight-saving day the local hours stay the same.
  private ZonedDateTime opens(LocalDate day) {
    return day.atTime(week.get(day.getDayOfWeek()).opens()).atZone(zone);
  }

  private ZonedDateTime closes(LocalDate day) {
    return day.atTime(week.get(day.getDayOfWeek()).closes()).atZone(zone);
  }

  /** The length of one business day: the longest opening day of the week. */
  public Duration businessDay() {
    return businessDay;
  }

  public ZoneId zone() {
    return zone;
  }
}
