package fr.vigie.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressionTest {

  private static boolean[] apply(Tables.Table t, int k) {
    return Suppression.apply(t.coords(), t.values(), new boolean[t.values().length], k);
  }

  @Test
  void aSmallCellTakesItsRowAndColumnPartnersWithItAndTheMarginsStay() {
    Map<List<String>, Long> cells = new LinkedHashMap<>();
    cells.put(List.of("29", "COLLECTIVITE"), 2L);
    cells.put(List.of("29", "ENTREPRISE"), 10L);
    cells.put(List.of("35", "COLLECTIVITE"), 11L);
    cells.put(List.of("35", "ENTREPRISE"), 12L);
    Tables.Table t = Tables.withMargins(cells, 2);

    boolean[] s = apply(t, 5);

    assertThat(s[t.index("29", "COLLECTIVITE")]).as("primary: 2 < 5").isTrue();
    assertThat(s[t.index("29", "ENTREPRISE")]).as("else 29's total gives it away").isTrue();
    assertThat(s[t.index("35", "COLLECTIVITE")]).as("else COLLECTIVITE's total does").isTrue();
    assertThat(s[t.index("35", "ENTREPRISE")]).isTrue();
    for (String[] margin :
        List.of(
            new String[] {"29", null},
            new String[] {"35", null},
            new String[] {null, "COLLECTIVITE"},
            new String[] {null, "ENTREPRISE"},
            new String[] {null, null})) {
      assertThat(s[t.index(margin)]).as("margin %s", java.util.Arrays.asList(margin)).isFalse();
    }
    assertThat(Tables.recoverable(t.coords(), s)).isEmpty();
  }

  @Test
  void nothingIsHiddenWhenEveryCellHasKVictims() {
    Map<List<String>, Long> cells = new LinkedHashMap<>();
    cells.put(List.of("29", "P1"), 5L);
    cells.put(List.of("29", "P2"), 7L);
    cells.put(List.of("35", "P1"), 9L);
    Tables.Table t = Tables.withMargins(cells, 2);

    assertThat(apply(t, 5)).containsOnly(false);
    assertThat(apply(t, 6)).as("k = 6 hides the 5 and what would give it away").contains(true);
  }

  @Test
  void twoSmallCellsOfOneLineRevealingFewerThanKTogetherTakeAThird() {
    Map<List<String>, Long> cells = new LinkedHashMap<>();
    cells.put(List.of("a"), 1L);
    cells.put(List.of("b"), 2L);
    cells.put(List.of("c"), 40L);
    cells.put(List.of("d"), 50L);
    Tables.Table t = Tables.withMargins(cells, 1);

    boolean[] s = apply(t, 5);

    // 93 - 40 - 50 = 3: "a and b together are 3 victims" would single out a small group.
    assertThat(s[t.index("c")]).isTrue();
    assertThat(s[t.index("d")]).isFalse();
    assertThat(s[t.index((String) null)]).isFalse();
  }

  /**
   * Two blocks of hidden cells joined by one hidden cell: every row and column has two hidden cells
   * or none, yet rows and columns combined give the joining cell away (it is a bridge). The audit
   * finds it and hides one more cell.
   */
  @Test
  void aCellRecoverableOnlyByCombiningRowsAndColumnsIsFoundByTheAudit() {
    String[] rows = {"r1", "r2", "r3", "r4"};
    String[] cols = {"c1", "c2", "c3", "c4"};
    List<String> small =
        List.of("r1c1", "r1c2", "r2c1", "r2c2", "r3c3", "r3c4", "r4c3", "r4c4", "r2c3");
    Map<List<String>, Long> cells = new LinkedHashMap<>();
    for (String r : rows) {
      for (String c : cols) {
        cells.put(List.of(r, c), small.contains(r + c) ? 2L : 50L);
      }
    }
    Tables.Table t = Tables.withMargins(cells, 2);
    boolean[] primary = new boolean[t.values().length];
    for (int i = 0; i < primary.length; i++) {
      primary[i] = t.values()[i] < 3;
    }
    assertThat(Tables.recoverable(t.coords(), primary))
        .as("the bridge is recoverable from the primary pattern")
        .containsExactly(t.index("r2", "c3"));

    boolean[] s = apply(t, 3);

    assertThat(Tables.recoverable(t.coords(), s)).isEmpty();
    assertThat(s[t.index("r2", "c3")]).isTrue();
  }

  @Test
  void aProtectedTotalIsGivenUpOnlyWhenNothingElseCan() {
    Map<List<String>, Long> cells = new LinkedHashMap<>();
    cells.put(List.of("INCIDENT"), 2L);
    cells.put(List.of("SIGNALEMENT"), 30L);
    Tables.Table t = Tables.withMargins(cells, 1);
    boolean[] protect = new boolean[t.values().length];
    protect[t.index((String) null)] = true;

    boolean[] s = Suppression.apply(t.coords(), t.values(), protect, 5);

    assertThat(s[t.index("INCIDENT")]).isTrue();
    assertThat(s[t.index("SIGNALEMENT")]).isTrue();
    assertThat(s[t.index((String) null)]).as("protected, and 32 ≥ 5").isFalse();

    Map<List<String>, Long> one = new LinkedHashMap<>();
    one.put(List.of("INCIDENT"), 30L);
    Tables.Table single = Tables.withMargins(one, 1);
    boolean[] noProtect = new boolean[single.values().length];
    assertThat(Suppression.apply(single.coords(), single.values(), noProtect, 5))
        .containsOnly(false);
  }

  @Test
  void theSamePatternEveryTime() {
    Map<List<String>, Long> cells = new LinkedHashMap<>();
    long[] v = {1, 4, 9, 9, 2, 30, 3, 8, 9};
    for (int i = 0; i < 9; i++) {
      cells.put(List.of("r" + i / 3, "c" + i % 3), v[i]);
    }
    Tables.Table t = Tables.withMargins(cells, 2);
    assertThat(apply(t, 5)).isEqualTo(apply(t, 5));
  }
}
