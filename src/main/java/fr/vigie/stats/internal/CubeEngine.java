package fr.vigie.stats.internal;

import fr.vigie.stats.Dimension;
import fr.vigie.stats.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregates the facts of a {@link FactTable} into the cells of a cube and all their margins (every
 * subset of the grouped dimensions, within each period): one pass over the rows counts tickets and
 * SLA clocks per cell and sums its victims' keys, one over the rows of repeated victims (see {@link
 * FactTable#repeats}) counts the repeats that make distinct victims, one over the durations in
 * increasing order sorts each cell's durations and selects every group's median. Pure code: no
 * database, no framework.
 */
public final class CubeEngine {

  private CubeEngine() {}

  /**
   * What to aggregate: the periods {@code first…last} (indexes of {@link Period#of}), the grouped
   * dimensions (at most a few) and, per filtered dimension, the values kept.
   */
  public record Query(
      Period period,
      int first,
      int last,
      List<Dimension> groupBy,
      Map<Dimension, Set<String>> filters) {}

  /**
   * One cell or margin: its period, its value per grouped dimension ({@code null}: all values, a
   * margin), tickets, distinct victims, the sum of its distinct victims' keys (modulo 2^64: the
   * same victims, the same sum, whatever the question; see {@link CellKey}), SLA clocks met and
   * breached, and the lower median of each duration with the number of tickets it was taken from
   * (median -1 when there is none).
   */
  public record Group(
      int period,
      String[] values,
      long tickets,
      long victims,
      long key,
      long slaMet,
      long slaBreached,
      long firstContactCount,
      int medianFirstContact,
      long providerEngagementCount,
      int medianProviderEngagement) {

    /** How many dimensions are totalled here: 0 for a cell. */
    public int totalled() {
      int n = 0;
      for (String v : values) {
        if (v == null) {
          n++;
        }
      }
      return n;
    }
  }

