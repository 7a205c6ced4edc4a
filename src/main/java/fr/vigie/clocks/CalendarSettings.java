package fr.vigie.clocks;

import fr.vigie.CsirtSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The desk's {@link BusinessCalendar} from configuration: {@code vigie.csirt.timezone}, {@code
 * vigie.csirt.opening-hours} (e.g. {@code MON-FRI 09:00-18:00}, several entries allowed, env {@code
 * VIGIE_CSIRT_OPENING_HOURS}) and {@code vigie.csirt.closed-dates} (ISO dates the desk is closed
 * besides French public holidays, e.g. a bridge day or an overseas holiday). A malformed entry
 * stops the start-up: a typo must not silently open the desk on Sundays.
 */
@Factory
final class CalendarSettings {

  // Built at start-up (@Context): a malformed setting stops Vigie instead of the first request.
  @Context
  BusinessCalendar calendar(
      CsirtSettings csirt,
      @Value("${vigie.csirt.opening-hours}") List<String> hours,
      @Value("${vigie.csirt.closed-dates}") List<String> closedDates) {
    return new BusinessCalendar(csirt.zone(), week(hours), dates(closedDates));
  }

  static Map<DayOfWeek, BusinessCalendar.Hours> week(List<String> entries) {
    try {
      return WeeklyHours.parse(entries);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("vigie.csirt.opening-hours: " + e.getMessage(), e);
    }
  }

  private static Set<LocalDate> dates(List<String> values) {
    Set<LocalDate> dates = new HashSet<>();
    for (String value : values) {
      if (value.isBlank()) {
        continue;
      }
      try {
        dates.add(LocalDate.parse(value.strip()));
      } catch (DateTimeParseException e) {
        throw new ConfigurationException(
            "vigie.csirt.closed-dates: expected ISO dates (2026-12-24), got '" + value + "'", e);
      }
    }
    return dates;
  }
}
