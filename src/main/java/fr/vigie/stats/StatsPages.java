package fr.vigie.stats;

import static fr.vigie.stats.Dimension.DEPARTEMENT;
import static fr.vigie.stats.Dimension.KIND;
import static fr.vigie.stats.Dimension.PREVENTED;
import static fr.vigie.stats.Dimension.RSIT_CLASS;
import static fr.vigie.stats.Dimension.SEVERITY;
import static fr.vigie.stats.Dimension.SIZE_BAND;
import static fr.vigie.stats.Dimension.VICTIM_CATEGORY;

import fr.vigie.stats.internal.report.Labels;
import fr.vigie.web.Chrome;
import fr.vigie.web.Messages;
import fr.vigie.web.StaffChrome;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The statistics pages' content (DESIGN.md §12): the officials' dashboard and the public page,
 * built only from the answers of the cube, the yearly summary and the public open data, each chart
 * with the table and the CSV of exactly what it shows. A suppressed entry is shown as « secret
 * statistique » — never 0, never blank, and its value is nowhere in the page: not in the drawing,
 * its title, the table or the CSV (the answers do not hold it).
 */
@Singleton
public final class StatsPages {

  /** The wording of the yearly report, for the same reason: never 0, never blank. */
  static final String SECRET = Labels.SECRET;

  /** A choice of a filter. */
  public record Option(String value, String label, boolean selected) {}

  /**
   * A line of a chart and its table: the texts shown, the same values for the CSV ({@code s} when
   * secret), the bar's length in pixels (0 when secret: the bar is drawn hatched instead).
   */
  public record Row(
      String code, String label, List<String> cells, List<String> csv, int length, boolean secret) {
    public String valueText() {
      return cells.get(0);
    }
  }

  /** A chart: bars drawn by the server, its table, its CSV. */
  public record ChartView(
      String id,
      String title,
      String caption,
      List<String> headers,
      List<String> csvHeaders,
      List<Row> rows,
      @Nullable Row total,
      String csvLink) {
    public int height() {
      return Math.max(1, rows.size()) * ROW + 8;
    }

    public int y(int i) {
      return i * ROW + 4;
    }
  }

  static final int ROW = 30;
  static final int BAR = 260;

  /** A département on the map. */
  public record Area(
      String code,
      String name,
      String path,
      String fill,
      boolean secret,
      String text,
      long x,
      long y) {
    public String title() {
      return name + " : " + text;
    }
  }

  /** A step of the map's legend. */
  public record Legend(String fill, String text) {}

  /** The map of the région's départements and its table. */
  public record MapView(String viewBox, List<Area> areas, List<Legend> legend, ChartView table) {
    public String credit() {
      return DepartementMap.CREDIT;
    }
  }

  /** A headline figure of the yearly summary, this year and the previous one. */
  public record Headline(String label, String current, String previous) {}

  /** The dashboard. */
  public record DashboardView(
      Chrome chrome,
      StaffChrome staff,
      int year,
      String periodText,
      String filterText,
      List<Option> years,
      List<Option> periods,
      List<Option> departements,
      List<Option> categories,
      List<Headline> headline,
      MapView map,
      List<ChartView> charts,
      String reportLink,
      int k) {}

  /** The public statistics page. */
  public record PublicView(
      Chrome chrome,
      int year,
      List<Option> years,
      List<Headline> headline,
      MapView map,
      ChartView table,
      int k) {}

  /** What the dashboard shows: a published year, a period of it, two optional filters. */
  record Filters(int year, String period, String departement, String category) {
    Period length() {
      return period.equals("annee")
          ? Period.YEAR
          : period.startsWith("T") ? Period.QUARTER : Period.MONTH;
    }

    int fromMonth() {
      return switch (length()) {
        case YEAR -> year * 12;
        case QUARTER -> year * 12 + (period.charAt(1) - '1') * 3;
        case MONTH -> year * 12 + Integer.parseInt(period) - 1;
      };
    }

    int toMonth() {
      return fromMonth() + length().firstMonth(1) - 1;
    }

    String query() {
      StringBuilder q = new StringBuilder("annee=" + year + "&periode=" + period);
      if (!departement.isEmpty()) {
        q.append("&departement=").append(departement);
      }
      if (!category.isEmpty()) {
        q.append("&categorie=").append(category);
      }
      return q.toString();
    }
  }