  public static List<Group> run(FactTable table, Query q) {
    table.prepare();
    int dims = q.groupBy().size();
    int periods = q.last() - q.first() + 1;
    int levels = 1 << dims;
    int full = levels - 1;
    int[] groupCodes = new int[dims];
    int[] sizes = new int[dims];
    byte[][] columns = new byte[dims][];
    for (int j = 0; j < dims; j++) {
      groupCodes[j] = q.groupBy().get(j).ordinal();
      sizes[j] = table.dictionaries[groupCodes[j]].size();
      columns[j] = table.codes[groupCodes[j]];
    }
    boolean[][] allowed = allowed(table, q.filters());
    Level[] level = new Level[levels];
    for (int mask = 0; mask < levels; mask++) {
      level[mask] = new Level(mask, sizes, periods);
    }
    Cells cells = new Cells(levels);

    // Pass 1, every row: its cell (and, through it, its margins) and the cells' additive counts.
    for (int i = 0; i < table.size; i++) {
      int slot = table.counted[i] ? slot(table.months, table.codes, q, allowed, i) : -1;
      if (slot < 0) {
        continue;
      }
      long key = slot;
      for (int j = 0; j < dims; j++) {
        key = key * sizes[j] + (columns[j][i] & 0xFF);
      }
      int cell = level[full].find(key);
      if (cell < 0) {
        cell = level[full].add(key);
        cells.grow(cell + 1);
        for (int l = 0; l < full; l++) {
          long parentKey = slot;
          for (int j = 0; j < dims; j++) {
            if ((l & (1 << j)) != 0) {
              parentKey = parentKey * sizes[j] + (columns[j][i] & 0xFF);
            }
          }
          int parent = level[l].find(parentKey);
          cells.parents[l][cell] = parent >= 0 ? parent : level[l].add(parentKey);
        }
        cells.parents[full][cell] = cell;
      }
      cells.tickets[cell]++;
      cells.keys[cell] += table.keys[i];
      cells.met[cell] += table.slaMet[i];
      cells.breached[cell] += table.slaBreached[i];
      if (table.firstContact[i] >= 0) {
        cells.fcCount[cell]++;
      }
      if (table.providerEngagement[i] >= 0) {
        cells.peCount[cell]++;
      }
    }
    // Distinct victims are tickets minus repeats: a victim's second and later tickets in the same
    // group. Only victims with several tickets repeat; their rows come grouped by victim.
    Placement place = new Placement(q, allowed, sizes, groupCodes, level[full]);
    FactTable.Repeats repeats = table.repeats;
    for (int j = 0; j < repeats.size; j++) {
      int cell = repeats.counted[j] ? place.cell(repeats.months, repeats.codes, j) : -1;
      if (cell >= 0) {
        int victim = repeats.victims[j];
        long key = repeats.keys[j];
        for (int l = 0; l < levels; l++) {
          level[l].visit(cells.parents[l][cell], victim, key);
        }
      }
    }
    int cellCount = level[full].count;

    // Additive counts of every group from its cells.
    long[][] tickets = new long[levels][];
    long[][] keys = new long[levels][];
    long[][] met = new long[levels][];
    long[][] breached = new long[levels][];
    int[][] fcCount = new int[levels][];
    int[][] peCount = new int[levels][];
    for (int l = 0; l < levels; l++) {
      int n = level[l].count;
      tickets[l] = new long[n];
      keys[l] = new long[n];
      met[l] = new long[n];
      breached[l] = new long[n];
      fcCount[l] = new int[n];
      peCount[l] = new int[n];
      int[] parentOf = cells.parents[l];
      for (int c = 0; c < cellCount; c++) {
        int g = parentOf[c];
        tickets[l][g] += cells.tickets[c];
        keys[l][g] += cells.keys[c];
        met[l][g] += cells.met[c];
        breached[l][g] += cells.breached[c];
        fcCount[l][g] += cells.fcCount[c];
        peCount[l][g] += cells.peCount[c];
      }
    }
    // Pass 2, rows by increasing duration: each cell's durations in order, then the medians.
    int[][] fcMedian = medians(table.firstContactOrder, place, cells, cellCount, fcCount);
    int[][] peMedian = medians(table.providerEngagementOrder, place, cells, cellCount, peCount);

    List<Group> result = new ArrayList<>();
    for (int l = levels - 1; l >= 0; l--) {
      Level lv = level[l];
      for (int g = 0; g < lv.count; g++) {
        long key = lv.keys[g];
        String[] values = new String[dims];
        for (int j = dims - 1; j >= 0; j--) {
          if ((l & (1 << j)) != 0) {
            values[j] = table.dictionaries[groupCodes[j]].value((int) (key % sizes[j]));
            key /= sizes[j];
          }
        }
        result.add(
            new Group(
                q.first() + (int) key,
                values,
                tickets[l][g],
                tickets[l][g] - lv.repeats[g],
                keys[l][g] - lv.repeatKeys[g],
                met[l][g],
                breached[l][g],
                fcCount[l][g],
                fcMedian[l][g],
                peCount[l][g],
                peMedian[l][g]));
      }
    }
    return result;
  }

  /**
   * Per orientation code (by ordinal of {@link fr.vigie.tickets.OrientationCode}): the tickets of
   * periods {@code first…last} oriented there, and their distinct victims.
   */
  public static long[][] orientations(FactTable table, Period period, int first, int last) {
    table.prepare();
    int codes = fr.vigie.tickets.OrientationCode.values().length;
    long[][] counts = new long[codes][2];
    for (int i = 0; i < table.size; i++) {
      if (oriented(table, period, first, last, i)) {
        for (int c = 0; c < codes; c++) {
          if ((table.orientations[i] & (1 << c)) != 0) {
            counts[c][0]++;
            counts[c][1]++;
          }
        }
      }
    }
    // Victims: tickets minus the repeats of the victims with several tickets (grouped by victim).
    FactTable.Repeats repeats = table.repeats;
    int[] lastVictim = new int[codes];
    Arrays.fill(lastVictim, -1);
    for (int j = 0; j < repeats.size; j++) {
      int p = period.of(repeats.months[j]);
      if (!repeats.counted[j] || p < first || p > last) {
        continue;
      }
      for (int c = 0; c < codes; c++) {
        if ((repeats.orientations[j] & (1 << c)) != 0) {
          if (lastVictim[c] == repeats.victims[j]) {
            counts[c][1]--;
          }
          lastVictim[c] = repeats.victims[j];
        }
      }
    }
    return counts;
  }

