package fr.vigie.stats;

import fr.vigie.CsirtSettings;
import fr.vigie.geo.GeoDirectory;
import fr.vigie.stats.internal.report.Labels;
import fr.vigie.stats.internal.report.ReportPdf;
import fr.vigie.stats.internal.report.Section;
import fr.vigie.stats.internal.report.Section.Line;
import fr.vigie.tickets.Threat;
import fr.vigie.triage.ThreatCatalogue;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The yearly report (issue 19): a PDF in French that an official can attach to a council
 * deliberation. Its figures are the answers of the statistics' own services for the same year — the
 * yearly {@link Summary} of the year and of the one before, and {@link StatsService#cube} by
 * département, victim category, size band, RSIT class, severity and month — so they are the cube's
 * and the summary's, under the same statistical secrecy; nothing is recomputed here. A hidden value
 * is printed « secret statistique ». The method (k, the publication lag, what suppression means) is
 * on the last page.
 */
@Singleton
public final class YearlyReport {

  private final StatsService stats;
  private final Summaries summaries;
  private final StatsSettings settings;
  private final Publication publication;
  private final ThreatCatalogue threats;
  private final GeoDirectory geo;
  private final DepartementMap map;
  private final CsirtSettings csirt;
  private final Environment environment;
  private final Clock clock;

  YearlyReport(
      StatsService stats,
      Summaries summaries,
      StatsSettings settings,
      Publication publication,
      ThreatCatalogue threats,
      GeoDirectory geo,
      DepartementMap map,
      CsirtSettings csirt,
      Environment environment,
      Clock clock) {
    this.stats = stats;
    this.summaries = summaries;
    this.settings = settings;
    this.publication = publication;
    this.threats = threats;
    this.geo = geo;
    this.map = map;
    this.csirt = csirt;
    this.environment = environment;
    this.clock = clock;
  }

  /** The cube questions of the report, as an official would ask them over HTTP. */
  public static Map<String, List<String>> query(int year, String groupBy) {
    return Map.of(
        "groupBy", List.of(groupBy),
        "period", List.of("YEAR"),
        "from", List.of(String.valueOf(year)),
        "to", List.of(String.valueOf(year)));
  }

  /** The monthly trend's question: every month of the year, no breakdown. */
  public static Map<String, List<String>> monthly(int year) {
    return Map.of(
        "period", List.of("MONTH"),
        "from", List.of(year + "-01"),
        "to", List.of(year + "-12"));
  }

  /** The report of a published year (the caller checked it, see {@link StatsService}). */
  public byte[] pdf(int year) {
    Summary current = summaries.summary(year);
    Summary previous = summaries.summary(year - 1);
    String desk = desk();
    ZonedDateTime now = clock.instant().atZone(publication.zone());
    List<Section> sections = new ArrayList<>();
    sections.add(headline(current, previous));
    sections.add(topThreats(current, previous));
    sections.add(
        breakdown(
            year,
            Dimension.DEPARTEMENT,
            "Victimes par département",
            "Département",
            this::departement,
            true));
    sections.add(
        breakdown(
            year,
            Dimension.VICTIM_CATEGORY,
            "Victimes par catégorie",
            "Catégorie de victime",
            Labels::category,
            false));
    sections.add(
        breakdown(
            year,
            Dimension.SIZE_BAND,
            "Victimes par taille",
            "Taille (habitants ou salariés)",
            Labels::sizeBand,
            false));
    sections.add(
        breakdown(
            year,
            Dimension.RSIT_CLASS,
            "Victimes par classe d’incident (taxonomie RSIT de l’ENISA)",
            "Classe RSIT",
            Labels::rsitClass,
            false));
    sections.add(
        breakdown(
            year, Dimension.SEVERITY, "Victimes par gravité", "Gravité", Labels::severity, false));
    sections.add(trend(year));
    ReportPdf.Cover cover =
        new ReportPdf.Cover(
            desk,
            "Rapport statistique annuel " + year,
            "Incidents de cybersécurité signalés au " + desk + " — " + regions(),
            List.of(
                "Édité par Vigie le "
                    + Labels.date(now.toLocalDate())
                    + ". Chiffres de l’année "
                    + year
                    + ", publiés depuis le "
                    + Labels.date(
                        publication
                            .publishedAt(Period.YEAR, year)
                            .atZone(publication.zone())
                            .toLocalDate())
                    + ", comparés à ceux de "
                    + (year - 1)
                    + ".",
                "Les chiffres clés comptent des événements (signalements et incidents) ; les"
                    + " répartitions comptent des organisations victimes distinctes. Toute valeur"
                    + " calculée sur moins de "
                    + publication.k()
                    + " victimes, ou qui permettrait d’en retrouver une, est remplacée par "
                    + Labels.SECRET
                    + " (voir la méthode en dernière page)."),
            desk + " — rapport statistique annuel " + year + " — édité par Vigie");
    return ReportPdf.render(cover, sections, method(year), GregorianCalendar.from(now));
  }

  // ---- The summary: the year next to the previous one ---------------------------------------

  private Section headline(Summary c, Summary p) {
    List<Line> lines = new ArrayList<>();
    lines.add(row("Événements (signalements et incidents)", c, p, s -> count(s.events().events())));
    lines.add(row("Organisations victimes distinctes", c, p, s -> count(s.events().victims())));
    lines.add(row("Signalements", c, p, s -> count(s.byKind().get(0))));
    lines.add(row("Incidents", c, p, s -> count(s.byKind().get(1))));
    lines.add(
        row(
            "Part des collectivités",
            c,
            p,
            s -> share(s.collectiviteShare(), s.events().events())));
    lines.add(row("Rançongiciels", c, p, s -> count(s.ransomware())));
    lines.add(
        row(
            "Incidents évités (détectés avant impact)",
            c,
            p,
            s -> count(s.incidentsByPrevention().get(0))));
    lines.add(
        row("Incidents traités après impact", c, p, s -> count(s.incidentsByPrevention().get(1))));
    lines.add(row("Incidents non clos", c, p, s -> count(s.incidentsByPrevention().get(2))));
    lines.add(
        row(
            "Part des incidents évités (incidents clos)",
            c,
            p,
            s -> share(s.preventedShare(), closedIncidents(s))));
    lines.add(
        row(
            "Délais de service respectés (SLA)",
            c,
            p,
            s -> share(s.slaMetRate(), s.events().events())));
    lines.add(
        row(
            "Délai médian du premier contact",
            c,
            p,
            s ->
                s.medianFirstContactMinutes() == null && Long.valueOf(0).equals(s.events().events())
                    ? Labels.NOT_APPLICABLE
                    : Labels.minutes(s.medianFirstContactMinutes())));
    return new Section(
        "Chiffres clés",
        "Événements de l’année "
            + c.year()
            + " et de l’année "
            + p.year()
            + " (synthèse annuelle ; un doublon fusionné ne compte pas).",
        List.of("Indicateur", String.valueOf(c.year()), String.valueOf(p.year())),
        new float[] {0.5f, 0.25f, 0.25f},
        lines,
        false,
        false);
  }

  private static Line row(String label, Summary c, Summary p, Function<Summary, String> value) {
    return Line.of(label, List.of(value.apply(c), value.apply(p)));
  }

  private static String count(Summary.Figure f) {
    return f.suppressed() ? Labels.SECRET : Labels.count(f.events());
  }

  private static String count(Long n) {
    return Labels.count(n);
  }

  /** A share: hidden, or meaningless when what it divides is a published zero. */
  private static String share(Double share, Long whole) {
    return share == null && Long.valueOf(0).equals(whole)
        ? Labels.NOT_APPLICABLE
        : Labels.percent(share);
  }

  private static Long closedIncidents(Summary s) {
    Long prevented = s.incidentsByPrevention().get(0).events();
    Long after = s.incidentsByPrevention().get(1).events();
    return prevented == null || after == null ? null : prevented + after;
  }

  private Section topThreats(Summary c, Summary p) {
    List<Line> lines = new ArrayList<>();
    int n = Math.max(c.topThreats().size(), p.topThreats().size());
    for (int i = 0; i < n; i++) {
      List<String> cells = new ArrayList<>();
      for (Summary s : List.of(c, p)) {
        Summary.Figure f = i < s.topThreats().size() ? s.topThreats().get(i) : null;
        cells.add(f == null ? "" : threat(f.code()));
        cells.add(f == null ? "" : Labels.count(f.events()));
      }
      lines.add(Line.of(String.valueOf(i + 1), cells));
    }
    if (lines.isEmpty()) {
      lines.add(Line.of("—", List.of("aucun type publié", "", "aucun type publié", "")));
    }
    return new Section(
        "Principaux types de menace",
        "Les cinq types les plus fréquents, dans les mots des victimes, parmi ceux publiés"
            + " (événements).",
        List.of(
            "Rang", String.valueOf(c.year()), "Événements", String.valueOf(p.year()), "Événements"),
        new float[] {0.08f, 0.31f, 0.15f, 0.31f, 0.15f},
        lines,
        false,
        false);
  }

  private String threat(String code) {
    if (code.equals("UNKNOWN")) {
      return "Menace non précisée";
    }
    // The catalogue speaks to victims ("Fraude au virement, faux RIB, fraude au président"): the
    // report keeps the name, before any comma or parenthesis.
    String label = threats.entry(Threat.valueOf(code)).label();
    return label.split(" \\(|,", 2)[0];
  }

  // ---- The cube: breakdowns of the year and the monthly trend -------------------------------

  private static final float[] BREAKDOWN_WIDTHS = {0.34f, 0.2f, 0.24f, 0.22f};

  private static final List<String> MEASURES =
      List.of("Victimes distinctes", "Premier contact (médiane)", "Délais respectés");

  private Section breakdown(
      int year,
      Dimension dimension,
      String title,
      String column,
      Function<String, String> label,
      boolean newPage) {
    CubeAnswer answer = stats.cube(CubeQuery.parse(query(year, dimension.parameter())));
    // Every value the official expects is listed, one the cube leaves out printed secret (never
    // left out: an absent line would read as no victim), as the dashboard does (CubeEntries).
    List<String> expected =
        dimension == Dimension.DEPARTEMENT
            ? map.served().stream().map(DepartementMap.Outline::code).sorted().toList()
            : dimension.vocabulary().orElse(List.of());
    List<Line> lines = new ArrayList<>();
    for (CubeEntries.Entry entry : CubeEntries.byValue(answer, dimension, expected)) {
      lines.add(line(label.apply(entry.code()), entry));
    }
    for (CubeAnswer.Cell margin : answer.margins()) {
      lines.add(line("Ensemble", margin, true));
    }
    if (lines.isEmpty()) {
      lines.add(
          Line.of("Aucune victime", List.of("0", Labels.NOT_APPLICABLE, Labels.NOT_APPLICABLE)));
    }
    List<String> columns = new ArrayList<>(List.of(column));
    columns.addAll(MEASURES);
    return new Section(
        title,
        "Organisations victimes distinctes en "
            + year
            + ", médiane des minutes jusqu’au premier contact, part des délais de service tenus.",
        columns,
        BREAKDOWN_WIDTHS,
        lines,
        true,
        newPage);
  }

  private Section trend(int year) {
    CubeAnswer answer = stats.cube(CubeQuery.parse(monthly(year)));
    List<Line> lines = new ArrayList<>();
    // A month the cube leaves out is printed secret, never 0 (CubeEntries).
    for (CubeEntries.Entry month : CubeEntries.byPeriod(answer)) {
      lines.add(line(Labels.month(month.code()), month));
    }
    List<String> columns = new ArrayList<>(List.of("Mois"));
    columns.addAll(MEASURES);
    return new Section(
        "Évolution mensuelle",
        "Organisations victimes distinctes chaque mois de "
            + year
            + " (une victime touchée deux mois différents compte dans chacun).",
        columns,
        BREAKDOWN_WIDTHS,
        lines,
        true,
        true);
  }

  /** An expected entry's line: secret when the cube left it out. */
  private static Line line(String label, CubeEntries.Entry entry) {
    return entry.cell() == null
        ? new Line(label, List.of(Labels.SECRET, Labels.SECRET, Labels.SECRET), 0, true, false)
        : line(label, entry.cell(), false);
  }

  private static Line line(String label, CubeAnswer.Cell cell, boolean total) {
    List<String> values =
        cell.suppressed()
            ? List.of(Labels.SECRET, Labels.SECRET, Labels.SECRET)
            : List.of(
                Labels.count(cell.count()),
                Labels.minutes(cell.medianFirstContactMinutes()),
                Labels.percent(cell.slaMetRate()));
    return new Line(
        label, values, cell.count() == null ? 0 : cell.count(), cell.suppressed(), total);
  }

  private String departement(String code) {
    if (code.equals("UNKNOWN")) {
      return "Département non renseigné";
    }
    return geo.departementName(code).map(name -> name + " (" + code + ")").orElse(code);
  }

  // ---- Who publishes, and the method --------------------------------------------------------

  /** The desk's name if the pages' setting gives one, else the CSIRT of its régions. */
  private String desk() {
    return environment
        .getProperty("vigie.desk.name", String.class)
        .map(String::strip)
        .filter(name -> !name.isEmpty())
        .orElse("CSIRT régional");
  }

  private String regions() {
    List<String> names =
        csirt.regions().stream().map(r -> geo.regionName(r).orElse("région " + r)).toList();
    return (names.size() > 1 ? "régions " : "région ") + String.join(", ", names);
  }

  private List<ReportPdf.Paragraph> method(int year) {
    int k = publication.k();
    return List.of(
        new ReportPdf.Paragraph(
            "Ce qui est compté",
            "Les chiffres clés et les types de menace comptent des événements : chaque"
                + " signalement ou incident reçu par le centre, un doublon fusionné excepté. Les"
                + " répartitions (département, catégorie, taille, classe, gravité, mois) comptent"
                + " des organisations victimes distinctes : une mairie qui signale trois fois"
                + " compte une fois. Un particulier compte pour lui seul à chaque signalement."),
        new ReportPdf.Paragraph(
            "Secret statistique primaire",
            "Aucune valeur portant sur moins de k = "
                + k
                + " victimes n’est publiée : elle est remplacée par "
                + Labels.SECRET
                + ", jamais par 0 ni laissée vide, et ses mesures (délai médian, part des délais"
                + " respectés) sont masquées avec elle. Une médiane ou une part calculée sur moins"
                + " de "
                + k
                + " dossiers est masquée de la même façon."),
        new ReportPdf.Paragraph(
            "Secret statistique secondaire",
            "D’autres valeurs sont masquées en plus, quand les totaux publiés permettraient de"
                + " retrouver une valeur masquée par soustraction ou en combinant lignes et"
                + " colonnes. Les valeurs masquées le sont dans chaque tableau de la même façon"
                + " qu’aux réponses de l’API statistique de Vigie pour la même année."),
        new ReportPdf.Paragraph(
            "Délai de publication",
            "Une période n’est publiée que "
                + Labels.lag(settings.publicationLag())
                + " après sa fin, pour qu’une victime touchée récemment ne soit pas reconnaissable"
                + " dans des chiffres publiés pendant que l’affaire est encore d’actualité. Les"
                + " chiffres de "
                + year
                + " sont publiés depuis le "
                + Labels.date(
                    publication
                        .publishedAt(Period.YEAR, year)
                        .atZone(publication.zone())
                        .toLocalDate())
                + "."),
        new ReportPdf.Paragraph(
            "Maille",
            "Aucune donnée n’est publiée à une maille plus fine que le département (ni commune,"
                + " ni nom de victime, ni texte libre), ni pour une période plus courte que le"
                + " mois."),
        new ReportPdf.Paragraph(
            "Définitions",
            "Signalement : une alerte ou une tentative sans incident avéré ; incident : une"
                + " atteinte constatée. Incident évité : détecté avant tout impact, parmi les"
                + " incidents clos. Délais respectés : part des échéances de service (premier"
                + " contact, prise en charge) tenues parmi celles échues. Premier contact : médiane"
                + " des minutes entre la réception et le premier contact du centre avec la"
                + " victime. Classes d’incident : taxonomie de référence des incidents (RSIT) de"
                + " l’ENISA."));
  }
}
