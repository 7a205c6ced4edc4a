package fr.vigie.stats;

import static fr.vigie.stats.Dimension.DEPARTEMENT;
import static fr.vigie.stats.Dimension.RSIT_CLASS;
import static fr.vigie.stats.Dimension.VICTIM_CATEGORY;

import fr.vigie.stats.StatsService.Table;
import fr.vigie.stats.internal.CubeEngine.Group;
import fr.vigie.stats.internal.FactMirror;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The public statistics (no login) and their open-data form, following data.gouv.fr's conventions:
 * a CSV in UTF-8, comma-separated, one header line of ASCII snake_case names, one line per cell or
 * margin, with a Table Schema (frictionless) descriptor giving each column a French title, a
 * description, a type and its constraints, and explaining the secrecy marker {@value #SECRET}.
 */
@Singleton
final class OpenData {

  /** The statistical-secrecy marker of a count, as INSEE writes it ("secret"). */
  static final String SECRET = "s";

  /** A margin's value in a dimension column: all values of that dimension. */
  static final String TOTAL = "TOTAL";

  static final List<String> COLUMNS =
      List.of(
          "annee",
          "departement",
          "categorie_victime",
          "classe_rsit",
          "nombre_victimes",
          "secret_statistique");

  private static final List<Dimension> CUBE = List.of(DEPARTEMENT, VICTIM_CATEGORY, RSIT_CLASS);

  private final StatsService stats;
  private final Summaries summaries;
  private final FactMirror mirror;

  /**
   * The public answer of each year, kept while the year's facts and k stay the same: anyone may ask
   * it (no login), it takes several passes over the facts (~200 ms at a million tickets), and a
   * published year changes rarely (a closure, a correction) — new reports are in the current year.
   * A change to one of the year's facts shows at the next request.
   */
  private final Map<Integer, Kept> kept = new ConcurrentHashMap<>();

  private record Kept(int k, long version, PublicStats answer) {}

  OpenData(StatsService stats, Summaries summaries, FactMirror mirror) {
    this.stats = stats;
    this.summaries = summaries;
    this.mirror = mirror;
  }

  PublicStats publicStats(int year) {
    long version = mirror.version(year); // read before computing: a later change is seen next time
    int k = stats.k();
    Kept known = kept.get(year);
    if (known != null && known.version() == version && known.k() == k) {
      return known.answer();
    }
    PublicStats answer = compute(year);
    kept.put(year, new Kept(k, version, answer));
    return answer;
  }

  private PublicStats compute(int year) {
    Table table = stats.yearTable(year, CUBE, Map.of());
    List<PublicStats.Cell> cells = new ArrayList<>();
    List<PublicStats.Cell> margins = new ArrayList<>();
    for (int i : StatsService.order(table.groups(), CUBE)) {
      Group g = table.groups().get(i);
      boolean hidden = table.suppressed()[i];
      PublicStats.Cell cell =
          new PublicStats.Cell(
              g.values()[0], g.values()[1], g.values()[2], hidden ? null : g.victims(), hidden);
      (g.totalled() == 0 ? cells : margins).add(cell);
    }
    Summary s = summaries.summary(year);
    return new PublicStats(
        year,
        stats.k(),
        cells,
        margins,
        new PublicStats.Headline(
            s.events().events(),
            s.byKind().get(0).events(),
            s.byKind().get(1).events(),
            s.collectiviteShare(),
            s.ransomware().events(),
            s.preventedShare(),
            s.slaMetRate(),
            s.medianFirstContactMinutes()));
  }

  /** The cube of {@link #publicStats} as CSV: RFC 4180 lines (CRLF), cells then margins. */
  String csv(PublicStats stats) {
    StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    Stream.concat(stats.cells().stream(), stats.margins().stream())
        .forEach(
            c ->
                out.append(stats.year())
                    .append(',')
                    .append(orTotal(c.departement()))
                    .append(',')
                    .append(orTotal(c.victimCategory()))
                    .append(',')
                    .append(orTotal(c.rsitClass()))
                    .append(',')
                    .append(c.suppressed() ? SECRET : String.valueOf(c.count()))
                    .append(',')
                    .append(c.suppressed())
                    .append("\r\n"));
    return out.toString();
  }

  private static String orTotal(String value) {
    return value == null ? TOTAL : value;
  }

  /** A Table Schema field; properties that do not apply are left out. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  record Field(
      String name,
      String title,
      String description,
      String type,
      Map<String, Object> constraints,
      List<String> trueValues,
      List<String> falseValues,
      String example) {}

  /** The Table Schema descriptor of the CSV, with data.gouv.fr's descriptive properties. */
  @Serdeable
  record TableSchema(
      String name,
      String title,
      String description,
      String countryCode,
      String version,
      List<String> keywords,
      List<Field> fields,
      List<String> missingValues,
      List<String> primaryKey) {}

  TableSchema schema() {
    int k = stats.k();
    List<String> categories = new ArrayList<>(VICTIM_CATEGORY.vocabulary().orElseThrow());
    categories.add(TOTAL);
    List<String> classes = new ArrayList<>(RSIT_CLASS.vocabulary().orElseThrow());
    classes.add(TOTAL);
    return new TableSchema(
        "vigie-statistiques-annuelles",
        "Statistiques annuelles anonymisées du CSIRT régional",
        "Nombre de victimes distinctes (organisations ; un particulier compte pour une) ayant"
            + " signalé un événement ou un incident cyber au CSIRT régional dans l'année, par"
            + " département, catégorie de victime et classe de la taxonomie RSIT de l'ENISA, avec"
            + " les totaux (marges). Secret statistique : toute case de moins de "
            + k
            + " victimes est masquée, ainsi que les cases qui permettraient de la recalculer à"
            + " partir des totaux ; une case masquée vaut « "
            + SECRET
            + " » et sa colonne secret_statistique vaut true.",
        "FR",
        "1.0.0",
        List.of("cybersécurité", "incident", "CSIRT", "statistiques", "secret statistique"),
        List.of(
            new Field(
                "annee",
                "Année",
                "Année de réception du signalement (fuseau horaire du CSIRT).",
                "integer",
                constraints(true, "minimum", 2000, "maximum", 2100),
                null,
                null,
                "2025"),
            new Field(
                "departement",
                "Département",
                "Code INSEE (COG) du département de la victime. UNKNOWN : victime sans commune"
                    + " française. TOTAL : tous les départements (ligne de marge).",
                "string",
                constraints(true, "pattern", "^([0-9]{2}|2A|2B|97[1-6]|UNKNOWN|TOTAL)$"),
                null,
                null,
                "29"),
            new Field(
                "categorie_victime",
                "Catégorie de victime",
                "COLLECTIVITE (commune, intercommunalité, département, région),"
                    + " ETABLISSEMENT_PUBLIC, ENTREPRISE, ASSOCIATION, PARTICULIER. TOTAL : toutes"
                    + " les catégories (ligne de marge).",
                "string",
                constraints(true, "enum", categories),
                null,
                null,
                "COLLECTIVITE"),
            new Field(
                "classe_rsit",
                "Classe d'incident (RSIT)",
                "Classe de la Reference Security Incident Taxonomy de l'ENISA (nom anglais"
                    + " normalisé), UNKNOWN si non classé. TOTAL : toutes les classes (ligne de"
                    + " marge).",
                "string",
                constraints(true, "enum", classes),
                null,
                null,
                "fraud"),
            new Field(
                "nombre_victimes",
                "Nombre de victimes",
                "Nombre de victimes distinctes. « "
                    + SECRET
                    + " » : secret statistique (moins de "
                    + k
                    + " victimes, ou masquée pour qu'une autre case masquée ne puisse pas être"
                    + " recalculée). Une valeur publiée vaut au moins "
                    + k
                    + ".",
                "integer",
                constraints(false, "minimum", k),
                null,
                null,
                "12"),
            new Field(
                "secret_statistique",
                "Secret statistique",
                "true si le nombre de victimes est masqué (valeur « " + SECRET + " »).",
                "boolean",
                constraints(true),
                List.of("true"),
                List.of("false"),
                "false")),
        List.of(SECRET),
        COLUMNS.subList(0, 4));
  }

  private static Map<String, Object> constraints(boolean required, Object... more) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("required", required);
    for (int i = 0; i < more.length; i += 2) {
      c.put((String) more[i], more[i + 1]);
    }
    return c;
  }
}