  private final StatsService stats;
  private final Summaries summaries;
  private final OpenData openData;
  private final Publication publication;
  private final DepartementMap geometry;
  private final Messages messages;

  StatsPages(
      StatsService stats,
      Summaries summaries,
      OpenData openData,
      Publication publication,
      DepartementMap geometry,
      Messages messages) {
    this.stats = stats;
    this.summaries = summaries;
    this.openData = openData;
    this.publication = publication;
    this.geometry = geometry;
    this.messages = messages;
  }

  /** The published years offered: the latest and the four before it. */
  List<Integer> years() {
    int latest = publication.latest(Period.YEAR);
    List<Integer> years = new ArrayList<>();
    for (int y = latest; y > latest - 5 && y >= 2000; y--) {
      years.add(y);
    }
    return years;
  }

  /** The filters asked, each one that is not among the choices replaced by its default. */
  Filters filters(
      @Nullable String year,
      @Nullable String period,
      @Nullable String departement,
      @Nullable String category) {
    List<Integer> years = years();
    int y = years.get(0);
    if (year != null && year.matches("[0-9]{4}") && years.contains(Integer.parseInt(year))) {
      y = Integer.parseInt(year);
    }
    String p = period != null && period.matches("annee|T[1-4]|0[1-9]|1[0-2]") ? period : "annee";
    String d =
        departement != null
                && geometry.served().stream().anyMatch(o -> o.code().equals(departement))
            ? departement
            : "";
    String c =
        category != null && VICTIM_CATEGORY.vocabulary().orElseThrow().contains(category)
            ? category
            : "";
    return new Filters(y, p, d, c);
  }

  DashboardView dashboard(Chrome chrome, StaffChrome staff, Filters f) {
    String link = "/tableau-de-bord/donnees/%s.csv?" + f.query();
    Map<Dimension, Set<String>> filters = new EnumMap<>(Dimension.class);
    if (!f.departement().isEmpty()) {
      filters.put(DEPARTEMENT, Set.of(f.departement()));
    }
    if (!f.category().isEmpty()) {
      filters.put(VICTIM_CATEGORY, Set.of(f.category()));
    }
    Period length = f.length();

    Map<Dimension, Set<String>> mapFilters = new EnumMap<>(Dimension.class);
    mapFilters.put(DEPARTEMENT, servedCodes());
    if (!f.category().isEmpty()) {
      mapFilters.put(VICTIM_CATEGORY, Set.of(f.category()));
    }
    CubeAnswer byDepartement =
        stats.cube(
            new CubeQuery(List.of(DEPARTEMENT), length, f.fromMonth(), f.toMonth(), mapFilters));
    MapView map =
        map(
            CubeEntries.byValue(byDepartement, DEPARTEMENT, List.copyOf(servedCodes())),
            CubeEntries.total(byDepartement),
            String.format(link, "departements"),
            "Victimes distinctes par département",
            SECRET + " : non publié (aucune victime, ou trop peu pour publier leur nombre)");

    List<ChartView> charts = new ArrayList<>();
    CubeAnswer months =
        stats.cube(new CubeQuery(List.of(), Period.MONTH, f.fromMonth(), f.toMonth(), filters));
    List<CubeEntries.Entry> monthly = CubeEntries.byPeriod(months);
    long max = max(monthly);
    List<Row> trend = new ArrayList<>();
    for (CubeEntries.Entry e : monthly) {
      int m = Integer.parseInt(e.code().substring(5));
      trend.add(count(Labels.monthName(m) + " " + e.code().substring(0, 4), e, max));
    }
    charts.add(
        new ChartView(
            "mois",
            "Évolution mois par mois",
            "Victimes distinctes chaque mois",
            List.of("Mois", "Victimes"),
            List.of("mois", "libelle", "nombre_victimes", "secret_statistique"),
            trend,
            null,
            String.format(link, "mois")));
    charts.add(
        breakdown("categories", "Par catégorie de victime", VICTIM_CATEGORY, f, filters, link));
    charts.add(breakdown("tailles", "Par taille de la victime", SIZE_BAND, f, filters, link));
    charts.add(
        breakdown("rsit", "Par classe d'incident (taxonomie RSIT)", RSIT_CLASS, f, filters, link));
    Map<Dimension, Set<String>> incidents = new EnumMap<>(filters);
    incidents.put(KIND, Set.of("INCIDENT"));
    ChartView prevented =
        breakdown(
            "prevention",
            "Incidents évités ou traités après dommage",
            PREVENTED,
            f,
            incidents,
            link);
    charts.add(prevented);
    CubeAnswer severity =
        stats.cube(new CubeQuery(List.of(SEVERITY), length, f.fromMonth(), f.toMonth(), filters));
    charts.add(
        chart("gravite", "Par gravité", SEVERITY, severity, f, String.format(link, "gravite")));
    charts.add(sla(severity, String.format(link, "delais")));

    List<Option> years = new ArrayList<>();
    for (int y : years()) {
      years.add(new Option(String.valueOf(y), String.valueOf(y), y == f.year()));
    }
    List<Option> periods = new ArrayList<>();
    periods.add(new Option("annee", "Toute l'année", f.period().equals("annee")));
    for (int q = 1; q <= 4; q++) {
      periods.add(
          new Option(
              "T" + q, q + (q == 1 ? "er" : "e") + " trimestre", f.period().equals("T" + q)));
    }
    for (int m = 1; m <= 12; m++) {
      String code = String.format("%02d", m);
      periods.add(new Option(code, Labels.monthName(m), f.period().equals(code)));
    }
    List<Option> departements = new ArrayList<>();
    departements.add(new Option("", "Tous les départements", f.departement().isEmpty()));
    for (var o : geometry.served()) {
      departements.add(
          new Option(o.code(), geometry.name(o.code()), o.code().equals(f.departement())));
    }
    List<Option> categories = new ArrayList<>();
    categories.add(new Option("", "Toutes les catégories", f.category().isEmpty()));
    for (String c : VICTIM_CATEGORY.vocabulary().orElseThrow()) {
      categories.add(
          new Option(c, messages.get("stats.victimCategory." + c), c.equals(f.category())));
    }
    String periodText =
        periods.stream().filter(Option::selected).findFirst().orElseThrow().label()
            + (f.period().equals("annee") ? " " : " ")
            + f.year();
    String filterText =
        (f.departement().isEmpty() ? "tous les départements" : geometry.name(f.departement()))
            + ", "
            + (f.category().isEmpty()
                ? "toutes les catégories de victimes"
                : messages.get("stats.victimCategory." + f.category()).toLowerCase(Locale.FRENCH));
    return new DashboardView(
        chrome,
        staff,
        f.year(),
        periodText,
        filterText,
        years,
        periods,
        departements,
        categories,
        headline(f.year()),
        map,
        charts,
        reportLink(f.year()),
        publication.k());
  }