  private static boolean oriented(FactTable t, Period period, int first, int last, int i) {
    int p = period.of(t.months[i]);
    return t.counted[i] && p >= first && p <= last && t.orientations[i] != 0;
  }

  /** The period slot of entry {@code i} of these columns if it passes the query, else -1. */
  private static int slot(int[] months, byte[][] codes, Query q, boolean[][] allowed, int i) {
    int p = q.period().of(months[i]);
    if (p < q.first() || p > q.last()) {
      return -1;
    }
    if (allowed != null) {
      for (int d = 0; d < allowed.length; d++) {
        if (allowed[d] != null && !allowed[d][codes[d][i] & 0xFF]) {
          return -1;
        }
      }
    }
    return p - q.first();
  }

  /** Finds the cell of an entry of a copy of the columns, as pass 1 placed its row. */
  private record Placement(
      Query q, boolean[][] allowed, int[] sizes, int[] groupCodes, Level cells) {

    /** The cell of entry {@code i}, or -1 when the query leaves it out. */
    int cell(int[] months, byte[][] codes, int i) {
      int slot = slot(months, codes, q, allowed, i);
      if (slot < 0) {
        return -1;
      }
      long key = slot;
      for (int j = 0; j < groupCodes.length; j++) {
        key = key * sizes[j] + (codes[groupCodes[j]][i] & 0xFF);
      }
      return cells.find(key);
    }
  }

  private static boolean[][] allowed(FactTable t, Map<Dimension, Set<String>> filters) {
    if (filters.isEmpty()) {
      return null;
    }
    boolean[][] allowed = new boolean[Dimension.values().length][];
    filters.forEach(
        (d, values) -> {
          boolean[] ok = new boolean[Dictionary.MAX + 1];
          for (String v : values) {
            int code = t.dictionaries[d.ordinal()].find(v);
            if (code >= 0) {
              ok[code] = true;
            }
          }
          allowed[d.ordinal()] = ok;
        });
    return allowed;
  }

  /**
   * The lower median (the value of rank ⌈n/2⌉) of each group's durations, -1 for none. One
   * sequential pass over the durations in increasing order drops each into its cell's segment, so
   * every segment comes out sorted and a cell's median is its middle element. A margin's median is
   * the element of that rank among its cells' segments together: the smallest value with more than
   * rank elements at or below it, found by bisection on the value, counting in each segment by
   * binary search. (Counting rank by rank through every margin, row by row, took a third of a
   * question's time at a million facts.)
   */
  private static int[][] medians(
      FactTable.ByDuration view, Placement place, Cells cells, int cellCount, int[][] counts) {
    int levels = counts.length;
    int full = levels - 1;
    int[] start = new int[cellCount + 1];
    for (int c = 0; c < cellCount; c++) {
      start[c + 1] = start[c] + counts[full][c];
    }
    int[] fill = Arrays.copyOf(start, cellCount);
    int[] sorted = new int[start[cellCount]];
    for (int i = 0; i < view.size; i++) {
      int cell = place.cell(view.months, view.codes, i);
      if (cell >= 0) {
        sorted[fill[cell]++] = view.values[i];
      }
    }
    int[][] median = new int[levels][];
    median[full] = new int[cellCount];
    for (int c = 0; c < cellCount; c++) {
      int n = start[c + 1] - start[c];
      median[full][c] = n == 0 ? -1 : sorted[start[c] + (n - 1) / 2];
    }
    for (int l = 0; l < full; l++) {
      int groups = counts[l].length;
      int[] parentOf = cells.parents[l];
      int[] first = new int[groups + 1];
      for (int c = 0; c < cellCount; c++) {
        first[parentOf[c] + 1]++;
      }
      for (int g = 0; g < groups; g++) {
        first[g + 1] += first[g];
      }
      int[] members = new int[cellCount];
      int[] next = Arrays.copyOf(first, groups);
      for (int c = 0; c < cellCount; c++) {
        members[next[parentOf[c]]++] = c;
      }
      median[l] = new int[groups];
      for (int g = 0; g < groups; g++) {
        median[l][g] =
            counts[l][g] == 0
                ? -1
                : select(sorted, start, members, first[g], first[g + 1], (counts[l][g] - 1) / 2);
      }
    }
    return median;
  }

