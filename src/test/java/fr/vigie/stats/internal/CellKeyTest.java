package fr.vigie.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CellKeyTest {

  @Test
  void thePerturbationTableGivesEveryNoiseInItsRangeAndSumsToOne() {
    double total = 0;
    for (int z = -CellKey.MAX_NOISE; z <= CellKey.MAX_NOISE; z++) {
      assertThat(CellKey.probability(z)).as("noise %d", z).isPositive();
      assertThat(CellKey.probability(z)).isEqualTo(CellKey.probability(-z));
      total += CellKey.probability(z);
    }
    assertThat(total).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(CellKey.probability(CellKey.MAX_NOISE + 1)).isZero();
    assertThat(CellKey.probability(0)).isBetween(0.42, 0.44);
    assertThat(CellKey.probability(1) + CellKey.probability(-1)).isBetween(0.33, 0.35);
  }

  @Test
  void theSameVictimsGetTheSameNoiseAndKeysSpreadOverTheTable() {
    Random random = new Random(5);
    long[] seen = new long[2 * CellKey.MAX_NOISE + 1];
    int draws = 200_000;
    for (int i = 0; i < draws; i++) {
      long a = random.nextLong();
      long b = random.nextLong();
      assertThat(CellKey.noise(a + b)).isEqualTo(CellKey.noise(b + a));
      seen[CellKey.noise(a + b) + CellKey.MAX_NOISE]++;
    }
    for (int z = -3; z <= 3; z++) {
      assertThat((double) seen[z + CellKey.MAX_NOISE] / draws)
          .as("noise %d", z)
          .isCloseTo(CellKey.probability(z), org.assertj.core.data.Offset.offset(0.005));
    }
  }

  @Test
  void aShownCountIsNeverBelowKAndWithinTheNoiseOfTheTruth() {
    Random random = new Random(9);
    for (int i = 0; i < 100_000; i++) {
      int k = 3 + random.nextInt(5);
      long count = k + random.nextInt(60);
      long key = random.nextLong();
      long perturbed = CellKey.perturb(count, key);
      assertThat(Math.abs(perturbed - count)).isLessThanOrEqualTo(CellKey.MAX_NOISE);
      if (CellKey.shown(count, perturbed, k)) {
        assertThat(perturbed).isGreaterThanOrEqualTo(k);
        assertThat(CellKey.possible(perturbed, count, k)).isTrue();
      } else {
        assertThat(CellKey.possiblyHidden(count, k)).isTrue();
      }
    }
    assertThat(CellKey.shown(4, 9, 5)).as("a count below k is never shown").isFalse();
    assertThat(CellKey.possible(5, 4, 5)).isFalse();
    assertThat(CellKey.possible(5, 5 + CellKey.MAX_NOISE, 5)).isTrue();
    assertThat(CellKey.possible(5, 6 + CellKey.MAX_NOISE, 5)).isFalse();
    assertThat(CellKey.possiblyHidden(5 + CellKey.MAX_NOISE - 1, 5)).isTrue();
    assertThat(CellKey.possiblyHidden(5 + CellKey.MAX_NOISE, 5)).isFalse();
  }
}
