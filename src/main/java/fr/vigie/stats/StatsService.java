package fr.vigie.stats;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.stats.internal.CellKey;
import fr.vigie.stats.internal.CubeEngine;
import fr.vigie.stats.internal.CubeEngine.Group;
import fr.vigie.stats.internal.FactMirror;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Answers the cube (DESIGN.md §8): only published periods, cells and all their margins per period,
 * the cell key method's noise on every count ({@link CellKey}) and entries of fewer than k victims,
 * or whose perturbed count is below k, left out, so that secrecy holds across answers too. The
 * yearly summary and the public statistics keep exact counts under primary and secondary
 * suppression ({@link Secrecy}).
 */
@Singleton
public final class StatsService {

  /** At most this many periods in one answer (ten years of months). */
  static final int MAX_PERIODS = 120;

  private final FactMirror mirror;
  private final Publication publication;

  StatsService(FactMirror mirror, Publication publication) {
    this.mirror = mirror;
    this.publication = publication;
  }

  public CubeAnswer cube(CubeQuery q) {
    Period period = q.period();
    int latest = publication.latest(period);
    int last = q.toMonth() == null ? latest : period.of(q.toMonth());
    int first = q.fromMonth() == null ? last - defaultSpan(period) + 1 : period.of(q.fromMonth());
    if (first > last) {
      throw ProblemException.invalid(List.of(new FieldError("from", "after to")));
    }
    if (last - first + 1 > MAX_PERIODS) {
      throw ProblemException.invalid(
          List.of(new FieldError("to", "at most " + MAX_PERIODS + " periods in one answer")));
    }
    int answered = Math.min(last, latest);
    List<String> periods = new ArrayList<>();
    for (int p = first; p <= answered; p++) {
      periods.add(period.label(p));
    }
    List<Group> groups =
        answered < first
            ? List.of()
            : mirror.read(
                t ->
                    CubeEngine.run(
                        t,
                        new CubeEngine.Query(period, first, answered, q.groupBy(), q.filters())));
    int k = publication.k();
    List<CubeAnswer.Cell> cells = new ArrayList<>();
    List<CubeAnswer.Cell> margins = new ArrayList<>();
    for (Published p : publish(groups, q.groupBy(), k)) {
      CubeAnswer.Cell cell = cell(period, q.groupBy(), p.group(), p.count(), k);
      (p.group().totalled() == 0 ? cells : margins).add(cell);
    }
    Map<String, List<String>> filters = new LinkedHashMap<>();
    q.filters().forEach((d, values) -> filters.put(d.parameter(), List.copyOf(values)));
    return new CubeAnswer(
        k,
        period,
        q.groupBy().stream().map(Dimension::parameter).toList(),
        filters,
        period.label(first),
        period.label(last),
        periods,
        period.label(latest),
        cells,
        margins);
  }

  private static int defaultSpan(Period period) {
    return switch (period) {
      case MONTH -> 12;
      case QUARTER -> 4;
      case YEAR -> 5;
    };
  }

  /** An entry of the officials' cube as published: its group and its perturbed count. */
  record Published(Group group, long count) {}

  /**
   * What the officials' cube shows of these groups, in reading order (see the README,
   * "Statistics"): every count gets its cell key's noise ({@link CellKey}); an entry of fewer than
   * k victims, or whose perturbed count is below k, is left out, like an empty one, so that listing
   * it does not tell that it has victims. No secondary suppression: a hidden entry recomputed from
   * the others carries all their noises, and which entries secondary suppression hides would itself
   * tell, through the rule "never one hidden entry in a line", which absent entries have victims.
   */
  static List<Published> publish(List<Group> groups, List<Dimension> groupBy, int k) {
    return publish(groups, groupBy, k, g -> CellKey.perturb(g.victims(), g.key()));
  }

