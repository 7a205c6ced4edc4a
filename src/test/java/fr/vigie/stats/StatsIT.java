package fr.vigie.stats;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.security.UserService;
import fr.vigie.stats.StatsFixture.Spec;
import fr.vigie.stats.internal.CellKey;
import fr.vigie.testing.ContractClient;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The officials' statistics end to end (issue 7): facts made by the database from the real write
 * paths and kept through the purge of personal data, the cube and the yearly summary on a fixture
 * year (2019, seen from 15 March 2020), who may read them, and hostile parameters. Every answer is
 * checked against the contract.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "StatsIT")
class StatsIT {

  static final Instant NOW = Instant.parse("2020-03-15T10:00:00Z");
  static final int YEAR = 2019;
  static final String CUBE = "/api/v1/stats/cube";
  static final String SUMMARY = "/api/v1/stats/summary";

  @Factory
  @Requires(property = "spec.name", value = "StatsIT")
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
  @Inject Router router;

  ContractClient api;
  static final Map<String, String> TOKENS = new HashMap<>();

  @BeforeEach
  void setUp() {
    api = new ContractClient(client, json);
    StatsFixture.load(database, YEAR, StatsFixture.BRETAGNE);
  }

  String token(String role) {
    return TOKENS.computeIfAbsent(role, r -> Staff.token(users, client, r));
  }

  Http.Answer cube(int status, String query) {
    return api.exchange(status, CUBE, HttpRequest.GET(CUBE + query).bearerAuth(token("OFFICIAL")));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Http.Answer answer, String field) {
    return (List<Map<String, Object>>) answer.json().get(field);
  }

  /** Distinct victims of the fixture year matching {@code filter}, as the cube must count them. */
  static long victims(Predicate<Spec> filter) {
    return StatsFixture.BRETAGNE.stream().filter(filter).map(Spec::victim).distinct().count();
  }

  static long tickets(Predicate<Spec> filter) {
    return StatsFixture.BRETAGNE.stream().filter(filter).mapToLong(Spec::tickets).sum();
  }

  static Predicate<Spec> in(String departement, String category) {
    return s ->
        (departement == null || s.victim().departement().equals(departement))
            && (category == null || s.victim().category().equals(category));
  }

  // ---- The cube ------------------------------------------------------------------------------

  /**
   * Since issue 16 the officials' cube leaves hidden entries out (an empty and a secret entry look
   * the same) and shows every other count with its cell key's noise: within ±{@value
   * CellKey#MAX_NOISE} of the truth, never below k. An entry of k victims or a few more may be
   * hidden by its noise, so the test asserts what is shown, not that everything above k is.
   */
  @Test
  void theCubeCountsDistinctVictimsAndLeavesOutSmallCellsAndWhatWouldGiveThemAway() {
    Http.Answer answer =
        cube(200, "?groupBy=departement,victimCategory&period=YEAR&from=2019&to=2019");

    assertThat(answer.json())
        .containsEntry("k", 5)
        .containsEntry("period", "YEAR")
        .containsEntry("periods", List.of("2019"))
        .containsEntry("publishedUntil", "2019");
    List<Map<String, Object>> entries = new ArrayList<>(list(answer, "cells"));
    entries.addAll(list(answer, "margins"));
    for (Map<String, Object> e : entries) {
      String dep = (String) e.get("departement");
      String category = (String) e.get("victimCategory");
      long truth = victims(in(dep, category));
      assertThat(e.get("suppressed")).isEqualTo(false);
      assertThat(truth).as("%s/%s is shown", dep, category).isGreaterThanOrEqualTo(5);
      assertShows(e, truth);
      assertThat(e.get("period")).isEqualTo("2019");
      assertThat(e.get("severity")).as("not grouped").isNull();
    }
    assertThat(entries)
        .as("two mairies with ransomware in the Finistère, three associations in the Morbihan")
        .noneMatch(
            e ->
                "29".equals(e.get("departement")) && "COLLECTIVITE".equals(e.get("victimCategory")))
        .noneMatch(e -> "ASSOCIATION".equals(e.get("victimCategory")))
        .noneMatch(e -> "56".equals(e.get("departement")));
    // The year: 32 victims, the company reporting four times counted once (CubeEngineTest checks
    // the exact counts; here the noise hides the difference of 3 it would make).
    assertShows(find(entries, null, null), 32);
  }

