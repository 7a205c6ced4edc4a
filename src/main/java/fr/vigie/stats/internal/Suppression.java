package fr.vigie.stats.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistical secrecy of one table — the cells of one period and all their margins (DOMAIN.md §8,
 * DESIGN.md §8). An entry is given by its value per dimension ({@code null}: the total over that
 * dimension) and its number of distinct victims.
 *
 * <ol>
 *   <li>Primary: an entry of fewer than {@code k} victims is suppressed.
 *   <li>Secondary, line by line: a line is a total and the entries it sums (the same values but one
 *       dimension). When the total is published, a line with suppressed entries must have at least
 *       two, and what subtraction reveals (the total minus the published entries) must be {@code k}
 *       victims or more, so it never singles out a small group; when the total is suppressed, at
 *       least one entry it sums must be too. The smallest published entry is suppressed until every
 *       line holds.
 *   <li>Audit: subtraction along one line is not the only attack; combining lines (rows and columns
 *       of a table) can pin a cell down. The published values give a linear system in the
 *       suppressed ones; a suppressed entry is recoverable exactly when its unit vector lies in the
 *       row space of that system, which Gaussian elimination (modulo the prime 2^31-1; the matrices
 *       have entries 0 and ±1) decides. Each recoverable entry gets one more published entry of its
 *       lines suppressed, and the line rules run again. A connected group of more than {@value
 *       #AUDIT_LIMIT} suppressed entries is not solved: the whole table is suppressed.
 * </ol>
 *
 * <p>The model is additive (a total is the sum of its entries). Distinct victims are not quite
 * additive: a victim with two tickets of different classes counts once in their total, so the total
 * is at most the sum and subtraction gives a bound, not the value; the rules hold for the additive
 * model, which is the worst case. Choices are deterministic (smallest value, then the entry listed
 * first) so that asking the same question twice never shows two different patterns. Entries marked
 * protected (the table's grand total, shared with other tables of an answer) are chosen for
 * secondary suppression only when nothing else can be.
 */
public final class Suppression {

  static final int AUDIT_LIMIT = 300;
  private static final long P = 2_147_483_647L;

  private final List<String[]> coords;
  private final long[] values;
  private final boolean[] protectedEntries;
  private final int k;
  private final boolean[] suppressed;
  private final List<int[]> lines = new ArrayList<>();
  private final List<List<Integer>> linesOf;

  private Suppression(List<String[]> coords, long[] values, boolean[] protectedEntries, int k) {
    this.coords = coords;
    this.values = values;
    this.protectedEntries = protectedEntries;
    this.k = k;
    this.suppressed = new boolean[values.length];
    this.linesOf = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      linesOf.add(new ArrayList<>());
    }
  }

  /**
   * Which entries to suppress. {@code coords.get(i)} and {@code values[i]} describe entry {@code
   * i}; every total of an entry must be an entry too (all margins are given).
   */
  public static boolean[] apply(
      List<String[]> coords, long[] values, boolean[] protectedEntries, int k) {
    Suppression s = new Suppression(coords, values, protectedEntries, k);
    s.buildLines();
    for (int i = 0; i < values.length; i++) {
      s.suppressed[i] = values[i] < k;
    }
    boolean changed;
    do {
      changed = false;
      for (int[] line : s.lines) {
        changed |= s.holdLine(line);
      }
      if (!changed) {
        changed = s.audit();
      }
    } while (changed);
    return s.suppressed;
  }

  /** Lines: element 0 is the total, the rest the entries it sums. */
  private void buildLines() {
    Map<List<String>, Integer> index = new HashMap<>();
    for (int i = 0; i < coords.size(); i++) {
      index.put(Arrays.asList(coords.get(i)), i);
    }
    Map<Long, List<Integer>> members = new java.util.TreeMap<>();
    for (int m = 0; m < coords.size(); m++) {
      String[] c = coords.get(m);
      for (int d = 0; d < c.length; d++) {
        if (c[d] == null) {
          continue;
        }
        String[] parent = c.clone();
        parent[d] = null;
        Integer total = index.get(Arrays.asList(parent));
        if (total == null) {
          throw new IllegalArgumentException("entry " + m + " has no total over dimension " + d);
        }
        members.computeIfAbsent((long) total * c.length + d, x -> new ArrayList<>()).add(m);
      }
    }
    members.forEach(
        (key, list) -> {
          int[] line = new int[list.size() + 1];
          line[0] = (int) (key / Math.max(1, coords.get(list.get(0)).length));
          for (int j = 0; j < list.size(); j++) {
            line[j + 1] = list.get(j);
          }
          int id = lines.size();
          lines.add(line);
          for (int e : line) {
            linesOf.get(e).add(id);
          }
        });
  }

  /** Applies the line rules to one line; true if it suppressed something. */
  private boolean holdLine(int[] line) {
    int total = line[0];
    int hidden = 0;
    long published = 0;
    for (int j = 1; j < line.length; j++) {
      if (suppressed[line[j]]) {
        hidden++;
      } else {
        published += values[line[j]];
      }
    }
    if (suppressed[total]) {
      if (hidden >= 1) {
        return false;
      }
      return suppress(smallestPublished(line, 1));
    }
    if (hidden == 0 || (hidden >= 2 && values[total] - published >= k)) {
      return false;
    }
    int pick = smallestPublished(line, 1);
    return suppress(pick >= 0 ? pick : total);
  }

  /** The published entry of the line (from position {@code from}) to give up: the smallest. */
  private int smallestPublished(int[] line, int from) {
    int best = -1;
    for (int j = from; j < line.length; j++) {
      int e = line[j];
      if (!suppressed[e] && (best < 0 || better(e, best))) {
        best = e;
      }
    }
    return best;
  }

  private boolean better(int e, int than) {
    if (protectedEntries[e] != protectedEntries[than]) {
      return !protectedEntries[e];
    }
    return values[e] != values[than] ? values[e] < values[than] : e < than;
  }

  private boolean suppress(int e) {
    if (e < 0 || suppressed[e]) {
      return false;
    }
    suppressed[e] = true;
    return true;
  }

  /** Finds one suppressed entry the published values determine and protects it; true if so. */
  private boolean audit() {
    int n = values.length;
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int[] line : lines) {
      int first = -1;
      for (int e : line) {
        if (suppressed[e]) {
          if (first < 0) {
            first = e;
          } else {
            union(parent, first, e);
          }
        }
      }
    }
    Map<Integer, List<Integer>> components = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      if (suppressed[i]) {
        components.computeIfAbsent(find(parent, i), x -> new ArrayList<>()).add(i);
      }
    }
    for (List<Integer> unknowns : components.values()) {
      if (unknowns.size() > AUDIT_LIMIT) {
        return suppressAll();
      }
      int determined = determined(unknowns);
      if (determined >= 0) {
        int pick = -1;
        for (int id : linesOf.get(determined)) {
          int candidate = smallestPublished(lines.get(id), 0);
          if (candidate >= 0 && (pick < 0 || better(candidate, pick))) {
            pick = candidate;
          }
        }
        if (pick < 0) {
          for (int u : unknowns) {
            for (int id : linesOf.get(u)) {
              int candidate = smallestPublished(lines.get(id), 0);
              if (candidate >= 0 && (pick < 0 || better(candidate, pick))) {
                pick = candidate;
              }
            }
          }
        }
        return pick >= 0 ? suppress(pick) : suppressAll();
      }
    }
    return false;
  }

  private boolean suppressAll() {
    boolean changed = false;
    for (int i = 0; i < suppressed.length; i++) {
      changed |= suppress(i);
    }
    return changed;
  }

  /**
   * The first of {@code unknowns} the equations determine, or -1: reduces the system to row echelon
   * form modulo P; an unknown is determined when its pivot row has no other non-zero entry.
   */
  private int determined(List<Integer> unknowns) {
    Map<Integer, Integer> column = new HashMap<>();
    for (int u : unknowns) {
      column.put(u, column.size());
    }
    List<long[]> rows = new ArrayList<>();
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int u : unknowns) {
      for (int id : linesOf.get(u)) {
        if (!seen.add(id)) {
          continue;
        }
        int[] line = lines.get(id);
        long[] row = new long[unknowns.size()];
        for (int j = 0; j < line.length; j++) {
          Integer c = column.get(line[j]);
          if (c != null) {
            row[c] = (row[c] + (j == 0 ? 1 : P - 1)) % P;
          }
        }
        rows.add(row);
      }
    }
    int m = unknowns.size();
    int[] pivotColumn = new int[rows.size()];
    int rank = 0;
    for (int c = 0; c < m && rank < rows.size(); c++) {
      int pivot = -1;
      for (int r = rank; r < rows.size(); r++) {
        if (rows.get(r)[c] != 0) {
          pivot = r;
          break;
        }
      }
      if (pivot < 0) {
        continue;
      }
      java.util.Collections.swap(rows, rank, pivot);
      long[] pr = rows.get(rank);
      long inverse = power(pr[c], P - 2);
      for (int j = c; j < m; j++) {
        pr[j] = pr[j] * inverse % P;
      }
      for (int r = 0; r < rows.size(); r++) {
        long[] row = rows.get(r);
        if (r == rank || row[c] == 0) {
          continue;
        }
        long f = row[c];
        for (int j = c; j < m; j++) {
          if (pr[j] != 0) {
            row[j] = (row[j] + (P - f) * pr[j]) % P;
          }
        }
      }
      pivotColumn[rank++] = c;
    }
    for (int r = 0; r < rank; r++) {
      long[] row = rows.get(r);
      int nonZero = 0;
      for (long x : row) {
        if (x != 0) {
          nonZero++;
        }
      }
      if (nonZero == 1) {
        return unknowns.get(pivotColumn[r]);
      }
    }
    return -1;
  }

  private static long power(long base, long exponent) {
    long result = 1;
    long b = base % P;
    for (long e = exponent; e > 0; e >>= 1) {
      if ((e & 1) == 1) {
        result = result * b % P;
      }
      b = b * b % P;
    }
    return result;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