  PublicView publicPage(Chrome chrome, int year) {
    PublicStats open = openData.publicStats(year);
    Map<String, PublicStats.Cell> byDepartement = new LinkedHashMap<>();
    PublicStats.Cell total = null;
    Map<String, Map<String, PublicStats.Cell>> grid = new LinkedHashMap<>();
    for (PublicStats.Cell c : open.margins()) {
      if (c.rsitClass() != null) {
        continue;
      }
      if (c.departement() != null && c.victimCategory() == null) {
        byDepartement.put(c.departement(), c);
      } else if (c.departement() == null && c.victimCategory() == null) {
        total = c;
      }
      String row = c.departement() == null ? "TOTAL" : c.departement();
      String column = c.victimCategory() == null ? "TOTAL" : c.victimCategory();
      grid.computeIfAbsent(row, x -> new LinkedHashMap<>()).put(column, c);
    }
    // The open data are exact tables under suppression: a hidden entry is listed (suppressed), one
    // not listed has no victim, so it is 0 here (unlike the officials' cube, see CubeEntries).
    List<CubeEntries.Entry> areas = new ArrayList<>();
    for (String d : servedCodes()) {
      PublicStats.Cell c = byDepartement.get(d);
      areas.add(
          new CubeEntries.Entry(
              d, c == null ? cell(d, 0L, false) : cell(d, c.count(), c.suppressed())));
    }
    MapView map =
        map(
            areas,
            new CubeEntries.Entry(
                "TOTAL",
                total == null
                    ? cell(null, 0L, false)
                    : cell(null, total.count(), total.suppressed())),
            "/api/v1/public/stats/" + year + ".csv",
            "Victimes distinctes par département",
            SECRET
                + " : moins de "
                + open.k()
                + " victimes, ou masqué pour protéger une autre case");

    List<String> columns = new ArrayList<>(VICTIM_CATEGORY.vocabulary().orElseThrow());
    columns.add("TOTAL");
    List<String> headers = new ArrayList<>();
    headers.add("Département");
    for (String c : columns) {
      headers.add(c.equals("TOTAL") ? "Total" : messages.get("stats.victimCategory." + c));
    }
    List<Row> rows = new ArrayList<>();
    Row totalRow = null;
    for (var entry : grid.entrySet()) {
      List<String> cells = new ArrayList<>();
      for (String c : columns) {
        PublicStats.Cell cell = entry.getValue().get(c);
        cells.add(cell == null ? "0" : cell.suppressed() ? SECRET : String.valueOf(cell.count()));
      }
      Row row =
          new Row(
              entry.getKey(),
              entry.getKey().equals("TOTAL") ? "Total" : geometry.name(entry.getKey()),
              cells,
              cells,
              0,
              false);
      if (entry.getKey().equals("TOTAL")) {
        totalRow = row;
      } else {
        rows.add(row);
      }
    }
    ChartView table =
        new ChartView(
            "categories",
            "Victimes distinctes par département et catégorie",
            "Victimes distinctes par département et catégorie de victime, " + year,
            headers,
            List.of(),
            rows,
            totalRow,
            "/api/v1/public/stats/" + year + ".csv");
    List<Option> years = new ArrayList<>();
    for (int y : years()) {
      years.add(new Option(String.valueOf(y), String.valueOf(y), y == year));
    }
    PublicStats.Headline h = open.headline();
    List<Headline> headline =
        List.of(
            new Headline("Événements signalés", number(h.events()), ""),
            new Headline("dont signalements", number(h.signalements()), ""),
            new Headline("dont incidents", number(h.incidents()), ""),
            new Headline("Part des collectivités", percent(h.collectiviteShare()), ""),
            new Headline("Rançongiciels", number(h.ransomware()), ""),
            new Headline("Part des incidents évités", percent(h.preventedShare()), ""),
            new Headline("Délais de prise en charge respectés", percent(h.slaMetRate()), ""),
            new Headline(
                "Délai médian avant le premier contact",
                minutes(h.medianFirstContactMinutes()),
                ""));
    return new PublicView(chrome, year, years, headline, map, table, open.k());
  }

