package fr.vigie.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Statistical secrecy on random cubes (issue 7, "Done when"): one to three dimensions of one to
 * four values, sparse and small counts (the regional CSIRT's reality), k from 3 to 7. Whatever the
 * cube: no published entry below k, no line (a total and what it sums) with exactly one hidden
 * entry or revealing a group of fewer than k by subtraction, and no hidden entry an attacker can
 * compute exactly from all the published ones together (exact rational elimination, not the
 * implementation's own modular check).
 */
class SuppressionPropertiesTest {

  record Cube(int dims, Map<List<String>, Long> cells) {}

  @Provide
  Arbitrary<Cube> cubes() {
    return Arbitraries.integers()
        .between(1, 3)
        .flatMap(
            dims ->
                Arbitraries.integers()
                    .between(1, 4)
                    .list()
                    .ofSize(dims)
                    .flatMap(
                        sizes -> {
                          int cells = sizes.stream().reduce(1, (a, b) -> a * b);
                          Arbitrary<Long> value =
                              Arbitraries.frequencyOf(
                                  net.jqwik.api.Tuple.of(4, Arbitraries.just(0L)),
                                  net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, 4)),
                                  net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(5, 40)));
                          return value
                              .list()
                              .ofSize(cells)
                              .map(values -> new Cube(dims, cells(sizes, values)));
                        }));
  }

  private static Map<List<String>, Long> cells(List<Integer> sizes, List<Long> values) {
    Map<List<String>, Long> cells = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      List<String> key = new ArrayList<>();
      int rest = i;
      for (int d = 0; d < sizes.size(); d++) {
        key.add("v" + rest % sizes.get(d));
        rest /= sizes.get(d);
      }
      cells.put(key, values.get(i));
    }
    return cells;
  }

  @Property(tries = 400)
  void noPublishedEntryBelowK(
      @ForAll("cubes") Cube cube, @ForAll @IntRange(min = 3, max = 7) int k) {
    Tables.Table t = Tables.withMargins(cube.cells(), cube.dims());
    boolean[] s = apply(t, k);
    for (int i = 0; i < s.length; i++) {
      if (!s[i]) {
        assertThat(t.values()[i])
            .as("published entry %s", java.util.Arrays.asList(t.coords().get(i)))
            .isGreaterThanOrEqualTo(k);
      }
    }
  }

  @Property(tries = 400)
  void noHiddenEntryRecoverableBySubtractionAlongALine(
      @ForAll("cubes") Cube cube, @ForAll @IntRange(min = 3, max = 7) int k) {
    Tables.Table t = Tables.withMargins(cube.cells(), cube.dims());
    boolean[] s = apply(t, k);
    for (int[] line : Tables.lines(t.coords())) {
      int hidden = 0;
      long published = 0;
      for (int j = 1; j < line.length; j++) {
        if (s[line[j]]) {
          hidden++;
        } else {
          published += t.values()[line[j]];
        }
      }
      int hiddenWithTotal = hidden + (s[line[0]] ? 1 : 0);
      assertThat(hiddenWithTotal).as("hidden entries of a line").isNotEqualTo(1);
      if (!s[line[0]] && hidden > 0) {
        assertThat(t.values()[line[0]] - published)
            .as("what subtraction reveals along a line")
            .isGreaterThanOrEqualTo(k);
      }
    }
  }

  @Property(tries = 300)
  void noHiddenEntryRecoverableFromAllPublishedEntriesTogether(
      @ForAll("cubes") Cube cube, @ForAll @IntRange(min = 3, max = 7) int k) {
    Tables.Table t = Tables.withMargins(cube.cells(), cube.dims());
    boolean[] s = apply(t, k);
    assertThat(Tables.recoverable(t.coords(), s)).isEmpty();
  }

  @Property(tries = 100)
  void askingTwiceShowsTheSamePattern(
      @ForAll("cubes") Cube cube, @ForAll @IntRange(min = 3, max = 7) int k) {
    Tables.Table t = Tables.withMargins(cube.cells(), cube.dims());
    assertThat(apply(t, k)).isEqualTo(apply(t, k));
  }

  private static boolean[] apply(Tables.Table t, int k) {
    return Suppression.apply(t.coords(), t.values(), new boolean[t.values().length], k);
  }
}
