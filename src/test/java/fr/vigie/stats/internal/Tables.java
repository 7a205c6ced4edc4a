package fr.vigie.stats.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helpers for tables of cells and margins: building all margins of a set of cells
 * (additively), the lines of a table, and an attacker who solves the published values exactly
 * (Gaussian elimination over the rationals, independent of {@link Suppression}'s own check).
 */
final class Tables {

  private Tables() {}

  /** A table: entries (cells and all margins) with their values. */
  record Table(List<String[]> coords, long[] values) {

    int index(String... coords) {
      for (int i = 0; i < this.coords.size(); i++) {
        if (Arrays.equals(this.coords.get(i), coords)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** The cells (non-zero values) with every margin, each the sum of the cells it covers. */
  static Table withMargins(Map<List<String>, Long> cells, int dims) {
    Map<List<String>, Long> all = new java.util.LinkedHashMap<>();
    for (var cell : cells.entrySet()) {
      if (cell.getValue() <= 0) {
        continue;
      }
      for (int mask = 0; mask < 1 << dims; mask++) {
        List<String> key = new ArrayList<>(cell.getKey());
        for (int d = 0; d < dims; d++) {
          if ((mask & (1 << d)) != 0) {
            key.set(d, null);
          }
        }
        all.merge(key, cell.getValue(), Long::sum);
      }
    }
    List<String[]> coords = new ArrayList<>();
    long[] values = new long[all.size()];
    int i = 0;
    for (var e : all.entrySet()) {
      coords.add(e.getKey().toArray(new String[0]));
      values[i++] = e.getValue();
    }
    return new Table(coords, values);
  }

  /** Lines of the table: element 0 the total, then the entries it sums. */
  static List<int[]> lines(List<String[]> coords) {
    Map<List<String>, Integer> index = new HashMap<>();
    for (int i = 0; i < coords.size(); i++) {
      index.put(Arrays.asList(coords.get(i)), i);
    }
    Map<String, List<Integer>> lines = new java.util.TreeMap<>();
    for (int m = 0; m < coords.size(); m++) {
      String[] c = coords.get(m);
      for (int d = 0; d < c.length; d++) {
        if (c[d] != null) {
          String[] parent = c.clone();
          parent[d] = null;
          int total = index.get(Arrays.asList(parent));
          lines.computeIfAbsent(total + "/" + d, x -> new ArrayList<>(List.of(total))).add(m);
        }
      }
    }
    return lines.values().stream().map(l -> l.stream().mapToInt(x -> x).toArray()).toList();
  }

  /**
   * The suppressed entries an attacker can compute exactly from the published ones: those whose
   * unit vector is in the row space of the line equations restricted to the suppressed entries.
   * Exact: fraction-free elimination on BigIntegers.
   */
  static List<Integer> recoverable(List<String[]> coords, boolean[] suppressed) {
    List<Integer> unknowns = new ArrayList<>();
    Map<Integer, Integer> column = new HashMap<>();
    for (int i = 0; i < suppressed.length; i++) {
      if (suppressed[i]) {
        column.put(i, unknowns.size());
        unknowns.add(i);
      }
    }
    int m = unknowns.size();
    List<BigInteger[]> rows = new ArrayList<>();
    for (int[] line : lines(coords)) {
      BigInteger[] row = new BigInteger[m];
      Arrays.fill(row, BigInteger.ZERO);
      boolean any = false;
      for (int j = 0; j < line.length; j++) {
        Integer c = column.get(line[j]);
        if (c != null) {
          row[c] = row[c].add(j == 0 ? BigInteger.ONE : BigInteger.ONE.negate());
          any = true;
        }
      }
      if (any) {
        rows.add(row);
      }
    }
    // Reduced row echelon form over the rationals, rows kept integral.
    int rank = 0;
    int[] pivotOf = new int[rows.size()];
    for (int c = 0; c < m && rank < rows.size(); c++) {
      int pivot = -1;
      for (int r = rank; r < rows.size(); r++) {
        if (rows.get(r)[c].signum() != 0) {
          pivot = r;
          break;
        }
      }
      if (pivot < 0) {
        continue;
      }
      java.util.Collections.swap(rows, rank, pivot);
      BigInteger[] p = rows.get(rank);
      for (int r = 0; r < rows.size(); r++) {
        BigInteger[] row = rows.get(r);
        if (r == rank || row[c].signum() == 0) {
          continue;
        }
        BigInteger a = p[c];
        BigInteger b = row[c];
        BigInteger g = BigInteger.ZERO;
        for (int j = 0; j < m; j++) {
          row[j] = row[j].multiply(a).subtract(p[j].multiply(b));
          g = g.gcd(row[j]);
        }
        if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
          for (int j = 0; j < m; j++) {
            row[j] = row[j].divide(g);
          }
        }
      }
      pivotOf[rank++] = c;
    }
    List<Integer> recoverable = new ArrayList<>();
    for (int r = 0; r < rank; r++) {
      long nonZero = Arrays.stream(rows.get(r)).filter(x -> x.signum() != 0).count();
      if (nonZero == 1) {
        recoverable.add(unknowns.get(pivotOf[r]));
      }
    }
    return recoverable;
  }
}
