package fr.vigie.stats;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.geo.GeoDirectory;
import fr.vigie.security.UserService;
import fr.vigie.stats.StatsFixture.Spec;
import fr.vigie.stats.internal.report.Labels;
import fr.vigie.testing.ContractClient;
import fr.vigie.testing.Http;
import fr.vigie.testing.Staff;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The yearly report (issue 19) end to end: the PDF's text, extracted with PDFBox, carries exactly
 * the figures the cube and the summary answer over HTTP for the same year and role, a hidden one as
 * « secret statistique »; a small cell planted for the purpose (three companies of Côtes-d'Armor,
 * hit by a denial of service in December, first contact after 777 minutes) shows nowhere. The
 * fixture year is 2014, next to 2013, seen from 15 March 2015.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "YearlyReportIT")
class YearlyReportIT {

  static final Instant NOW = Instant.parse("2015-03-15T10:00:00Z");
  static final int YEAR = 2014;
  static final String REPORT = "/api/v1/stats/report/{year}.pdf";

  /** Three victims: below k everywhere they are alone (département 22, December, availability). */
  static final List<Spec> PLANTED =
      Stream.of(900, 901, 902)
          .map(
              n ->
                  new Spec(
                      1,
                      StatsFixture.company(n, "22"),
                      11,
                      "DDOS",
                      "availability",
                      "P2",
                      "INCIDENT",
                      "ADVICE_ONLY",
                      false,
                      777,
                      "MET"))
          .toList();

  @Factory
  @Requires(property = "spec.name", value = "YearlyReportIT")
  static class FixedClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;
  @Inject Database database;
  @Inject GeoDirectory geo;

  ContractClient api;
  static final Map<String, String> TOKENS = new HashMap<>();

  @BeforeEach
  void setUp() {
    api = new ContractClient(client, json);
    StatsFixture.load(database, YEAR - 1, StatsFixture.BRETAGNE);
    List<Spec> year = new ArrayList<>(StatsFixture.BRETAGNE);
    year.addAll(PLANTED);
    StatsFixture.load(database, YEAR, year);
  }

  String token(String role) {
    return TOKENS.computeIfAbsent(role, r -> Staff.token(users, client, r));
  }

