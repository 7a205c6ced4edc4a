package fr.vigie.stats;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How what Vigie prints reads a cube answer (the yearly report, the dashboard): every entry it
 * expects, in order, with the cube's cell or none. The officials' cube leaves a hidden entry out
 * exactly as it leaves out an empty one (README, "Statistics": the cell key method), so an entry
 * not given is shown « secret statistique » ({@link fr.vigie.stats.internal.report.Labels#SECRET}),
 * never 0 and never blank: a 0 there would tell that no victim hides in it. A given entry keeps the
 * cube's figures as they are.
 */
final class CubeEntries {

  /** An expected entry: its code, and the cube's cell, {@code null} when the cube left it out. */
  record Entry(String code, @Nullable CubeAnswer.Cell cell) {

    /** Shown secret: left out, or (exact tables) flagged suppressed. */
    boolean secret() {
      return cell == null || cell.suppressed() || cell.count() == null;
    }
  }

  private CubeEntries() {}

  /** One entry per period answered (an answer with nothing grouped), in order. */
  static List<Entry> byPeriod(CubeAnswer answer) {
    Map<String, CubeAnswer.Cell> given = new LinkedHashMap<>();
    answer.cells().forEach(c -> given.put(c.period(), c));
    List<Entry> entries = new ArrayList<>();
    for (String period : answer.periods()) {
      entries.add(new Entry(period, given.get(period)));
    }
    return entries;
  }

  /**
   * One entry per expected value of {@code d} (an answer of one period grouped by {@code d}), in
   * order, then those the answer gives that were not expected.
   */
  static List<Entry> byValue(CubeAnswer answer, Dimension d, List<String> expected) {
    Map<String, CubeAnswer.Cell> given = new LinkedHashMap<>();
    answer.cells().forEach(c -> given.put(value(d, c), c));
    List<Entry> entries = new ArrayList<>();
    for (String code : expected) {
      entries.add(new Entry(code, given.remove(code)));
    }
    given.forEach((code, c) -> entries.add(new Entry(code, c)));
    return entries;
  }

  /** The total of an answer of one period (its margin over every grouped dimension). */
  static Entry total(CubeAnswer answer) {
    return new Entry("TOTAL", answer.margins().stream().findFirst().orElse(null));
  }

  /** The value of {@code d} in a cell ({@code null} in a margin over {@code d}). */
  static @Nullable String value(Dimension d, CubeAnswer.Cell cell) {
    return switch (d) {
      case DEPARTEMENT -> cell.departement();
      case REGION -> cell.region();
      case VICTIM_CATEGORY -> cell.victimCategory();
      case SIZE_BAND -> cell.sizeBand();
      case RSIT_CLASS -> cell.rsitClass();
      case SEVERITY -> cell.severity();
      case KIND -> cell.kind();
      case OUTCOME -> cell.outcome();
      case PREVENTED -> cell.prevented();
      case THREAT -> throw new IllegalArgumentException(d.name());
    };
  }
}
