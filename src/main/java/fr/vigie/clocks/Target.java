package fr.vigie.clocks;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a clock may run: wall-clock time ({@code 30m}, {@code 2h}, {@code 5d}: minutes, hours,
 * days of 24 h) or business time on the desk's calendar ({@code 2bh}: business hours, {@code 1bd}:
 * business days, each one full opening day). Written this way in the configuration and shown as
 * such on a clock.
 */
public record Target(String text, long amount, Unit unit) {

  public enum Unit {
    MINUTES,
    HOURS,
    DAYS,
    BUSINESS_HOURS,
    BUSINESS_DAYS
  }

  private static final Pattern FORM = Pattern.compile("([0-9]{1,4})(m|h|d|bh|bd)");

  public static Target parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(
          "a clock target is a positive number and a unit: m, h, d (wall-clock) or bh, bd"
              + " (business hours, business days), e.g. 30m or 2bh; got '"
              + text
              + "'");
    }
    Unit unit =
        switch (m.group(2)) {
          case "m" -> Unit.MINUTES;
          case "h" -> Unit.HOURS;
          case "d" -> Unit.DAYS;
          case "bh" -> Unit.BUSINESS_HOURS;
          default -> Unit.BUSINESS_DAYS;
        };
    return new Target(m.group(0), Long.parseLong(m.group(1)), unit);
  }

  public boolean business() {
    return unit == Unit.BUSINESS_HOURS || unit == Unit.BUSINESS_DAYS;
  }

  /** The amount as time to consume: wall-clock time, or business time inside opening hours. */
  public Duration length(BusinessCalendar calendar) {
    return switch (unit) {
      case MINUTES -> Duration.ofMinutes(amount);
      case HOURS -> Duration.ofHours(amount);
      case DAYS -> Duration.ofDays(amount);
      case BUSINESS_HOURS -> Duration.ofHours(amount);
      case BUSINESS_DAYS -> calendar.businessDay().multipliedBy(amount);
    };
  }

  /** When a clock of this target started at {@code from} (and never paused) is due. */
  public Instant dueFrom(BusinessCalendar calendar, Instant from, boolean alsaceMoselle) {
    return after(calendar, from, length(calendar), alsaceMoselle);
  }

  /** Time consumed between two instants: all of it, or only what falls in opening hours. */
  Duration measure(BusinessCalendar calendar, Instant from, Instant to, boolean alsaceMoselle) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    return business()
        ? calendar.businessTimeBetween(from, to, alsaceMoselle)
        : Duration.between(from, to);
  }

  /** When {@code amount} more is consumed, counting from {@code from}. */
  Instant after(BusinessCalendar calendar, Instant from, Duration amount, boolean alsaceMoselle) {
    return business() ? calendar.plusBusinessTime(from, amount, alsaceMoselle) : from.plus(amount);
  }
}
