package fr.vigie.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.stats.Dimension;
import fr.vigie.stats.Period;
import fr.vigie.stats.internal.CubeEngine.Group;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CubeEngineTest {

  static final int JAN_2025 = 2025 * 12;

  /** A fact: ticket, victim, month offset from January 2025, département, severity, minutes. */
  static Fact fact(long ticket, long victim, int month, String dep, String severity, int fc) {
    String[] values = new String[Dimension.values().length];
    Arrays.fill(values, "UNKNOWN");
    values[Dimension.DEPARTEMENT.ordinal()] = dep;
    values[Dimension.SEVERITY.ordinal()] = severity;
    values[Dimension.VICTIM_CATEGORY.ordinal()] = "ENTREPRISE";
    values[Dimension.SIZE_BAND.ordinal()] = "UNKNOWN";
    values[Dimension.OUTCOME.ordinal()] = "NOT_CLOSED";
    values[Dimension.PREVENTED.ordinal()] = "NOT_CLOSED";
    values[Dimension.THREAT.ordinal()] = "PHISHING";
    values[Dimension.RSIT_CLASS.ordinal()] = "fraud";
    values[Dimension.KIND.ordinal()] = "INCIDENT";
    return new Fact(ticket, true, victim, JAN_2025 + month, values, fc, -1, 1, 0, 0);
  }

  private static Group find(List<Group> groups, int period, String... values) {
    return groups.stream()
        .filter(g -> g.period() == period && Arrays.equals(g.values(), values))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no group " + Arrays.toString(values)));
  }

  @Test
  void countsDistinctVictimsPerCellAndMarginAndTicketsSeparately() {
    FactTable t = new FactTable();
    t.put(fact(1, 100, 0, "29", "P1", 10));
    t.put(fact(2, 100, 1, "29", "P2", 20)); // same victim, another severity
    t.put(fact(3, 101, 2, "29", "P2", 30));
    t.put(fact(4, 102, 0, "35", "P2", 40));
    t.put(fact(5, 101, 0, "29", "P2", 50)); // second ticket of 101 in the same cell
    List<Group> g =
        CubeEngine.run(
            t,
            new CubeEngine.Query(
                Period.YEAR,
                2025,
                2025,
                List.of(Dimension.DEPARTEMENT, Dimension.SEVERITY),
                Map.of()));

    assertThat(find(g, 2025, "29", "P2").victims()).isEqualTo(2);
    assertThat(find(g, 2025, "29", "P2").tickets()).isEqualTo(3);
    assertThat(find(g, 2025, "29", null).victims()).as("100 counted once").isEqualTo(2);
    assertThat(find(g, 2025, null, "P2").victims()).isEqualTo(3);
    assertThat(find(g, 2025, null, null).victims()).isEqualTo(3);
    assertThat(find(g, 2025, null, null).tickets()).isEqualTo(5);
    assertThat(find(g, 2025, "29", "P2").medianFirstContact()).as("20, 30, 50").isEqualTo(30);
    assertThat(find(g, 2025, null, null).medianFirstContact())
        .as("lower median of 10…50")
        .isEqualTo(30);
    assertThat(find(g, 2025, "29", null).medianFirstContact()).as("lower of 20, 30").isEqualTo(20);
    assertThat(find(g, 2025, null, null).slaMet()).isEqualTo(5);
    assertThat(g).as("3 cells, 2 + 2 margins, the total").hasSize(3 + 2 + 2 + 1);
  }

  @Test
  void periodsFiltersAndMergedDuplicatesAreRespected() {
    FactTable t = new FactTable();
    t.put(fact(1, 100, 0, "29", "P1", -1));
    t.put(fact(2, 101, 4, "29", "P1", -1));
    t.put(fact(3, 102, 4, "35", "P3", -1));
    t.put(fact(4, 103, 13, "35", "P3", -1)); // February 2026
    Fact merged = fact(5, 104, 4, "29", "P1", -1);
    t.put(new Fact(5, false, 104, merged.month(), merged.values(), -1, -1, 0, 0, 0)); // a duplicate

    List<Group> quarters =
        CubeEngine.run(
            t, new CubeEngine.Query(Period.QUARTER, 2025 * 4, 2025 * 4 + 3, List.of(), Map.of()));
    assertThat(quarters)
        .extracting(Group::period, Group::victims)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(2025 * 4, 1L),
            org.assertj.core.groups.Tuple.tuple(2025 * 4 + 1, 2L));

    List<Group> p1 =
        CubeEngine.run(
            t,
            new CubeEngine.Query(
                Period.YEAR,
                2025,
                2026,
                List.of(Dimension.DEPARTEMENT),
                Map.of(Dimension.SEVERITY, Set.of("P3"))));
    assertThat(p1)
        .extracting(g -> g.period() + " " + g.values()[0] + " " + g.victims())
        .containsExactlyInAnyOrder("2025 35 1", "2025 null 1", "2026 35 1", "2026 null 1");
    assertThat(find(p1, 2025, (String) null).medianFirstContact()).isEqualTo(-1);
  }

  @Test
  void replacingAFactMovesItAndVictimOrderStaysRightAfterChanges() {
    FactTable t = new FactTable();
    Random random = new Random(7);
    long[] victimOf = new long[2000];
    for (int i = 0; i < 2000; i++) {
      victimOf[i] = random.nextInt(300);
      t.put(fact(i, victimOf[i], random.nextInt(12), "29", "P" + (1 + random.nextInt(4)), i));
    }
    CubeEngine.Query all =
        new CubeEngine.Query(Period.YEAR, 2025, 2025, List.of(Dimension.SEVERITY), Map.of());
    CubeEngine.run(t, all);
    for (int i = 0; i < 2000; i += 3) { // a victim corrected on a third of the tickets
      victimOf[i] = 1000 + random.nextInt(50);
      t.put(fact(i, victimOf[i], 0, "29", "P1", i));
    }
    List<Group> g = CubeEngine.run(t, all);
    long expected = Arrays.stream(victimOf).distinct().count();
    assertThat(find(g, 2025, (String) null).victims()).isEqualTo(expected);
    assertThat(find(g, 2025, (String) null).tickets()).isEqualTo(2000);
  }

  @Test
  void mediansAreTheLowerMiddleValueOfEachGroupAfterChangesToo() {
    Random random = new Random(11);
    FactTable t = new FactTable();
    Map<String, List<Integer>> bySeverity = new java.util.HashMap<>();
    for (int round = 0; round < 2; round++) {
      bySeverity.clear();
      for (int i = 0; i < 3000; i++) {
        String severity = "P" + (1 + random.nextInt(4));
        int minutes = random.nextInt(10) == 0 ? -1 : random.nextInt(round == 0 ? 500 : 50_000_000);
        t.put(fact(i, i % 700, random.nextInt(12), "29", severity, minutes));
        if (minutes >= 0) {
          bySeverity.computeIfAbsent(severity, s -> new java.util.ArrayList<>()).add(minutes);
          bySeverity.computeIfAbsent("all", s -> new java.util.ArrayList<>()).add(minutes);
        }
      }
      List<Group> g =
          CubeEngine.run(
              t,
              new CubeEngine.Query(Period.YEAR, 2025, 2025, List.of(Dimension.SEVERITY), Map.of()));
      for (var e : bySeverity.entrySet()) {
        List<Integer> sorted = e.getValue().stream().sorted().toList();
        Group group = find(g, 2025, e.getKey().equals("all") ? null : e.getKey());
        assertThat(group.medianFirstContact())
            .as("round %d, %s", round, e.getKey())
            .isEqualTo(sorted.get((sorted.size() - 1) / 2));
        assertThat(group.firstContactCount()).isEqualTo(sorted.size());
      }
    }
  }

  /**
   * Whole random cubes against a naive count: several dimensions, filters, merged duplicates,
   * repeated victims, then facts changed in place (a département or a month corrected with the same
   * durations, a ticket merged) — the duration views must follow those changes too.
   */
  @Test
  void everyGroupMatchesANaiveCountAfterChangesInPlace() {
    Random random = new Random(23);
    FactTable t = new FactTable();
    Map<Long, Fact> facts = new java.util.HashMap<>();
    String[] deps = {"29", "35", "56", "22"};
    for (int i = 0; i < 4000; i++) {
      Fact f = randomFact(random, i, deps);
      facts.put((long) i, f);
      t.put(f);
    }
    List<Dimension> groupBy = List.of(Dimension.DEPARTEMENT, Dimension.SEVERITY);
    Map<Dimension, Set<String>> filters = Map.of(Dimension.DEPARTEMENT, Set.of("29", "35", "56"));
    long nextTicket = 4000;
    long lastVictim = -1;
    for (Period period : Period.values()) {
      int first = period.of(JAN_2025);
      int last = period.of(JAN_2025 + 11);
      for (int round = 0; round < 3; round++) {
        CubeEngine.Query q = new CubeEngine.Query(period, first, last, groupBy, filters);
        List<Group> groups = CubeEngine.run(t, q);
        assertThat(groups).isNotEmpty();
        for (Group g : groups) {
          assertMatchesNaive(g, facts.values(), q);
        }
        // Changes that keep every duration, one kind per round (a département, a month, a merge).
        for (int i = 0; i < 400; i++) {
          long ticket = random.nextInt((int) nextTicket);
          Fact old = facts.get(ticket);
          String[] values = old.values().clone();
          if (round == 0) {
            values[Dimension.DEPARTEMENT.ordinal()] = deps[random.nextInt(deps.length)];
          }
          Fact changed =
              new Fact(
                  ticket,
                  round == 2 ? random.nextInt(2) == 0 : old.counted(),
                  old.victimKey(),
                  round == 1 ? JAN_2025 + random.nextInt(12) : old.month(),
                  values,
                  old.firstContactMinutes(),
                  old.providerEngagementMinutes(),
                  old.slaMet(),
                  old.slaBreached(),
                  0);
          facts.put(ticket, changed);
          t.put(changed);
        }
        for (Group g : CubeEngine.run(t, q)) {
          assertMatchesNaive(g, facts.values(), q);
        }
        // New reports, checked after each batch: new victims or the last row's victim again
        // without durations (appended in place: no rebuild), the same with durations, then
        // earlier victims too.
        for (int batch = 0; batch < 3; batch++) {
          for (int i = 0; i < 60; i++) {
            long ticket = nextTicket++;
            Fact f = randomFact(random, ticket, deps);
            long victim = i % 2 == 0 ? 10_000 + ticket : lastVictim;
            if (batch == 0) {
              f = withVictim(f, victim, -1, -1);
            } else if (batch == 1) {
              f = withVictim(f, victim, random.nextInt(900), f.providerEngagementMinutes());
            }
            lastVictim = f.victimKey();
            facts.put(ticket, f);
            t.put(f);
          }
          for (Group g : CubeEngine.run(t, q)) {
            assertMatchesNaive(g, facts.values(), q);
          }
        }
      }
    }
  }

  private static Fact withVictim(Fact f, long victim, int firstContact, int engagement) {
    return new Fact(
        f.ticketId(),
        f.counted(),
        victim,
        f.month(),
        f.values(),
        firstContact,
        engagement,
        f.slaMet(),
        f.slaBreached(),
        f.orientations());
  }

  private static Fact randomFact(Random random, long ticket, String[] deps) {
    Fact f =
        fact(
            ticket,
            random.nextInt(3) == 0 ? random.nextInt(300) : 10_000 + ticket,
            random.nextInt(12),
            deps[random.nextInt(deps.length)],
            "P" + (1 + random.nextInt(4)),
            random.nextInt(4) == 0 ? -1 : random.nextInt(2000));
    return new Fact(
        ticket,
        random.nextInt(20) != 0,
        f.victimKey(),
        f.month(),
        f.values(),
        f.firstContactMinutes(),
        random.nextInt(3) == 0 ? random.nextInt(500) : -1,
        random.nextInt(3),
        random.nextInt(2),
        0);
  }

  private static void assertMatchesNaive(
      Group g, java.util.Collection<Fact> facts, CubeEngine.Query q) {
    List<Fact> in =
        facts.stream()
            .filter(Fact::counted)
            .filter(f -> q.period().of(f.month()) == g.period())
            .filter(
                f ->
                    q.filters().entrySet().stream()
                        .allMatch(e -> e.getValue().contains(f.values()[e.getKey().ordinal()])))
            .filter(
                f -> {
                  for (int j = 0; j < q.groupBy().size(); j++) {
                    String v = g.values()[j];
                    if (v != null && !v.equals(f.values()[q.groupBy().get(j).ordinal()])) {
                      return false;
                    }
                  }
                  return true;
                })
            .toList();
    String what = q.period() + " " + g.period() + " " + Arrays.toString(g.values());
    assertThat(g.tickets()).as(what).isEqualTo(in.size());
    assertThat(g.victims())
        .as(what)
        .isEqualTo(in.stream().mapToLong(Fact::victimKey).distinct().count());
    assertThat(g.key())
        .as("%s: the cell key sums each distinct victim's key once", what)
        .isEqualTo(in.stream().mapToLong(Fact::victimKey).distinct().sum());
    assertThat(g.slaMet()).as(what).isEqualTo(in.stream().mapToLong(Fact::slaMet).sum());
    assertThat(g.medianFirstContact())
        .as(what)
        .isEqualTo(lowerMedian(in.stream().mapToInt(Fact::firstContactMinutes)));
    assertThat(g.medianProviderEngagement())
        .as(what)
        .isEqualTo(lowerMedian(in.stream().mapToInt(Fact::providerEngagementMinutes)));
  }

  private static int lowerMedian(java.util.stream.IntStream values) {
    int[] sorted = values.filter(v -> v >= 0).sorted().toArray();
    return sorted.length == 0 ? -1 : sorted[(sorted.length - 1) / 2];
  }

  @Test
  void aTicketMovedToAnotherVictimOrMergedLeavesItsOldPlace() {
    FactTable t = new FactTable();
    t.put(fact(1, 100, 0, "29", "P1", 10));
    t.put(fact(2, 100, 0, "29", "P1", 20));
    t.put(fact(3, 100, 0, "29", "P1", 30));
    CubeEngine.Query q =
        new CubeEngine.Query(Period.YEAR, 2025, 2025, List.of(Dimension.SEVERITY), Map.of());
    assertThat(find(CubeEngine.run(t, q), 2025, "P1").victims()).isEqualTo(1);
    assertThat(find(CubeEngine.run(t, q), 2025, "P1").medianFirstContact()).isEqualTo(20);

    t.put(fact(2, 200, 0, "29", "P1", 20)); // the middle ticket was another victim's
    assertThat(find(CubeEngine.run(t, q), 2025, "P1").victims()).as("100 and 200").isEqualTo(2);

    Fact third = fact(3, 100, 0, "29", "P1", 30);
    t.put(new Fact(3, false, 100, third.month(), third.values(), 30, -1, 1, 0, 0)); // merged
    Group p1 = find(CubeEngine.run(t, q), 2025, "P1");
    assertThat(p1.tickets()).isEqualTo(2);
    assertThat(p1.medianFirstContact()).as("lower median of 10, 20").isEqualTo(10);
  }

  @Test
  void aYearsVersionMovesWithItsFactsOnly() {
    FactTable t = new FactTable();
    t.put(fact(1, 100, 0, "29", "P1", 10)); // January 2025
    t.put(fact(2, 101, 12, "29", "P1", 10)); // January 2026
    long v2025 = t.version(2025);
    long v2026 = t.version(2026);
    assertThat(v2025).isPositive();
    assertThat(t.version(2024)).isZero();

    t.put(fact(1, 100, 0, "29", "P1", 10)); // read again, unchanged
    assertThat(t.version(2025)).isEqualTo(v2025);
    t.put(fact(3, 102, 13, "35", "P2", -1)); // a new report in 2026
    assertThat(t.version(2025)).isEqualTo(v2025);
    assertThat(t.version(2026)).isNotEqualTo(v2026);

    v2026 = t.version(2026);
    t.put(fact(1, 100, 0, "29", "P2", 10)); // a correction in 2025
    assertThat(t.version(2025)).isNotEqualTo(v2025);
    assertThat(t.version(2026)).isEqualTo(v2026);

    v2025 = t.version(2025);
    t.put(fact(1, 100, 12, "29", "P2", 10)); // moved to 2026: both years change
    assertThat(t.version(2025)).isNotEqualTo(v2025);
    assertThat(t.version(2026)).isNotEqualTo(v2026);
  }
}