  /**
   * The same with the perturbed count of each group given ({@code noisy}, for k victims or more).
   */
  static List<Published> publish(
      List<Group> groups, List<Dimension> groupBy, int k, ToLongFunction<Group> noisy) {
    List<Published> published = new ArrayList<>();
    for (int i : order(groups, groupBy)) {
      Group g = groups.get(i);
      if (g.victims() >= k) {
        long perturbed = noisy.applyAsLong(g);
        if (CellKey.shown(g.victims(), perturbed, k)) {
          published.add(new Published(g, perturbed));
        }
      }
    }
    return published;
  }

  static CubeAnswer.Cell cell(Period period, List<Dimension> groupBy, Group g, long count, int k) {
    Map<Dimension, String> v = new EnumMap<>(Dimension.class);
    for (int j = 0; j < groupBy.size(); j++) {
      v.put(groupBy.get(j), g.values()[j]);
    }
    return new CubeAnswer.Cell(
        period.label(g.period()),
        v.get(Dimension.DEPARTEMENT),
        v.get(Dimension.REGION),
        v.get(Dimension.VICTIM_CATEGORY),
        v.get(Dimension.SIZE_BAND),
        v.get(Dimension.RSIT_CLASS),
        v.get(Dimension.SEVERITY),
        v.get(Dimension.KIND),
        v.get(Dimension.OUTCOME),
        v.get(Dimension.PREVENTED),
        count,
        Secrecy.median(g.firstContactCount(), g.medianFirstContact(), k),
        Secrecy.rate(g.slaMet(), g.slaBreached(), k),
        Secrecy.median(g.providerEngagementCount(), g.medianProviderEngagement(), k),
        false);
  }

  /**
   * Indexes of {@code groups} in reading order: by period, the cells before the margins (fewer
   * totals first), then by each dimension's value in its vocabulary's order (codes sorted).
   */
  static List<Integer> order(List<Group> groups, List<Dimension> groupBy) {
    Comparator<Integer> byPeriod = Comparator.comparingInt(i -> groups.get(i).period());
    Comparator<Integer> c = byPeriod.thenComparingInt(i -> groups.get(i).totalled());
    for (int j = 0; j < groupBy.size(); j++) {
      int dim = j;
      Dimension d = groupBy.get(j);
      c =
          c.thenComparing(
              i -> groups.get(i).values()[dim],
              Comparator.nullsLast(
                  Comparator.comparingInt((String value) -> rank(d, value))
                      .thenComparing(Comparator.naturalOrder())));
    }
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      indexes.add(i);
    }
    indexes.sort(c);
    return indexes;
  }

  private static int rank(Dimension d, String value) {
    return d.vocabulary().map(v -> v.indexOf(value)).orElse(value.equals("UNKNOWN") ? 1 : 0);
  }

  /** The year, if it is published, else 422 saying when it will be. */
  int publishedYear(String field, Integer year) {
    if (year == null) {
      return publication.latest(Period.YEAR);
    }
    if (year < 2000 || year > 2100) {
      throw ProblemException.malformed(field, "a year between 2000 and 2100");
    }
    if (!publication.published(Period.YEAR, year)) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "The figures of "
              + year
              + " are published from "
              + publication.publishedAt(Period.YEAR, year)
              + ".",
          List.of(new FieldError(field, "not published yet")));
    }
    return year;
  }

  /** The facts of one year by some dimensions, with the secrecy of its one table. */
  record Table(List<Group> groups, boolean[] suppressed) {}

  Table yearTable(int year, List<Dimension> groupBy, Map<Dimension, Set<String>> filters) {
    List<Group> groups =
        mirror.read(
            t ->
                CubeEngine.run(t, new CubeEngine.Query(Period.YEAR, year, year, groupBy, filters)));
    return new Table(groups, Secrecy.apply(groups, publication.k(), true));
  }

  long[][] orientations(int year) {
    return mirror.read(t -> CubeEngine.orientations(t, Period.YEAR, year, year));
  }

  int k() {
    return publication.k();
  }
}