  private static CubeAnswer.Cell cell(String departement, Long count, boolean suppressed) {
    return new CubeAnswer.Cell(
        null,
        departement,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        count,
        null,
        null,
        null,
        suppressed);
  }

  private Set<String> servedCodes() {
    Set<String> codes = new java.util.TreeSet<>();
    geometry.served().forEach(o -> codes.add(o.code()));
    return codes.isEmpty() ? Set.of("UNKNOWN") : codes;
  }

  /** The dashboard's link to the yearly report of {@code year} (the API's PDF, for a session). */
  static String reportLink(int year) {
    return "/tableau-de-bord/rapport/" + year + ".pdf";
  }

  private MapView map(
      List<CubeEntries.Entry> entries,
      CubeEntries.Entry total,
      String csv,
      String title,
      String secretLegend) {
    long max = max(entries);
    long[] steps = new long[4];
    for (int i = 0; i < 4; i++) {
      steps[i] = Math.max(1, (long) Math.ceil(max * (i + 1) / 4.0));
    }
    List<Area> areas = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    boolean zero = false;
    for (var o : geometry.served()) {
      CubeEntries.Entry e =
          entries.stream()
              .filter(x -> x.code().equals(o.code()))
              .findFirst()
              .orElse(new CubeEntries.Entry(o.code(), null));
      boolean secret = e.secret();
      long value = secret ? 0 : e.cell().count();
      zero |= !secret && value == 0;
      String fill = secret ? "secret" : "q" + quantile(value, steps);
      String text = secret ? SECRET : value + (value > 1 ? " victimes" : " victime");
      areas.add(
          new Area(
              o.code(),
              o.name(),
              o.path(),
              fill,
              secret,
              text,
              Math.round(o.label()[0]),
              Math.round(o.label()[1])));
      rows.add(count(geometry.name(o.code()), e, 0));
    }
    List<Legend> legend = new ArrayList<>();
    if (zero) {
      legend.add(new Legend("q0", "aucune victime"));
    }
    long from = 1;
    for (int i = 0; i < 4; i++) {
      if (steps[i] >= from && max > 0) {
        legend.add(
            new Legend(
                "q" + (i + 1), from == steps[i] ? String.valueOf(from) : from + " à " + steps[i]));
        from = steps[i] + 1;
      }
    }
    legend.add(new Legend("secret", secretLegend));
    return new MapView(
        geometry.viewBox(),
        areas,
        legend,
        new ChartView(
            "departements",
            title,
            title,
            List.of("Département", "Victimes"),
            List.of("departement", "libelle", "nombre_victimes", "secret_statistique"),
            rows,
            count("Total", total, 0),
            csv));
  }