  /** The report as {@code role}, checked against the contract; its text, line by line. */
  List<String> report(String role) throws IOException {
    String path = "/api/v1/stats/report/" + YEAR + ".pdf";
    HttpResponse<byte[]> response =
        client.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(token(role)), byte[].class);
    assertThat(response.code()).isEqualTo(200);
    String contentType = response.getContentType().map(Object::toString).orElse("");
    assertThat(
            CONTRACT.responseViolations(
                "GET", REPORT, 200, contentType, "%PDF", h -> response.getHeaders().findFirst(h)))
        .isEmpty();
    assertThat(response.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"vigie-rapport-statistique-2014.pdf\"");
    byte[] pdf = response.body();
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("fr-FR");
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      return Stream.of(stripper.getText(document).split("\\R")).map(String::strip).toList();
    }
  }

  Map<String, Object> get(String path) {
    return api.exchange(
            200, path.replaceAll("\\?.*", ""), HttpRequest.GET(path).bearerAuth(token("OFFICIAL")))
        .json();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
    return (List<Map<String, Object>>) answer.get(field);
  }

  /** A cube cell as the report prints it: its count, median first contact, SLA rate. */
  static String values(Map<String, Object> cell) {
    if (Boolean.TRUE.equals(cell.get("suppressed"))) {
      return String.join(" ", Labels.SECRET, Labels.SECRET, Labels.SECRET);
    }
    Number minutes = (Number) cell.get("medianFirstContactMinutes");
    Number rate = (Number) cell.get("slaMetRate");
    return Labels.count(((Number) cell.get("count")).longValue())
        + " "
        + Labels.minutes(minutes == null ? null : minutes.intValue())
        + " "
        + Labels.percent(rate == null ? null : rate.doubleValue());
  }

  /**
   * Every line of the report that starts with {@code label} is the table's line with exactly the
   * cube's values or the chart's bar with exactly its count (or « secret statistique »).
   */
  static void assertLine(List<String> text, String label, Map<String, Object> cell) {
    String table = label + " " + values(cell);
    String bar =
        label
            + " "
            + (Boolean.TRUE.equals(cell.get("suppressed"))
                ? Labels.SECRET
                : Labels.count(((Number) cell.get("count")).longValue()));
    assertThat(text).as("the table's line of %s", label).contains(table);
    assertThat(text.stream().filter(l -> l.startsWith(label + " ")))
        .as("every line of %s", label)
        .allMatch(l -> l.equals(table) || l.equals(bar));
  }

  @Test
  void theReportPrintsTheCubesFiguresAndHidesWhatTheCubeHides() throws IOException {
    List<String> text = report("OFFICIAL");
    Map<String, Function<String, String>> dimensions = new java.util.LinkedHashMap<>();
    dimensions.put(
        "departement", code -> geo.departementName(code).orElseThrow() + " (" + code + ")");
    dimensions.put("victimCategory", Labels::category);
    dimensions.put("sizeBand", Labels::sizeBand);
    dimensions.put("rsitClass", Labels::rsitClass);
    dimensions.put("severity", Labels::severity);
    int published = 0;
    for (var d : dimensions.entrySet()) {
      Map<String, Object> cube =
          get(
              "/api/v1/stats/cube?groupBy="
                  + d.getKey()
                  + "&period=YEAR&from="
                  + YEAR
                  + "&to="
                  + YEAR);
      assertThat(list(cube, "cells")).isNotEmpty();
      for (Map<String, Object> cell : list(cube, "cells")) {
        assertLine(text, d.getValue().apply((String) cell.get(d.getKey())), cell);
        published += Boolean.TRUE.equals(cell.get("suppressed")) ? 0 : 1;
      }
      for (Map<String, Object> margin : list(cube, "margins")) {
        assertThat(text).contains("Ensemble " + values(margin));
      }
    }
    assertThat(published).as("the fixture publishes cells").isGreaterThan(5);

    Map<String, Object> months =
        get("/api/v1/stats/cube?period=MONTH&from=" + YEAR + "-01&to=" + YEAR + "-12");
    Map<Object, Map<String, Object>> byMonth =
        list(months, "cells").stream().collect(Collectors.toMap(c -> c.get("period"), c -> c));
    assertThat((List<?>) months.get("periods")).hasSize(12);
    for (Object period : (List<?>) months.get("periods")) {
      Map<String, Object> cell = byMonth.get(period);
      if (cell == null) {
        assertThat(text)
            .as("a month the cube leaves out (hidden or empty) is printed secret, never 0")
            .contains(
                Labels.month((String) period)
                    + " "
                    + String.join(" ", Labels.SECRET, Labels.SECRET, Labels.SECRET));
      } else {
        assertLine(text, Labels.month((String) period), cell);
      }
    }

    // The planted cell: three companies of Côtes-d'Armor, hidden in every table they are alone in.
    Map<String, Object> departements =
        get("/api/v1/stats/cube?groupBy=departement&period=YEAR&from=2014&to=2014");
    // The officials' cube leaves hidden entries out (the cell key method, README "Statistics").
    assertThat(list(departements, "cells")).noneMatch(c -> "22".equals(c.get("departement")));
    assertThat(byMonth).doesNotContainKey("2014-12");
    assertThat(text)
        .as("Côtes-d'Armor is never printed with a figure")
        .noneMatch(l -> l.matches("Côtes-d'Armor \\(22\\) \\d.*"))
        .contains("Décembre 2014 " + String.join(" ", Labels.SECRET, Labels.SECRET, Labels.SECRET));
    assertThat(String.join("\n", text)).doesNotContain("777");
    assertThat(text).as("no label or value cut short").noneMatch(l -> l.contains("…"));
  }

  @Test
  void theReportPrintsTheSummariesOfTheYearAndTheYearBefore() throws IOException {
    List<String> text = report("COORDINATOR");
    Map<String, Object> current = get("/api/v1/stats/summary?year=" + YEAR);
    Map<String, Object> previous = get("/api/v1/stats/summary?year=" + (YEAR - 1));
    Map<String, Function<Map<String, Object>, String>> headline = new java.util.LinkedHashMap<>();
    headline.put(
        "Événements (signalements et incidents)",
        s -> count(((Map<?, ?>) s.get("events")).get("events")));
    headline.put(
        "Organisations victimes distinctes",
        s -> count(((Map<?, ?>) s.get("events")).get("victims")));
    headline.put("Signalements", s -> figure(list(s, "byKind").get(0)));
    headline.put("Incidents", s -> figure(list(s, "byKind").get(1)));
    headline.put("Part des collectivités", s -> percent(s.get("collectiviteShare")));
    headline.put("Rançongiciels", s -> figure((Map<String, Object>) s.get("ransomware")));
    headline.put(
        "Incidents évités (détectés avant impact)",
        s -> figure(list(s, "incidentsByPrevention").get(0)));
    headline.put(
        "Incidents traités après impact", s -> figure(list(s, "incidentsByPrevention").get(1)));
    headline.put("Incidents non clos", s -> figure(list(s, "incidentsByPrevention").get(2)));
    headline.put(
        "Part des incidents évités (incidents clos)", s -> percent(s.get("preventedShare")));
    headline.put("Délais de service respectés (SLA)", s -> percent(s.get("slaMetRate")));
    headline.put(
        "Délai médian du premier contact",
        s -> {
          Number m = (Number) s.get("medianFirstContactMinutes");
          return Labels.minutes(m == null ? null : m.intValue());
        });
    for (var h : headline.entrySet()) {
      assertThat(text)
          .as(h.getKey())
          .contains(
              h.getKey() + " " + h.getValue().apply(current) + " " + h.getValue().apply(previous));
    }
    // What the fixture hides in the summary is hidden in the report too.
    assertThat(text).contains("Rançongiciels " + Labels.SECRET + " " + Labels.SECRET);
    List<Map<String, Object>> top = list(current, "topThreats");
    List<Map<String, Object>> before = list(previous, "topThreats");
    assertThat(top).isNotEmpty();
    assertThat(text)
        .contains("1 Hameçonnage " + figure(top.get(0)) + " Hameçonnage " + figure(before.get(0)));
    assertThat(text).contains("Méthode");
    assertThat(String.join(" ", text)).contains("k = 5 victimes").contains("30 jours après sa fin");
  }

  static String count(Object n) {
    return n == null ? Labels.SECRET : Labels.count(((Number) n).longValue());
  }

  static String figure(Map<String, Object> f) {
    return Boolean.TRUE.equals(f.get("suppressed")) ? Labels.SECRET : count(f.get("events"));
  }

  static String percent(Object share) {
    return Labels.percent(share == null ? null : ((Number) share).doubleValue());
  }

  // ---- Who may read, and which years ----------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"OFFICIAL", "COORDINATOR", "ADMIN"})
  void officialsCoordinatorsAndAdminsGetTheReport(String role) throws IOException {
    assertThat(report(role)).anyMatch(l -> l.contains("Rapport statistique annuel 2014"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ANALYST", "PROVIDER"})
  void analystsAndProvidersDoNot(String role) {
    api.exchange(
        403, REPORT, HttpRequest.GET("/api/v1/stats/report/2014.pdf").bearerAuth(token(role)));
  }

  @Test
  void anonymousCallersMustSignIn() {
    api.exchange(401, REPORT, HttpRequest.GET("/api/v1/stats/report/2014.pdf"));
  }

  @Test
  void aYearNotYetPublishedIsRefusedSayingWhen() {
    Http.Answer answer =
        api.exchange(
            422,
            REPORT,
            HttpRequest.GET("/api/v1/stats/report/2015.pdf").bearerAuth(token("OFFICIAL")));
    assertThat(answer.errorFields()).containsExactly("year");
    assertThat(answer.json().get("detail").toString()).contains("2016-01-30T23:00:00Z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1999", "2101", "abcd", "20141", "2014%27%20OR%201%3D1"})
  void aYearThatCannotBeOneIsNotFound(String year) {
    Http.Answer answer =
        api.exchange(
            404,
            REPORT,
            HttpRequest.GET("/api/v1/stats/report/" + year + ".pdf").bearerAuth(token("OFFICIAL")));
    assertThat(answer.errorFields()).containsExactly("year");
  }

  @Test
  void aParameterIsRefused() {
    Http.Answer answer =
        api.exchange(
            400,
            REPORT,
            HttpRequest.GET("/api/v1/stats/report/2014.pdf?lang=en").bearerAuth(token("OFFICIAL")));
    assertThat(answer.errorFields()).containsExactly("lang");
  }
}
