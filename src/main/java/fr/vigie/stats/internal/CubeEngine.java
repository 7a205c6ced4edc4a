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
 * subset of the grouped dimensions, within each period), in two passes over the table: the first
 * counts tickets, distinct victims (a victim's rows are adjacent, see {@link
 * FactTable#orderByVictim}) and SLA clocks, the second places the durations of each group side by
 * side and selects their medians. Pure code: no database, no framework.
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
   * margin), tickets, distinct victims, SLA clocks met and breached, and the lower median of each
   * duration with the number of tickets it was taken from (median -1 when there is none).
   */
  public record Group(
      int period,
      String[] values,
      long tickets,
      long victims,
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
    table.orderByVictim();
    int dims = q.groupBy().size();
    int periods = q.last() - q.first() + 1;
    int levels = 1 << dims;
    int[] groupCodes = new int[dims];
    int[] sizes = new int[dims];
    for (int j = 0; j < dims; j++) {
      groupCodes[j] = q.groupBy().get(j).ordinal();
      sizes[j] = table.dictionaries[groupCodes[j]].size();
    }
    boolean[][] allowed = allowed(table, q.filters());
    Groups groups = new Groups();
    Level[] level = new Level[levels];
    for (int mask = 0; mask < levels; mask++) {
      level[mask] = new Level(table, mask, groupCodes, sizes, periods);
    }

    // Pass 1, rows in victim order: counts, distinct victims, SLA clocks; the group of each row
    // with a duration is kept for pass 2.
    int[][] durationGroups = new int[levels][Math.max(16, table.size / 2)];
    int[] durationRows = new int[durationGroups[0].length];
    int durations = 0;
    int[] lastVictim = new int[1024];
    Arrays.fill(lastVictim, -1);
    int[] rowGroups = new int[levels];
    for (int i = 0; i < table.size; i++) {
      int slot = slot(table, q, allowed, i);
      if (slot < 0) {
        continue;
      }
      int victim = table.victims[i];
      int met = table.slaMet[i];
      int breached = table.slaBreached[i];
      boolean fc = table.firstContact[i] >= 0;
      boolean pe = table.providerEngagement[i] >= 0;
      for (int l = 0; l < levels; l++) {
        int gid = level[l].group(slot, i, groups);
        rowGroups[l] = gid;
        if (gid >= lastVictim.length) {
          int old = lastVictim.length;
          lastVictim = Arrays.copyOf(lastVictim, Math.max(gid + 1, old * 2));
          Arrays.fill(lastVictim, old, lastVictim.length, -1);
        }
        int[] acc = groups.acc;
        int at = gid * Groups.STRIDE;
        acc[at]++;
        if (lastVictim[gid] != victim) {
          lastVictim[gid] = victim;
          acc[at + 1]++;
        }
        acc[at + 2] += met;
        acc[at + 3] += breached;
        if (fc) {
          acc[at + 4]++;
        }
        if (pe) {
          acc[at + 5]++;
        }
      }
      if (fc || pe) {
        if (durations == durationRows.length) {
          durationRows = Arrays.copyOf(durationRows, durations * 2);
          for (int l = 0; l < levels; l++) {
            durationGroups[l] = Arrays.copyOf(durationGroups[l], durations * 2);
          }
        }
        durationRows[durations] = i;
        for (int l = 0; l < levels; l++) {
          durationGroups[l][durations] = rowGroups[l];
        }
        durations++;
      }
    }

    // Pass 2, only rows with a duration: each group's values side by side, then their medians.
    int n = groups.size;
    int[] fcStart = starts(groups, 4);
    int[] peStart = starts(groups, 5);
    int[] fcValues = new int[fcStart[n]];
    int[] peValues = new int[peStart[n]];
    int[] fcFill = Arrays.copyOf(fcStart, n);
    int[] peFill = Arrays.copyOf(peStart, n);
    for (int l = 0; l < levels; l++) {
      int[] gids = durationGroups[l];
      for (int a = 0; a < durations; a++) {
        int i = durationRows[a];
        int gid = gids[a];
        int fc = table.firstContact[i];
        if (fc >= 0) {
          fcValues[fcFill[gid]++] = fc;
        }
        int pe = table.providerEngagement[i];
        if (pe >= 0) {
          peValues[peFill[gid]++] = pe;
        }
      }
    }

    List<Group> result = new ArrayList<>(n);
    for (Level l : level) {
      for (int g = 0; g < l.count; g++) {
        int gid = l.gids[g];
        long key = l.keys[g];
        String[] values = new String[dims];
        for (int j = dims - 1; j >= 0; j--) {
          if ((l.mask & (1 << j)) != 0) {
            values[j] = table.dictionaries[groupCodes[j]].value((int) (key % sizes[j]));
            key /= sizes[j];
          }
        }
        int at = gid * Groups.STRIDE;
        int[] acc = groups.acc;
        result.add(
            new Group(
                q.first() + (int) key,
                values,
                acc[at],
                acc[at + 1],
                acc[at + 2],
                acc[at + 3],
                acc[at + 4],
                median(fcValues, fcStart[gid], fcStart[gid + 1]),
                acc[at + 5],
                median(peValues, peStart[gid], peStart[gid + 1])));
      }
    }
    return result;
  }

  /**
   * Per orientation code (by ordinal of {@link fr.vigie.tickets.OrientationCode}): the tickets of
   * periods {@code first…last} oriented there, and their distinct victims.
   */
  public static long[][] orientations(FactTable table, Period period, int first, int last) {
    table.orderByVictim();
    int codes = fr.vigie.tickets.OrientationCode.values().length;
    long[][] counts = new long[codes][2];
    int[] lastVictim = new int[codes];
    Arrays.fill(lastVictim, -1);
    for (int i = 0; i < table.size; i++) {
      int p = period.of(table.months[i]);
      if (!table.counted[i] || p < first || p > last || table.orientations[i] == 0) {
        continue;
      }
      for (int c = 0; c < codes; c++) {
        if ((table.orientations[i] & (1 << c)) != 0) {
          counts[c][0]++;
          if (lastVictim[c] != table.victims[i]) {
            lastVictim[c] = table.victims[i];
            counts[c][1]++;
          }
        }
      }
    }
    return counts;
  }

  /** The period slot of row {@code i} if it passes the query, else -1. */
  private static int slot(FactTable t, Query q, boolean[][] allowed, int i) {
    if (!t.counted[i]) {
      return -1;
    }
    int p = q.period().of(t.months[i]);
    if (p < q.first() || p > q.last()) {
      return -1;
    }
    if (allowed != null) {
      for (int d = 0; d < allowed.length; d++) {
        if (allowed[d] != null && !allowed[d][t.codes[d][i] & 0xFF]) {
          return -1;
        }
      }
    }
    return p - q.first();
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

  private static int[] starts(Groups groups, int field) {
    int n = groups.size;
    int[] start = new int[n + 1];
    for (int g = 0; g < n; g++) {
      start[g + 1] = start[g] + groups.acc[g * Groups.STRIDE + field];
    }
    return start;
  }

  /** The lower median of {@code values[from…to)} (the value of rank ⌈n/2⌉), -1 if empty. */
  static int median(int[] values, int from, int to) {
    if (from >= to) {
      return -1;
    }
    int k = from + (to - from - 1) / 2;
    int lo = from;
    int hi = to - 1;
    while (lo < hi) {
      int pivot = values[lo + (hi - lo) / 2];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (values[i] < pivot) {
          i++;
        }
        while (values[j] > pivot) {
          j--;
        }
        if (i <= j) {
          int swap = values[i];
          values[i] = values[j];
          values[j] = swap;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return values[k];
      }
    }
    return values[k];
  }

  /** The groups of one subset of the grouped dimensions: key → group id. */
  private static final class Level {
    final int mask;
    final byte[][] columns;
    final int[] radix;
    final int[] dense;
    final LongIntMap sparse;
    int[] gids = new int[64];
    long[] keys = new long[64];
    int count;

    Level(FactTable table, int mask, int[] groupCodes, int[] sizes, int periods) {
      this.mask = mask;
      int dims = Integer.bitCount(mask);
      columns = new byte[dims][];
      radix = new int[dims];
      long space = periods;
      for (int j = 0, c = 0; j < groupCodes.length; j++) {
        if ((mask & (1 << j)) != 0) {
          columns[c] = table.codes[groupCodes[j]];
          radix[c++] = sizes[j];
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

    /** The group of row {@code i} in period slot {@code slot}, created if new. */
    int group(int slot, int i, Groups groups) {
      long key = slot;
      for (int c = 0; c < columns.length; c++) {
        key = key * radix[c] + (columns[c][i] & 0xFF);
      }
      int gid = dense != null ? dense[(int) key] : sparse.get(key);
      if (gid >= 0) {
        return gid;
      }
      gid = groups.add();
      if (dense != null) {
        dense[(int) key] = gid;
      } else {
        sparse.put(key, gid);
      }
      if (count == gids.length) {
        gids = Arrays.copyOf(gids, count * 2);
        keys = Arrays.copyOf(keys, count * 2);
      }
      gids[count] = gid;
      keys[count] = key;
      count++;
      return gid;
    }
  }

  /**
   * Accumulators per group id, side by side: tickets, victims, SLA met, SLA breached, tickets with
   * a first-contact time, tickets with a provider-engagement time.
   */
  private static final class Groups {
    static final int STRIDE = 6;
    int size;
    int[] acc = new int[64 * STRIDE];

    int add() {
      if ((size + 1) * STRIDE > acc.length) {
        acc = Arrays.copyOf(acc, acc.length * 2);
      }
      return size++;
    }
  }
}
