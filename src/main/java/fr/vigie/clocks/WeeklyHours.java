package fr.vigie.clocks;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening hours written as {@code MON-FRI 09:00-18:00} (several entries, later ones win for the
 * days they name): the desk's own hours and a provider's. Throws {@link IllegalArgumentException}
 * with a message fit for the person who wrote the entry.
 */
public final class WeeklyHours {

  private static final Pattern ENTRY =
      Pattern.compile(
          "\\s*([A-Z]{3})(?:-([A-Z]{3}))?\\s+([0-9]{2}:[0-9]{2})-([0-9]{2}:[0-9]{2})\\s*");

  private WeeklyHours() {}

  public static Map<DayOfWeek, BusinessCalendar.Hours> parse(List<String> entries) {
    Map<DayOfWeek, BusinessCalendar.Hours> week = new EnumMap<>(DayOfWeek.class);
    for (String entry : entries) {
      Matcher m = ENTRY.matcher(entry.toUpperCase(Locale.ROOT));
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "expected e.g. 'MON-FRI 09:00-18:00', got '" + shorten(entry) + "'");
      }
      DayOfWeek from = day(m.group(1));
      DayOfWeek to = m.group(2) == null ? from : day(m.group(2));
      BusinessCalendar.Hours hours;
      try {
        hours =
            new BusinessCalendar.Hours(LocalTime.parse(m.group(3)), LocalTime.parse(m.group(4)));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a time of day in '" + shorten(entry) + "'", e);
      }
      for (int d = from.getValue(); ; d = d % 7 + 1) {
        week.put(DayOfWeek.of(d), hours);
        if (d == to.getValue()) {
          break;
        }
      }
    }
    return week;
  }

  /** Whether {@code time} on {@code day} falls within the hours. */
  public static boolean isOpen(
      Map<DayOfWeek, BusinessCalendar.Hours> week, DayOfWeek day, LocalTime time) {
    BusinessCalendar.Hours hours = week.get(day);
    return hours != null && !time.isBefore(hours.opens()) && time.isBefore(hours.closes());
  }

  private static DayOfWeek day(String abbreviation) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().startsWith(abbreviation)) {
        return day;
      }
    }
    throw new IllegalArgumentException("unknown day '" + abbreviation + "' (MON … SUN)");
  }

  private static String shorten(String entry) {
    return entry.length() > 40 ? entry.substring(0, 40) + "…" : entry;
  }
}
