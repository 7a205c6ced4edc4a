package fr.vigie.stats;

import fr.vigie.stats.internal.CubeEngine.Group;
import fr.vigie.stats.internal.Suppression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies {@link Suppression} to the groups of a cube, one table per period. */
final class Secrecy {

  private Secrecy() {}

  /**
   * Which groups are suppressed, in the order of {@code groups}. With {@code protectTotal}, each
   * period's grand total is suppressed only when nothing else can be: the yearly summary shares it
   * between tables.
   */
  static boolean[] apply(List<Group> groups, int k, boolean protectTotal) {
    Map<Integer, List<Integer>> byPeriod = new LinkedHashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      byPeriod.computeIfAbsent(groups.get(i).period(), p -> new ArrayList<>()).add(i);
    }
    boolean[] suppressed = new boolean[groups.size()];
    for (List<Integer> members : byPeriod.values()) {
      List<String[]> coords = new ArrayList<>(members.size());
      long[] values = new long[members.size()];
      boolean[] protect = new boolean[members.size()];
      for (int j = 0; j < members.size(); j++) {
        Group g = groups.get(members.get(j));
        coords.add(g.values());
        values[j] = g.victims();
        protect[j] = protectTotal && g.totalled() == g.values().length;
      }
      boolean[] hidden = Suppression.apply(coords, values, protect, k);
      for (int j = 0; j < members.size(); j++) {
        suppressed[members.get(j)] = hidden[j];
      }
    }
    return suppressed;
  }

  /** A measure taken from at least k values, else null (not published). */
  static Integer median(long count, int median, int k) {
    return count >= k && median >= 0 ? median : null;
  }

  /** The share of SLA clocks met among those decided, from at least k of them, else null. */
  static Double rate(long met, long breached, int k) {
    long decided = met + breached;
    return decided >= k ? Math.round(1000.0 * met / decided) / 1000.0 : null;
  }
}
