package fr.vigie.clocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The clocks' settings: opening hours and targets as an operator writes them, typos refused. */
class ClockSettingsTest {

  @Test
  void openingHoursAreReadAsAnOperatorWritesThem() {
    var week = CalendarSettings.week(List.of("MON-FRI 09:00-18:00", "sat 09:00-12:00"));
    assertThat(week).hasSize(6).doesNotContainKey(DayOfWeek.SUNDAY);
    assertThat(week.get(DayOfWeek.WEDNESDAY).opens()).isEqualTo(LocalTime.of(9, 0));
    assertThat(week.get(DayOfWeek.SATURDAY).closes()).isEqualTo(LocalTime.of(12, 0));
    // A range may wrap over the weekend.
    assertThat(CalendarSettings.week(List.of("FRI-MON 08:00-20:00")))
        .containsOnlyKeys(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "MON-FRI 9-18",
        "MOX-FRI 09:00-18:00",
        "MON-FRI 18:00-09:00",
        "MON-FRI 09:00-25:00",
        "",
        "MON-FRI 09:00-18:00; DROP TABLE clock"
      })
  void aTypoInTheOpeningHoursStopsTheStartUp(String entry) {
    assertThatThrownBy(() -> CalendarSettings.week(List.of(entry)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("vigie.csirt.opening-hours");
  }

  @Test
  void targetsAreWallClockOrBusinessTime() {
    assertThat(Target.parse("30m").business()).isFalse();
    assertThat(Target.parse("5d").length(BusinessCalendar.standard()))
        .isEqualTo(Duration.ofDays(5));
    assertThat(Target.parse("2bh").business()).isTrue();
    assertThat(Target.parse("2bd").length(BusinessCalendar.standard()))
        .isEqualTo(Duration.ofHours(18));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0m", "-1h", "2 bh", "2w", "h", "99999h", "1.5h", ""})
  void malformedTargetsAreRefused(String text) {
    assertThatThrownBy(() -> Target.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
