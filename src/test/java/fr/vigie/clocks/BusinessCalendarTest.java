package fr.vigie.clocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {

  static final BusinessCalendar PARIS = BusinessCalendar.standard();

  static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  @ParameterizedTest(name = "Easter {0} is {1}")
  @CsvSource({
    "2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28",
    "2038, 2038-04-25", "2285, 2285-03-22", "1818, 1818-03-22", "2011, 2011-04-24"
  })
  void easterSunday(int year, LocalDate expected) {
    assertThat(FrenchHolidays.easterSunday(year)).isEqualTo(expected);
  }

  @Test
  void theElevenFrenchHolidaysOf2026() {
    assertThat(FrenchHolidays.of(2026, false))
        .containsExactly(
            LocalDate.parse("2026-01-01"),
            LocalDate.parse("2026-04-06"),
            LocalDate.parse("2026-05-01"),
            LocalDate.parse("2026-05-08"),
            LocalDate.parse("2026-05-14"),
            LocalDate.parse("2026-05-25"),
            LocalDate.parse("2026-07-14"),
            LocalDate.parse("2026-08-15"),
            LocalDate.parse("2026-11-01"),
            LocalDate.parse("2026-11-11"),
            LocalDate.parse("2026-12-25"));
  }

  @Test
  void alsaceMoselleAddsGoodFridayAndSaintStephen() {
    assertThat(FrenchHolidays.of(2026, true))
        .hasSize(13)
        .contains(LocalDate.parse("2026-04-03"), LocalDate.parse("2026-12-26"));
    assertThat(FrenchHolidays.isAlsaceMoselle("67")).isTrue();
    assertThat(FrenchHolidays.isAlsaceMoselle("29")).isFalse();
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource({
    // inside the day
    "2026-11-18T10:00+01:00, PT2H, 2026-11-18T12:00+01:00",
    // before opening: the clock starts at 09:00
    "2026-11-16T07:00+01:00, PT1H, 2026-11-16T10:00+01:00",
    // Friday evening: the rest runs on Monday
    "2026-11-20T17:00+01:00, PT2H, 2026-11-23T10:00+01:00",
    // the weekend consumes nothing
    "2026-11-21T15:00+01:00, PT30M, 2026-11-23T09:30+01:00",
    // 11 November is a holiday (Wednesday in 2026)
    "2026-11-10T17:30+01:00, PT1H, 2026-11-12T09:30+01:00",
    // Christmas Eve: Christmas, then the weekend
    "2026-12-24T17:00+01:00, PT2H, 2026-12-28T10:00+01:00",
    // exactly at closing time: nothing left today
    "2026-11-18T18:00+01:00, PT1H, 2026-11-19T10:00+01:00",
    // across the spring clock change (29 March 2026): same wall-clock hours, new offset
    "2026-03-27T17:30+01:00, PT1H, 2026-03-30T09:30+02:00",
    // zero business time from the weekend lands on the next opening
    "2026-11-22T12:00+01:00, PT0S, 2026-11-23T09:00+01:00"
  })
  void businessTimeIsConsumedOnlyWhenTheDeskIsOpen(String start, Duration amount, String due) {
    assertThat(PARIS.plusBusinessTime(at(start), amount, false)).isEqualTo(at(due));
  }

  @Test
  void goodFridayAndEasterMondayCloseTheDeskInAlsaceMoselle() {
    Instant thursday = at("2026-04-02T17:00+02:00");
    assertThat(PARIS.plusBusinessTime(thursday, Duration.ofHours(2), false))
        .isEqualTo(at("2026-04-03T10:00+02:00"));
    assertThat(PARIS.plusBusinessTime(thursday, Duration.ofHours(2), true))
        .isEqualTo(at("2026-04-07T10:00+02:00"));
  }

  @Test
  void oneBusinessDayIsOneFullOpeningDay() {
    assertThat(PARIS.plusBusinessDays(at("2026-11-18T10:00+01:00"), 1, false))
        .isEqualTo(at("2026-11-19T10:00+01:00"));
    assertThat(PARIS.plusBusinessDays(at("2026-11-20T10:00+01:00"), 3, false))
        .isEqualTo(at("2026-11-25T10:00+01:00"));
  }

  @Test
  void extraClosedDatesAndOtherHoursAreConfigurable() {
    var saturdays =
        new BusinessCalendar(
            ZoneId.of("Indian/Reunion"),
            Map.of(
                DayOfWeek.SATURDAY,
                new BusinessCalendar.Hours(LocalTime.of(8, 0), LocalTime.of(12, 0))),
            Set.of(LocalDate.parse("2026-12-19")));
    // A desk open on Saturday mornings only, closed on the 19th: the next opening is the 26th.
    assertThat(saturdays.plusBusinessTime(at("2026-12-18T10:00+04:00"), Duration.ofHours(1), false))
        .isEqualTo(at("2026-12-26T09:00+04:00"));
    assertThat(saturdays.plusBusinessDays(at("2026-12-26T08:00+04:00"), 1, false))
        .as("a business day counted from opening ends at that day's closing")
        .isEqualTo(at("2026-12-26T12:00+04:00"));
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new BusinessCalendar.Hours(LocalTime.of(18, 0), LocalTime.of(9, 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BusinessCalendar(ZoneId.of("Europe/Paris"), Map.of(), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PARIS.plusBusinessTime(Instant.EPOCH, Duration.ofHours(-1), false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theElevenFrenchHolidaysOf2027() {
    // Easter 2027 is 28 March: Easter Monday 29 March, Ascension 6 May, Whit Monday 17 May.
    assertThat(FrenchHolidays.of(2027, false))
        .containsExactly(
            LocalDate.parse("2027-01-01"),
            LocalDate.parse("2027-03-29"),
            LocalDate.parse("2027-05-01"),
            LocalDate.parse("2027-05-06"),
            LocalDate.parse("2027-05-08"),
            LocalDate.parse("2027-05-17"),
            LocalDate.parse("2027-07-14"),
            LocalDate.parse("2027-08-15"),
            LocalDate.parse("2027-11-01"),
            LocalDate.parse("2027-11-11"),
            LocalDate.parse("2027-12-25"));
    assertThat(FrenchHolidays.of(2027, true))
        .contains(LocalDate.parse("2027-03-26"), LocalDate.parse("2027-12-26"));
  }

  @ParameterizedTest(name = "{0}: Easter Monday {1}, Ascension {2}, Whit Monday {3}")
  @CsvSource({
    // From the published calendars (service-public.fr), not from the formula under test.
    "2024, 2024-04-01, 2024-05-09, 2024-05-20, 2024-03-29",
    "2025, 2025-04-21, 2025-05-29, 2025-06-09, 2025-04-18",
    "2026, 2026-04-06, 2026-05-14, 2026-05-25, 2026-04-03",
    "2027, 2027-03-29, 2027-05-06, 2027-05-17, 2027-03-26",
    "2028, 2028-04-17, 2028-05-25, 2028-06-05, 2028-04-14",
    "2029, 2029-04-02, 2029-05-10, 2029-05-21, 2029-03-30",
    "2030, 2030-04-22, 2030-05-30, 2030-06-10, 2030-04-19"
  })
  void easterBasedHolidays(
      int year,
      LocalDate easterMonday,
      LocalDate ascension,
      LocalDate whitMonday,
      LocalDate goodFriday) {
    assertThat(FrenchHolidays.of(year, false))
        .contains(easterMonday, ascension, whitMonday)
        .doesNotContain(goodFriday)
        .hasSize(11);
    assertThat(FrenchHolidays.of(year, true)).contains(goodFriday).hasSize(13);
  }

  @Test
  void theAutumnClockChangeKeepsOpeningHoursInLocalTime() {
    // Friday 23 October 2026 17:30 (+02:00); Sunday the 25th the clocks go back to +01:00.
    assertThat(PARIS.plusBusinessTime(at("2026-10-23T17:30+02:00"), Duration.ofHours(2), false))
        .isEqualTo(at("2026-10-26T10:30+01:00"));
  }

  @Test
  void businessTimeBetweenTwoInstantsIsWhatPlusBusinessTimeConsumed() {
    Instant start = at("2026-12-23T16:00+01:00");
    for (int hours = 0; hours <= 40; hours += 3) {
      Instant due = PARIS.plusBusinessTime(start, Duration.ofHours(hours), false);
      assertThat(PARIS.businessTimeBetween(start, due, false)).hasHours(hours);
    }
    // A weekend and Christmas count nothing.
    assertThat(
            PARIS.businessTimeBetween(
                at("2026-12-24T18:00+01:00"), at("2026-12-28T09:00+01:00"), false))
        .isZero();
    assertThat(
            PARIS.businessTimeBetween(
                at("2026-12-28T12:00+01:00"), at("2026-12-28T10:00+01:00"), false))
        .as("reversed")
        .isZero();
  }
}