  private static long max(List<CubeEntries.Entry> entries) {
    return entries.stream()
        .filter(e -> !e.secret())
        .mapToLong(e -> e.cell().count())
        .max()
        .orElse(0);
  }

  private static int quantile(long value, long[] steps) {
    if (value == 0) {
      return 0;
    }
    for (int i = 0; i < 4; i++) {
      if (value <= steps[i]) {
        return i + 1;
      }
    }
    return 4;
  }

  private ChartView breakdown(
      String id,
      String title,
      Dimension d,
      Filters f,
      Map<Dimension, Set<String>> filters,
      String link) {
    CubeAnswer answer =
        stats.cube(new CubeQuery(List.of(d), f.length(), f.fromMonth(), f.toMonth(), filters));
    return chart(id, title, d, answer, f, String.format(link, id));
  }

  private ChartView chart(
      String id, String title, Dimension d, CubeAnswer answer, Filters f, String csv) {
    List<CubeEntries.Entry> entries = CubeEntries.byValue(answer, d, expected(d, f));
    long max = max(entries);
    List<Row> rows = new ArrayList<>();
    for (CubeEntries.Entry e : entries) {
      rows.add(count(label(d, e.code()), e, max));
    }
    return new ChartView(
        id,
        title,
        title + " (victimes distinctes)",
        List.of(header(d), "Victimes"),
        List.of("code", "libelle", "nombre_victimes", "secret_statistique"),
        rows,
        count("Total", CubeEntries.total(answer), 0),
        csv);
  }

  /**
   * The values a breakdown lists, each one the cube leaves out shown secret: the dimension's
   * vocabulary, less what the category filter makes impossible (a company has no inhabitants).
   */
  static List<String> expected(Dimension d, Filters f) {
    List<String> all = d.vocabulary().orElseThrow();
    if (f.category().isEmpty()) {
      return all;
    }
    return switch (d) {
      case VICTIM_CATEGORY -> List.of(f.category());
      case SIZE_BAND -> all.stream().filter(band -> possible(band, f.category())).toList();
      default -> all;
    };
  }

  /** The size bands of a victim category (as {@code stat_fact_refresh} sets them, V7). */
  private static boolean possible(String band, String category) {
    return switch (category) {
      case "COLLECTIVITE" -> band.startsWith("POP_") || band.equals("UNKNOWN");
      case "PARTICULIER" -> band.equals("NOT_APPLICABLE");
      default -> band.startsWith("STAFF_") || band.equals("UNKNOWN");
    };
  }

  /** SLA met rate and median first contact per severity, from the severity answer. */
  private ChartView sla(CubeAnswer answer, String csv) {
    List<Row> rows = new ArrayList<>();
    for (CubeEntries.Entry e :
        CubeEntries.byValue(answer, SEVERITY, SEVERITY.vocabulary().orElseThrow())) {
      rows.add(slaRow(label(SEVERITY, e.code()), e));
    }
    return new ChartView(
        "delais",
        "Délais tenus et premier contact, par gravité",
        "Part des délais de prise en charge respectés et délai médian avant le premier contact",
        List.of("Gravité", "Délais respectés", "Premier contact (médiane)"),
        List.of(
            "code",
            "libelle",
            "taux_delais_respectes_pourcent",
            "premier_contact_median_minutes",
            "secret_statistique"),
        rows,
        slaRow("Toutes gravités", CubeEntries.total(answer)),
        csv);
  }

