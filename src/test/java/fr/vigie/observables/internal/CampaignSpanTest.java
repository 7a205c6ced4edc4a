package fr.vigie.observables.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which sightings make a wave (DESIGN.md §14): N distinct victims within one span of D. */
class CampaignSpanTest {

  static final Instant MONDAY = Instant.parse("2027-03-01T09:00:00Z");
  static final Duration WEEK = Duration.ofDays(7);

  static CampaignStore.Seen seen(long id, int day, String victim) {
    return new CampaignStore.Seen(id, MONDAY.plus(Duration.ofDays(day)), victim);
  }

  @Test
  void threeVictimsWithinAWeekMakeAWave() {
    List<CampaignStore.Seen> seen = List.of(seen(1, 0, "a"), seen(2, 2, "b"), seen(3, 5, "c"));
    assertThat(CampaignStore.span(seen, MONDAY.plus(Duration.ofDays(5)), 3, WEEK))
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void aFourthAMonthLaterIsNoWave() {
    List<CampaignStore.Seen> seen =
        List.of(seen(1, 0, "a"), seen(2, 2, "b"), seen(3, 5, "c"), seen(4, 36, "d"));
    assertThat(CampaignStore.span(seen, MONDAY.plus(Duration.ofDays(36)), 3, WEEK)).isEmpty();
  }

  @Test
  void theSameVictimTwiceCountsOnce() {
    List<CampaignStore.Seen> seen = List.of(seen(1, 0, "a"), seen(2, 1, "a"), seen(3, 2, "b"));
    assertThat(CampaignStore.span(seen, MONDAY.plus(Duration.ofDays(2)), 3, WEEK)).isEmpty();
  }

  @Test
  void spreadOverMoreThanTheWindowIsNoWave() {
    List<CampaignStore.Seen> seen = List.of(seen(1, 0, "a"), seen(2, 4, "b"), seen(3, 8, "c"));
    assertThat(CampaignStore.span(seen, MONDAY.plus(Duration.ofDays(8)), 3, WEEK)).isEmpty();
  }

  @Test
  void aLateTicketJoinsTheSpanThatHoldsIt() {
    List<CampaignStore.Seen> seen =
        List.of(seen(1, 0, "a"), seen(2, 2, "b"), seen(3, 5, "c"), seen(4, 8, "d"));
    assertThat(CampaignStore.span(seen, MONDAY.plus(Duration.ofDays(8)), 3, WEEK))
        .containsExactly(2L, 3L, 4L);
  }
}
