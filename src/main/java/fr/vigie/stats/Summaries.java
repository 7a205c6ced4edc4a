package fr.vigie.stats;

import static fr.vigie.stats.Dimension.KIND;
import static fr.vigie.stats.Dimension.PREVENTED;
import static fr.vigie.stats.Dimension.SEVERITY;
import static fr.vigie.stats.Dimension.THREAT;
import static fr.vigie.stats.Dimension.VICTIM_CATEGORY;

import fr.vigie.stats.StatsService.Table;
import fr.vigie.stats.Summary.Figure;
import fr.vigie.stats.internal.CubeEngine.Group;
import fr.vigie.tickets.OrientationCode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Builds the yearly {@link Summary} from four small tables of the year — kind × prevention, victim
 * category, threat, severity — each under statistical secrecy with the year's total protected, plus
 * the orientations. The total is the same number in every table: if one table had to hide it, it is
 * hidden everywhere, and a share of a hidden total is hidden too.
 */
@Singleton
final class Summaries {

  private static final int TOP = 5;
  private final StatsService stats;

  Summaries(StatsService stats) {
    this.stats = stats;
  }

  Summary summary(int year) {
    int k = stats.k();
    Table kinds = stats.yearTable(year, List.of(KIND, PREVENTED), Map.of());
    Table categories = stats.yearTable(year, List.of(VICTIM_CATEGORY), Map.of());
    Table threats = stats.yearTable(year, List.of(THREAT), Map.of());
    Table severities = stats.yearTable(year, List.of(SEVERITY), Map.of());
    List<Table> tables = List.of(kinds, categories, threats, severities);

    int totalIndex = find(kinds, null, null);
    boolean totalHidden = false;
    for (Table t : tables) {
      int i = find(t, t.groups().isEmpty() ? null : new String[t.groups().get(0).values().length]);
      totalHidden |= i >= 0 && t.suppressed()[i];
    }
    long totalEvents = totalIndex < 0 ? 0 : kinds.groups().get(totalIndex).tickets();
    long totalVictims = totalIndex < 0 ? 0 : kinds.groups().get(totalIndex).victims();
    Long denominator = totalHidden || totalEvents == 0 ? null : totalEvents;
    Summary.Total total =
        totalHidden
            ? new Summary.Total(null, null, true)
            : new Summary.Total(totalEvents, totalVictims, false);

    List<Figure> byKind = new ArrayList<>();
    for (String kind : List.of("SIGNALEMENT", "INCIDENT")) {
      byKind.add(figure(kinds, kind, find(kinds, kind, null), denominator));
    }
    int incidents = find(kinds, "INCIDENT", null);
    Long incidentEvents = published(kinds, incidents);
    List<Figure> prevention = new ArrayList<>();
    for (String p : List.of("PREVENTED", "AFTER_IMPACT", Dimension.Constants.NOT_CLOSED)) {
      prevention.add(figure(kinds, p, find(kinds, "INCIDENT", p), incidentEvents));
    }
    Long prevented = prevention.get(0).events();
    Long after = prevention.get(1).events();
    Double preventedShare =
        prevented == null || after == null || prevented + after == 0
            ? null
            : share(prevented, prevented + after);

    List<Figure> byCategory = new ArrayList<>();
    for (VictimCategory c : VictimCategory.values()) {
      byCategory.add(figure(categories, c.name(), find(categories, c.name()), denominator));
    }

    List<Figure> allThreats = new ArrayList<>();
    for (String threat : THREAT.vocabulary().orElseThrow()) {
      allThreats.add(figure(threats, threat, find(threats, threat), denominator));
    }
    List<Figure> top =
        allThreats.stream()
            .filter(f -> !f.suppressed() && f.events() != null && f.events() > 0)
            .sorted(Comparator.comparing(Figure::events).reversed())
            .limit(TOP)
            .toList();
    Figure ransomware =
        allThreats.stream().filter(f -> f.code().equals("RANSOMWARE")).findFirst().orElseThrow();

    // Orientations overlap and add up to nothing, so no line hides them; but some follow a threat
    // or a category exactly (PERCEVAL is card fraud, 17Cyber the individuals): one with the same
    // events and victims as a figure hidden elsewhere would show it, and is hidden too.
    java.util.Set<List<Long>> hiddenElsewhere = new java.util.HashSet<>();
    for (Table t : tables) {
      for (int i = 0; i < t.groups().size(); i++) {
        if (t.suppressed()[i]) {
          hiddenElsewhere.add(List.of(t.groups().get(i).tickets(), t.groups().get(i).victims()));
        }
      }
    }
    long[][] oriented = stats.orientations(year);
    List<Figure> orientations = new ArrayList<>();
    for (OrientationCode code : OrientationCode.values()) {
      long[] count = oriented[code.ordinal()];
      boolean hidden =
          count[1] > 0 && (count[1] < k || hiddenElsewhere.contains(List.of(count[0], count[1])));
      orientations.add(
          new Figure(
              code.name(),
              hidden ? null : count[0],
              hidden || denominator == null ? null : share(count[0], denominator),
              hidden));
    }

    List<Summary.SeverityFigure> bySeverity = new ArrayList<>();
    for (String severity : List.of("P1", "P2", "P3", "P4")) {
      int i = find(severities, severity);
      if (i < 0) {
        bySeverity.add(new Summary.SeverityFigure(severity, 0L, null, null, false));
        continue;
      }
      Group g = severities.groups().get(i);
      boolean hidden = severities.suppressed()[i];
      bySeverity.add(
          new Summary.SeverityFigure(
              severity,
              hidden ? null : g.tickets(),
              hidden ? null : Secrecy.rate(g.slaMet(), g.slaBreached(), k),
              hidden ? null : Secrecy.median(g.firstContactCount(), g.medianFirstContact(), k),
              hidden));
    }
    Group all = totalIndex < 0 || totalHidden ? null : kinds.groups().get(totalIndex);
    return new Summary(
        year,
        k,
        total,
        byKind,
        byCategory,
        byCategory.get(VictimCategory.COLLECTIVITE.ordinal()).share(),
        top,
        ransomware,
        prevention,
        preventedShare,
        orientations,
        bySeverity,
        all == null ? null : Secrecy.rate(all.slaMet(), all.slaBreached(), k),
        all == null ? null : Secrecy.median(all.firstContactCount(), all.medianFirstContact(), k));
  }

  /** A figure: events of group {@code i} (0 when absent), its share of {@code of}. */
  private static Figure figure(Table t, String code, int i, Long of) {
    if (i < 0) {
      return new Figure(code, 0L, of == null ? null : 0.0, false);
    }
    if (t.suppressed()[i]) {
      return new Figure(code, null, null, true);
    }
    long events = t.groups().get(i).tickets();
    return new Figure(code, events, of == null || of == 0 ? null : share(events, of), false);
  }

  private static Long published(Table t, int i) {
    return i < 0 ? Long.valueOf(0) : t.suppressed()[i] ? null : t.groups().get(i).tickets();
  }

  private static double share(long part, long whole) {
    return Math.round(1000.0 * part / whole) / 1000.0;
  }

  /** The index of the group with these values ({@code null}: the total over that dimension). */
  private static int find(Table t, String... values) {
    for (int i = 0; i < t.groups().size(); i++) {
      if (Arrays.equals(t.groups().get(i).values(), values)) {
        return i;
      }
    }
    return -1;
  }
}