  /**
   * A line of the SLA chart: a measure the cube does not give (the entry left out, or the measure
   * taken from fewer than k tickets) is secret.
   */
  private static Row slaRow(String label, CubeEntries.Entry e) {
    CubeAnswer.Cell c = e.secret() ? null : e.cell();
    Double rate = c == null ? null : c.slaMetRate();
    Integer median = c == null ? null : c.medianFirstContactMinutes();
    return new Row(
        e.code(),
        label,
        List.of(rate == null ? SECRET : Math.round(rate * 100) + " %", minutes(median)),
        List.of(
            e.code(),
            label,
            rate == null ? OpenData.SECRET : String.valueOf(Math.round(rate * 100)),
            median == null ? OpenData.SECRET : String.valueOf(median),
            String.valueOf(rate == null || median == null)),
        rate == null ? 0 : (int) Math.round(rate * BAR),
        rate == null);
  }

  /** A line of a count: the cube's figure, or « secret statistique » (CSV {@code s}). */
  private static Row count(String label, CubeEntries.Entry e, long max) {
    boolean secret = e.secret();
    long value = secret ? 0 : e.cell().count();
    return new Row(
        e.code(),
        label,
        List.of(secret ? SECRET : String.valueOf(value)),
        List.of(
            e.code(),
            label,
            secret ? OpenData.SECRET : String.valueOf(value),
            String.valueOf(secret)),
        secret || max == 0 ? 0 : (int) Math.max(2, Math.round((double) value / max * BAR)),
        secret);
  }

  private static String header(Dimension d) {
    return switch (d) {
      case VICTIM_CATEGORY -> "Catégorie";
      case SIZE_BAND -> "Taille";
      case RSIT_CLASS -> "Classe RSIT";
      case SEVERITY -> "Gravité";
      case PREVENTED -> "Issue";
      default -> "Département";
    };
  }

  private String label(Dimension d, String value) {
    if (value == null) {
      return "Total";
    }
    String key = "stats." + d.parameter() + "." + value;
    String text = messages.find(key);
    return text == null ? value : text;
  }

  private List<Headline> headline(int year) {
    Summary now = summaries.summary(year);
    Summary before =
        publication.published(Period.YEAR, year - 1) ? summaries.summary(year - 1) : null;
    List<Headline> rows = new ArrayList<>();
    rows.add(line("Événements signalés", now, before, s -> number(s.events().events())));
    rows.add(line("Victimes distinctes", now, before, s -> number(s.events().victims())));
    rows.add(line("Signalements", now, before, s -> number(s.byKind().get(0).events())));
    rows.add(line("Incidents", now, before, s -> number(s.byKind().get(1).events())));
    rows.add(line("Part des collectivités", now, before, s -> percent(s.collectiviteShare())));
    rows.add(line("Rançongiciels", now, before, s -> number(s.ransomware().events())));
    rows.add(line("Part des incidents évités", now, before, s -> percent(s.preventedShare())));
    rows.add(
        line("Délais de prise en charge respectés", now, before, s -> percent(s.slaMetRate())));
    rows.add(
        line(
            "Délai médian avant le premier contact",
            now,
            before,
            s -> minutes(s.medianFirstContactMinutes())));
    return rows;
  }

  private static Headline line(
      String label, Summary now, @Nullable Summary before, Function<Summary, String> figure) {
    return new Headline(
        label, figure.apply(now), before == null ? "non publié" : figure.apply(before));
  }

  static String number(@Nullable Long value) {
    return value == null ? SECRET : String.valueOf(value);
  }

  static String percent(@Nullable Double value) {
    return value == null ? SECRET : Math.round(value * 100) + " %";
  }

  static String minutes(@Nullable Integer minutes) {
    if (minutes == null) {
      return SECRET;
    }
    return minutes < 60 ? minutes + " min" : String.format("%d h %02d", minutes / 60, minutes % 60);
  }

  /** The CSV of a chart: exactly its rows and total, as shown ({@code s}: secret). */
  static String csv(ChartView chart) {
    StringBuilder out = new StringBuilder(String.join(",", chart.csvHeaders())).append("\r\n");
    List<Row> rows = new ArrayList<>(chart.rows());
    if (chart.total() != null) {
      rows.add(chart.total());
    }
    for (Row r : rows) {
      List<String> quoted = new ArrayList<>();
      for (String v : r.csv()) {
        quoted.add(v.matches("[A-Za-z0-9_ .%-]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"");
      }
      out.append(String.join(",", quoted)).append("\r\n");
    }
    return out.toString();
  }
}