  /** A count shown for {@code truth} victims: at least k, within the noise of the truth. */
  static void assertShows(Map<String, Object> entry, long truth) {
    long shown = ((Number) entry.get("count")).longValue();
    assertThat(CellKey.possible(shown, truth, 5))
        .as("%d shown for %d victims in %s", shown, truth, entry)
        .isTrue();
  }

  /** Each total with what it sums: never exactly one hidden entry among them. */
  static void assertNoLineGivesAHiddenEntryAway(
      List<Map<String, Object>> entries, List<String> dims) {
    for (Map<String, Object> total : entries) {
      for (String d : dims) {
        if (total.get(d) != null) {
          continue;
        }
        List<Map<String, Object>> members =
            entries.stream()
                .filter(
                    e ->
                        e.get(d) != null
                            && Objects.equals(e.get("period"), total.get("period"))
                            && dims.stream()
                                .filter(o -> !o.equals(d))
                                .allMatch(o -> Objects.equals(e.get(o), total.get(o))))
                .toList();
        long hidden =
            members.stream().filter(e -> Boolean.TRUE.equals(e.get("suppressed"))).count()
                + (Boolean.TRUE.equals(total.get("suppressed")) ? 1 : 0);
        assertThat(hidden).as("hidden entries of the line of %s over %s", total, d).isNotEqualTo(1);
      }
    }
  }

  static Map<String, Object> find(List<Map<String, Object>> entries, String dep, String category) {
    return entries.stream()
        .filter(
            e ->
                Objects.equals(e.get("departement"), dep)
                    && Objects.equals(e.get("victimCategory"), category))
        .findFirst()
        .orElseThrow();
  }