  /**
   * The element of rank {@code rank} (from 0) among the sorted segments of cells {@code
   * members[from…to)}.
   */
  private static int select(int[] sorted, int[] start, int[] members, int from, int to, int rank) {
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (int m = from; m < to; m++) {
      int c = members[m];
      if (start[c + 1] > start[c]) {
        lo = Math.min(lo, sorted[start[c]]);
        hi = Math.max(hi, sorted[start[c + 1] - 1]);
      }
    }
    while (lo < hi) {
      int mid = (int) (((long) lo + hi) >>> 1);
      long atOrBelow = 0;
      for (int m = from; m < to; m++) {
        int c = members[m];
        atOrBelow += upperBound(sorted, start[c], start[c + 1], mid) - start[c];
      }
      if (atOrBelow > rank) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The first index in {@code a[from…to)} (sorted) holding a value above {@code value}. */
  private static int upperBound(int[] a, int from, int to, int value) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The groups of one subset of the grouped dimensions: key (period slot and codes, mixed radix) →
   * group number, and the repeats of each group (second and later tickets of one victim; the rows
   * of repeated victims come grouped by victim).
   */
  private static final class Level {
    final int[] dense;
    final LongIntMap sparse;
    long[] keys = new long[64];
    int[] repeats = new int[64];
    long[] repeatKeys = new long[64];
    int[] lastVictim = new int[64];
    int count;

    Level(int mask, int[] sizes, int periods) {
      long space = periods;
      for (int j = 0; j < sizes.length; j++) {
        if ((mask & (1 << j)) != 0) {
          space *= sizes[j];
        }
      }
      if (space <= 1 << 22) {
        dense = new int[(int) space];
        Arrays.fill(dense, -1);
        sparse = null;
      } else {
        dense = null;
        sparse = new LongIntMap(1024);
      }
    }

    int find(long key) {
      return dense != null ? dense[(int) key] : sparse.get(key);
    }

    int add(long key) {
      if (count == keys.length) {
        keys = Arrays.copyOf(keys, count * 2);
        repeats = Arrays.copyOf(repeats, count * 2);
        repeatKeys = Arrays.copyOf(repeatKeys, count * 2);
        lastVictim = Arrays.copyOf(lastVictim, count * 2);
      }
      keys[count] = key;
      lastVictim[count] = -1;
      if (dense != null) {
        dense[(int) key] = count;
      } else {
        sparse.put(key, count);
      }
      return count++;
    }

    /** A repeat in group {@code g} when {@code victim} was the last one seen there. */
    void visit(int g, int victim, long key) {
      if (lastVictim[g] == victim) {
        repeats[g]++;
        repeatKeys[g] += key;
      } else {
        lastVictim[g] = victim;
      }
    }
  }

  /** Additive counts per cell, and each cell's group at every level. */
  private static final class Cells {
    int[][] parents;
    int[] tickets = new int[64];
    long[] keys = new long[64];
    int[] met = new int[64];
    int[] breached = new int[64];
    int[] fcCount = new int[64];
    int[] peCount = new int[64];

    Cells(int levels) {
      parents = new int[levels][64];
    }

    void grow(int needed) {
      if (needed <= tickets.length) {
        return;
      }
      int capacity = tickets.length * 2;
      tickets = Arrays.copyOf(tickets, capacity);
      keys = Arrays.copyOf(keys, capacity);
      met = Arrays.copyOf(met, capacity);
      breached = Arrays.copyOf(breached, capacity);
      fcCount = Arrays.copyOf(fcCount, capacity);
      peCount = Arrays.copyOf(peCount, capacity);
      for (int l = 0; l < parents.length; l++) {
        parents[l] = Arrays.copyOf(parents[l], capacity);
      }
    }
  }
}