  /** The time to provider engagement is read from the referral events routing writes. */
  @Test
  void theTimeToProviderEngagementRunsFromTheProposalToTheAcceptance() {
    // A ticket of its own, from a real intake: this year is not published, no answer moves.
    Http.Answer report =
        new Http(client, json)
            .send(
                HttpRequest.POST(
                    "/api/v1/reports",
                    ReportJson.phishing(NOW)
                        .set("incident.discoveredAt", "2020-03-15T08:00:00+01:00")
                        .body()));
    assertThat(report.status()).as(report.body()).isEqualTo(201);
    long ticket =
        database.read(
            c -> {
              try (var s = c.prepareStatement("SELECT id FROM ticket WHERE reference = ?")) {
                s.setString(1, (String) report.json().get("reference"));
                try (var rows = s.executeQuery()) {
                  rows.next();
                  return rows.getLong(1);
                }
              }
            });
    Instant proposed = Instant.parse("2019-06-03T08:00:00Z");
    database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "INSERT INTO ticket_event (ticket_id, at, actor, type) VALUES"
                      + " (?, ?, 'analyste', 'REFERRAL_PROPOSED'),"
                      + " (?, ?, 'vigie', 'REFERRAL_EXPIRED'),"
                      + " (?, ?, 'prestataire', 'REFERRAL_ACCEPTED'),"
                      + " (?, ?, 'prestataire', 'REFERRAL_ACCEPTED')")) {
            s.setLong(1, ticket);
            s.setObject(2, proposed.atOffset(ZoneOffset.UTC));
            s.setLong(3, ticket);
            s.setObject(4, proposed.plusSeconds(3_600).atOffset(ZoneOffset.UTC));
            s.setLong(5, ticket);
            s.setObject(6, proposed.plusSeconds(97 * 60 + 30).atOffset(ZoneOffset.UTC));
            s.setLong(7, ticket);
            s.setObject(8, proposed.plusSeconds(300 * 60).atOffset(ZoneOffset.UTC));
            return s.executeUpdate();
          }
        });
    Object minutes =
        database.read(
            c -> {
              try (var s =
                  c.prepareStatement(
                      "SELECT provider_engagement_minutes FROM stat_fact WHERE ticket_id = ?")) {
                s.setLong(1, ticket);
                try (var rows = s.executeQuery()) {
                  rows.next();
                  return rows.getObject(1);
                }
              }
            });
    // From the first proposal to the first acceptance, whole minutes: 97.
    assertThat(minutes).isEqualTo(97);
  }

  @Test
  void measuresAreMediansAndRatesOfWhatThereIsAndHiddenBelowK() {
    Http.Answer answer = cube(200, "?groupBy=kind&from=2019&to=2019");
    Map<String, Object> signalements =
        list(answer, "cells").stream()
            .filter(c -> "SIGNALEMENT".equals(c.get("kind")))
            .findFirst()
            .orElseThrow();
    // Twelve companies, first contacts at 30, 40 … 140 minutes: the lower median is 80.
    assertShows(signalements, 12);
    assertThat(signalements)
        .containsEntry("medianFirstContactMinutes", 80)
        .containsEntry("slaMetRate", 1.0)
        .containsEntry("medianProviderEngagementMinutes", null);
    Map<String, Object> year = list(answer, "margins").get(0);
    long met = tickets(s -> "MET".equals(s.firstContactState()));
    long breached = tickets(s -> "BREACHED".equals(s.firstContactState()));
    assertThat(((Number) year.get("slaMetRate")).doubleValue())
        .isCloseTo((double) met / (met + breached), org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void filtersNarrowThePopulationAndAreEchoed() {
    Http.Answer answer =
        cube(200, "?groupBy=victimCategory&from=2019&to=2019&departement=35&severity=P2,P3");
    assertThat(answer.json())
        .containsEntry(
            "filters", Map.of("departement", List.of("35"), "severity", List.of("P2", "P3")));
    Map<String, Object> total = list(answer, "margins").get(0);
    assertShows(
        total,
        victims(in("35", null).and(s -> s.severity().equals("P2") || s.severity().equals("P3"))));
  }

  @Test
  void onlyPeriodsOverForLongerThanTheLagAreAnswered() {
    Http.Answer months = cube(200, "?period=MONTH&from=2019-11&to=2020-03");
    assertThat(months.json())
        .as("15 March 2020: February ended 14 days ago, January 44")
        .containsEntry("periods", List.of("2019-11", "2019-12", "2020-01"))
        .containsEntry("publishedUntil", "2020-01")
        .containsEntry("to", "2020-03");
    assertThat(list(months, "cells"))
        .extracting(c -> c.get("period"))
        .doesNotContain("2020-02", "2020-03");

    Http.Answer quarters = cube(200, "?period=QUARTER");
    assertThat(quarters.json())
        .containsEntry("publishedUntil", "2019-Q4")
        .containsEntry("periods", List.of("2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"));
  }

  // ---- Differencing (issue 16, finding 2) ----------------------------------------------------

  /**
   * The attack over HTTP: the collectivités of départements 22 and 29 together minus those
   * of the 29 alone, then with the same severity, size band or outcome filter on both. With exact
   * counts the difference was the 22's two hidden mairies, and the filters told what they were. Now
   * the attacker, who knows the method but not the keys, keeps every count of the 22's mairies that
   * both figures could have come from: never a single one.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"", "&severity=P1", "&sizeBand=POP_LT_1000", "&outcome=PROVIDER_REMEDIATION"})
  void differencingTwoCubesGivesNothingExact(String extra) {
    StatsFixture.load(database, 2018, StatsFixture.DIFFERENCING);
    String question = "?groupBy=victimCategory&from=2018&to=2018" + extra;
    Http.Answer both = cube(200, question + "&departement=22,29");
    Http.Answer only29 = cube(200, question + "&departement=29");
    assertThat(list(cube(200, question + "&departement=22"), "cells"))
        .as("the 22's two mairies alone: left out, as if there were none")
        .noneMatch(c -> "COLLECTIVITE".equals(c.get("victimCategory")));
    long a = collectivites(both);
    long b = collectivites(only29);
    assertShows(collectivite(both), extra.isEmpty() ? 27 : 22);
    assertShows(collectivite(only29), extra.isEmpty() ? 25 : 20);

    List<Long> possible = new ArrayList<>();
    for (long d = 0; d <= a + CellKey.MAX_NOISE; d++) {
      for (long n29 = 5; n29 <= b + CellKey.MAX_NOISE; n29++) {
        // Both figures possible, and no mairie in the 22 would have meant the same victims, so
        // the same figure.
        if (CellKey.possible(b, n29, 5) && CellKey.possible(a, n29 + d, 5) && (d > 0 || a == b)) {
          possible.add(d);
          break;
        }
      }
    }
    assertThat(possible)
        .as("mairies of the 22 consistent with %d for 22 and 29 and %d for 29", a, b)
        .contains(2L)
        .hasSizeGreaterThan(1);

    // The same victims, the same figure: asking again, otherwise, adds no second draw.
    assertThat(cube(200, question + "&departement=22,29").json()).isEqualTo(both.json());
    assertThat(collectivites(cube(200, question + "&departement=29,22"))).isEqualTo(a);
    assertThat(collectivites(cube(200, question + "&departement=22,29&region=53"))).isEqualTo(a);
  }

  static Map<String, Object> collectivite(Http.Answer answer) {
    return list(answer, "cells").stream()
        .filter(c -> "COLLECTIVITE".equals(c.get("victimCategory")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no collectivités in " + answer.body()));
  }

  static long collectivites(Http.Answer answer) {
    return ((Number) collectivite(answer).get("count")).longValue();
  }

  // ---- Facts ---------------------------------------------------------------------------------

  @Test
  void theDatabaseKeepsFactsAlongTheTicketsLifeWithoutAnyNameAndThroughThePurge() {
    String analyst = token("ANALYST");
    Http http = new Http(client, json);
    ReportJson report =
        ReportJson.mairie(NOW)
            .set("incident.discoveredAt", "2020-03-15T08:00:00+01:00")
            .set("victim.name", "Mairie de Plouzané (statistiques)");
    String reference =
        (String)
            http.send(HttpRequest.POST("/api/v1/reports", report.body())).json().get("reference");
    Map<String, Object> fact = fact(reference);
    assertThat(fact)
        .containsEntry("victim_category", "COLLECTIVITE")
        .containsEntry("departement", "29")
        .containsEntry("size_band", "POP_10000_29999")
        .containsEntry("threat", "RANSOMWARE")
        .containsEntry("rsit_class", "information-content-security")
        .containsEntry("counted", true)
        .containsEntry("outcome", null)
        .containsEntry("first_contact_minutes", null);
    assertThat(fact.values().stream().map(String::valueOf).collect(Collectors.joining(" ")))
        .doesNotContain("Plouzané", "Anne", "anne@example.fr", reference, "212902126");

    String duplicate =
        (String)
            http.send(HttpRequest.POST("/api/v1/reports", report.body())).json().get("reference");
    assertThat(fact(duplicate).get("victim_key"))
        .as("the same mairie twice is one victim")
        .isEqualTo(fact(reference).get("victim_key"));
    Http.Answer merged =
        http.send(
            HttpRequest.POST("/api/v1/tickets/" + duplicate + "/merge", Map.of("into", reference))
                .bearerAuth(analyst));
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(fact(duplicate))
        .as("a merged duplicate is not an event")
        .containsEntry("counted", false);

    Http.Answer call =
        http.send(
            HttpRequest.POST(
                    "/api/v1/tickets/" + reference + "/calls",
                    Map.of("at", NOW.toString(), "summary", "Premier appel"))
                .bearerAuth(analyst));
    assertThat(call.status()).as(call.body()).isEqualTo(201);
    assertThat(fact(reference).get("first_contact_minutes"))
        .as("the call met FIRST_CONTACT at once")
        .isEqualTo(0);
    assertThat(fact(reference).get("sla_met")).isEqualTo(1);

    for (String to : List.of("QUALIFIED", "IN_PROGRESS", "RESOLVED")) {
      move(http, analyst, reference, Map.of("to", to));
    }
    move(
        http,
        analyst,
        reference,
        Map.of("to", "CLOSED", "outcome", "PREVENTED", "prevented", true));
    assertThat(fact(reference))
        .containsEntry("outcome", "PREVENTED")
        .containsEntry("prevented", true);
    Object before = fact(reference).get("changed_xid");

    // Retention purges contact data and free text, never tickets: the fact does not move.
    database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "UPDATE contact SET name = NULL, role = NULL, email = NULL, phone = NULL"
                      + " WHERE ticket_id = (SELECT id FROM ticket WHERE reference = ?)")) {
            s.setString(1, reference);
            s.executeUpdate();
          }
          try (var s =
              c.prepareStatement(
                  "UPDATE incident_detail SET description = NULL, observables = '[]'"
                      + " WHERE ticket_id = (SELECT id FROM ticket WHERE reference = ?)")) {
            s.setString(1, reference);
            s.executeUpdate();
          }
          return null;
        });
    assertThat(fact(reference))
        .containsEntry("changed_xid", before)
        .containsEntry("outcome", "PREVENTED");
  }

  private static void move(Http http, String token, String reference, Map<String, Object> body) {
    Http.Answer a =
        http.send(
            HttpRequest.POST("/api/v1/tickets/" + reference + "/transitions", body)
                .bearerAuth(token));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  private Map<String, Object> fact(String reference) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT f.* FROM stat_fact f JOIN ticket t ON t.id = f.ticket_id"
                      + " WHERE t.reference = ?")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              assertThat(rows.next()).as("a fact for %s", reference).isTrue();
              Map<String, Object> fact = new HashMap<>();
              for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                Object value = rows.getObject(i);
                fact.put(
                    rows.getMetaData().getColumnName(i),
                    value instanceof java.sql.Array a
                        ? Arrays.asList((Object[]) a.getArray())
                        : value);
              }
              fact.put("changed_xid", String.valueOf(fact.get("changed_xid")));
              return fact;
            }
          }
        });
  }

  // ---- The summary ---------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void theYearlySummaryGivesThePeersFiguresUnderSecrecy() {
    Http.Answer summary =
        api.exchange(
            200, SUMMARY, HttpRequest.GET(SUMMARY + "?year=2019").bearerAuth(token("OFFICIAL")));
    Map<String, Object> s = summary.json();
    assertThat(s).containsEntry("year", 2019).containsEntry("k", 5);
    assertThat((Map<String, Object>) s.get("events"))
        .containsEntry("events", (int) tickets(x -> true))
        .containsEntry("victims", (int) victims(x -> true))
        .containsEntry("suppressed", false);
    List<Map<String, Object>> byKind = (List<Map<String, Object>>) s.get("byKind");
    assertThat(byKind.get(0))
        .containsEntry("code", "SIGNALEMENT")
        .containsEntry("events", (int) tickets(x -> x.kind().equals("SIGNALEMENT")));
    assertThat((Map<String, Object>) s.get("ransomware"))
        .as("two mairies: hidden")
        .containsEntry("events", null)
        .containsEntry("suppressed", true);
    List<Map<String, Object>> top = (List<Map<String, Object>>) s.get("topThreats");
    assertThat(top.get(0))
        .containsEntry("code", "PHISHING")
        .containsEntry("events", (int) tickets(x -> x.threat().equals("PHISHING")));
    assertThat(top).extracting(f -> f.get("suppressed")).containsOnly(false);
    // Three associations are hidden; the collectivités (8 events), the smallest other category,
    // go with them, else the year's total would give the associations away. Their share too.
    List<Map<String, Object>> categories = (List<Map<String, Object>>) s.get("byVictimCategory");
    assertThat(categories)
        .extracting(f -> f.get("code") + " " + f.get("events"))
        .containsExactly(
            "COLLECTIVITE null",
            "ETABLISSEMENT_PUBLIC 0",
            "ENTREPRISE " + tickets(x -> x.victim().category().equals("ENTREPRISE")),
            "ASSOCIATION null",
            "PARTICULIER 0");
    assertThat(s.get("collectiviteShare")).isNull();
    List<Map<String, Object>> prevention =
        (List<Map<String, Object>>) s.get("incidentsByPrevention");
    // The open incidents are one company's four reports: hidden, and the six prevented phishing
    // attempts with them (the smaller of the two others), else subtraction would give it away.
    assertThat(prevention)
        .extracting(f -> f.get("code") + " " + f.get("events") + " " + f.get("suppressed"))
        .containsExactly(
            "PREVENTED null true",
            "AFTER_IMPACT "
                + tickets(x -> x.kind().equals("INCIDENT") && Boolean.FALSE.equals(x.prevented()))
                + " false",
            "NOT_CLOSED null true");
    assertThat(s.get("preventedShare")).isNull();
    // The eight mairies all complained to the police: eight events, eight victims, exactly the
    // collectivités figure hidden above, so the police figure is hidden too; the CNIL's two are.
    List<Map<String, Object>> orientations = (List<Map<String, Object>>) s.get("orientations");
    assertThat(orientations)
        .filteredOn(f -> List.of("POLICE_GENDARMERIE", "CNIL", "PHAROS").contains(f.get("code")))
        .extracting(f -> f.get("code") + " " + f.get("events") + " " + f.get("suppressed"))
        .containsExactly("POLICE_GENDARMERIE null true", "CNIL null true", "PHAROS 0 false");
    List<Map<String, Object>> severities = (List<Map<String, Object>>) s.get("bySeverity");
    assertThat(severities)
        .extracting(f -> f.get("severity"))
        .containsExactly("P1", "P2", "P3", "P4");
    assertThat(severities.get(0)).as("P1: the two mairies").containsEntry("suppressed", true);
  }

  @Test
  void aYearNotYetPublishedIsRefusedSayingWhen() {
    Http.Answer answer =
        api.exchange(
            422, SUMMARY, HttpRequest.GET(SUMMARY + "?year=2020").bearerAuth(token("OFFICIAL")));
    assertThat(answer.errorFields()).containsExactly("year");
    assertThat(answer.json().get("detail").toString()).contains("2021-01-30T23:00:00Z");
  }

  // ---- Who may read --------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"OFFICIAL", "COORDINATOR", "ADMIN"})
  void officialsCoordinatorsAndAdminsReadTheStatistics(String role) {
    api.exchange(200, CUBE, HttpRequest.GET(CUBE).bearerAuth(token(role)));
    api.exchange(200, SUMMARY, HttpRequest.GET(SUMMARY).bearerAuth(token(role)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ANALYST", "PROVIDER"})
  void analystsAndProvidersDoNot(String role) {
    api.exchange(403, CUBE, HttpRequest.GET(CUBE).bearerAuth(token(role)));
    api.exchange(403, SUMMARY, HttpRequest.GET(SUMMARY).bearerAuth(token(role)));
    api.exchange(401, CUBE, HttpRequest.GET(CUBE));
  }

  /** Every route under /api/v1/tickets, whatever its method: 403 for an official. */
  @Test
  void anOfficialGets403OnEveryTicketEndpoint() {
    Set<String> seen = new HashSet<>();
    router
        .uriRoutes()
        .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/v1/tickets"))
        .filter(r -> !r.getHttpMethodName().equals("HEAD"))
        .forEach(
            r -> {
              String path =
                  r.getUriMatchTemplate()
                      .toString()
                      .replace("{reference}", "FIX-2019-000001")
                      .replaceAll("\\{[^}]*}", "FIRST_CONTACT");
              MutableHttpRequest<?> request =
                  HttpRequest.create(
                          io.micronaut.http.HttpMethod.parse(r.getHttpMethodName()), path)
                      .bearerAuth(token("OFFICIAL"));
              if (!r.getHttpMethodName().equals("GET")) {
                request.body("{}").contentType(MediaType.APPLICATION_JSON_TYPE);
              }
              Http.Answer answer = new Http(client, json).send(request);
              assertThat(answer.status()).as("%s %s", r.getHttpMethodName(), path).isEqualTo(403);
              assertThat(
                      CONTRACT.violations(
                          r.getHttpMethodName(), r.getUriMatchTemplate().toString(), answer))
                  .isEmpty();
              seen.add(r.getHttpMethodName() + " " + r.getUriMatchTemplate());
            });
    assertThat(seen).as("the queue, the ticket, its workflow and clocks").hasSizeGreaterThan(10);
  }

  // ---- Hostile parameters --------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "groupBy=victimName|groupBy",
        "groupBy=commune|groupBy",
        "groupBy=threat|groupBy",
        "groupBy=departement,severity,kind,outcome|groupBy",
        "groupBy=severity,severity|groupBy",
        "period=WEEK|period",
        "period=DAY|period",
        "period=MONTH&period=YEAR|period",
        "from=2019-13|from",
        "from=2019-W03|from",
        "to=1999|to",
        "to=2019-03-01|to",
        "from='%3B%20DROP%20TABLE%20stat_fact%3B--|from",
        "severity=P9|severity",
        "severity=p1|severity",
        "kind=SIGNALEMENT,OTHER|kind",
        "departement=%3Cscript%3E|departement",
        "departement=29001|departement",
        "region=5|region",
        "victimCategory=MAIRIE|victimCategory",
        "prevented=true|prevented",
        "outcome=CLOSED|outcome",
        "rsitClass=fraud%22%20OR%201%3D1|rsitClass",
        "victimName=Plouzan%C3%A9|victimName",
        "commune=29212|commune",
        "day=2019-03-04|day"
      })
  void hostileParametersAnswer400NamingThem(String caseAndField) {
    String[] parts = caseAndField.split("\\|");
    Http.Answer answer = cube(400, "?" + parts[0]);
    assertThat(answer.errorFields()).containsExactly(parts[1]);
  }

  @Test
  void oversizedAndRuleBreakingParameters() {
    String huge = "departement=" + "29,".repeat(2000) + "29";
    assertThat(cube(400, "?" + huge).errorFields()).containsExactly("departement");
    String longName = "x".repeat(5000) + "=1";
    assertThat(cube(400, "?" + longName).errorFields().get(0)).hasSizeLessThan(70);
    assertThat(cube(422, "?from=2019&to=2018").errorFields()).containsExactly("from");
    assertThat(cube(422, "?period=MONTH&from=2000-01&to=2019-12").errorFields())
        .containsExactly("to");
    assertThat(cube(400, "?groupBy=foo&period=WEEK&severity=P0").errorFields())
        .as("every problem at once")
        .containsExactlyInAnyOrder("groupBy", "period", "severity");
    for (String year : List.of("abc", "20190", "2019.5", "1999")) {
      api.exchange(
          400, SUMMARY, HttpRequest.GET(SUMMARY + "?year=" + year).bearerAuth(token("OFFICIAL")));
    }
    api.exchange(
        400,
        SUMMARY,
        HttpRequest.GET(SUMMARY + "?year=2019&groupBy=kind").bearerAuth(token("ADMIN")));
  }

  /** The contract's inline vocabularies are the ones the server accepts. */
  @Test
  void theContractListsTheDimensionsTheCubeOffers() {
    List<String> declared = new ArrayList<>();
    CONTRACT
        .document()
        .at("/paths/~1api~1v1~1stats~1cube/get/parameters")
        .forEach(
            p -> {
              if (p.path("name").asText().equals("groupBy")) {
                p.at("/schema/items/enum").forEach(v -> declared.add(v.asText()));
              }
            });
    assertThat(declared)
        .containsExactlyElementsOf(Dimension.cube().stream().map(Dimension::parameter).toList());
    List<String> filters = new ArrayList<>();
    CONTRACT
        .document()
        .at("/paths/~1api~1v1~1stats~1cube/get/parameters")
        .forEach(p -> filters.add(p.path("name").asText()));
    assertThat(filters).containsAll(declared);
  }
}
