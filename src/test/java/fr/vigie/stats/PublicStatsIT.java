package fr.vigie.stats;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.stats.StatsFixture.Spec;
import fr.vigie.testing.ContractClient;
import fr.vigie.testing.Http;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public statistics (issue 7): no login, never a cell below k, the CSV valid against its own
 * Table Schema, years not published yet not found.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "PublicStatsIT")
class PublicStatsIT {

  static final String YEAR = "/api/v1/public/stats/{year}";
  static final String CSV = "/api/v1/public/stats/{year}.csv";
  static final String SCHEMA = "/api/v1/public/stats/schema.json";

  @Factory
  @Requires(property = "spec.name", value = "PublicStatsIT")
  static class FixedClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return Clock.fixed(StatsIT.NOW, ZoneOffset.UTC);
    }
  }

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject Database database;
  ContractClient api;

  @BeforeEach
  void setUp() {
    api = new ContractClient(client, json);
    StatsFixture.load(database, StatsIT.YEAR, StatsFixture.BRETAGNE);
  }

  @Test
  void theYearIsPublicAndNoCellIsBelowK() {
    Http.Answer answer = api.exchange(200, YEAR, HttpRequest.GET("/api/v1/public/stats/2019"));
    assertThat(answer.json()).containsEntry("year", 2019).containsEntry("k", 5);
    List<Map<String, Object>> entries = new ArrayList<>(StatsIT.list(answer, "cells"));
    entries.addAll(StatsIT.list(answer, "margins"));
    assertThat(StatsIT.list(answer, "cells")).hasSize(6);
    for (Map<String, Object> e : entries) {
      Predicate<Spec> in =
          s ->
              (e.get("departement") == null
                      || s.victim().departement().equals(e.get("departement")))
                  && (e.get("victimCategory") == null
                      || s.victim().category().equals(e.get("victimCategory")))
                  && (e.get("rsitClass") == null || s.rsitClass().equals(e.get("rsitClass")));
      long truth = StatsIT.victims(in);
      if (Boolean.TRUE.equals(e.get("suppressed"))) {
        assertThat(e.get("count")).isNull();
      } else {
        assertThat(((Number) e.get("count")).longValue()).as("%s", e).isEqualTo(truth);
        assertThat(truth).isGreaterThanOrEqualTo(5);
      }
    }
    StatsIT.assertNoLineGivesAHiddenEntryAway(
        entries, List.of("departement", "victimCategory", "rsitClass"));
    @SuppressWarnings("unchecked")
    Map<String, Object> headline = (Map<String, Object>) answer.json().get("headline");
    assertThat(headline)
        .containsEntry("events", 35)
        .containsEntry("signalements", 12)
        .containsEntry("incidents", 23)
        .containsEntry("ransomware", null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCsvValidatesAgainstItsTableSchemaAndSaysWhatTheJsonSays() throws IOException {
    Http.Answer csv = api.exchange(200, CSV, HttpRequest.GET("/api/v1/public/stats/2019.csv"));
    assertThat(csv.contentType()).startsWith("text/csv").contains("utf-8");
    assertThat(csv.header("Content-Disposition"))
        .contains("attachment; filename=\"vigie-statistiques-2019.csv\"");
    Http.Answer schema = api.exchange(200, SCHEMA, HttpRequest.GET(SCHEMA));
    Map<String, Object> descriptor =
        json.readValue(schema.body(), Argument.mapOf(String.class, Object.class));

    assertThat(TableSchemaCheck.problems(csv.body(), descriptor)).isEmpty();

    List<Map<String, Object>> fields = (List<Map<String, Object>>) descriptor.get("fields");
    assertThat(fields)
        .allSatisfy(
            f -> {
              assertThat((String) f.get("title")).isNotBlank();
              assertThat((String) f.get("description")).isNotBlank();
            });
    assertThat(descriptor.get("missingValues")).isEqualTo(List.of("s"));
    assertThat(fields.get(4).get("description").toString()).contains("« s »").contains("5");

    Http.Answer json2019 = api.exchange(200, YEAR, HttpRequest.GET("/api/v1/public/stats/2019"));
    List<Map<String, Object>> entries = new ArrayList<>(StatsIT.list(json2019, "cells"));
    entries.addAll(StatsIT.list(json2019, "margins"));
    String[] lines = csv.body().split("\r\n");
    assertThat(lines).hasSize(entries.size() + 1);
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> e = entries.get(i);
      String[] v = lines[i + 1].split(",");
      assertThat(v[1]).isEqualTo(Objects.toString(e.get("departement"), "TOTAL"));
      assertThat(v[2]).isEqualTo(Objects.toString(e.get("victimCategory"), "TOTAL"));
      assertThat(v[3]).isEqualTo(Objects.toString(e.get("rsitClass"), "TOTAL"));
      assertThat(v[4]).isEqualTo(Objects.toString(e.get("count"), "s"));
      assertThat(v[5]).isEqualTo(e.get("suppressed").toString());
    }
  }

  /** The check itself can fail: a broken line is reported. */
  /**
   * The public answer is kept between requests (anyone may ask it, it costs several passes over the
   * facts); a change to one of the year's facts must show at the next request all the same.
   */
  @Test
  void aChangeToAPublishedYearShowsAtOnce() {
    StatsFixture.load(database, 2016, StatsFixture.BRETAGNE);
    Http.Answer before = api.exchange(200, YEAR, HttpRequest.GET("/api/v1/public/stats/2016"));
    assertThat(api.exchange(200, YEAR, HttpRequest.GET("/api/v1/public/stats/2016")).body())
        .as("asked again, unchanged")
        .isEqualTo(before.body());

    database.inTransaction( // a late correction: five phishing tickets were malware after all
        c -> {
          try (var s =
              c.prepareStatement(
                  "UPDATE ticket SET rsit_class = 'malicious-code'"
                      + " WHERE reference IN (?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= 5; i++) {
              s.setString(i, StatsFixture.reference(2016, i));
            }
            assertThat(s.executeUpdate()).isEqualTo(5);
          }
          return null;
        });

    Http.Answer after = api.exchange(200, YEAR, HttpRequest.GET("/api/v1/public/stats/2016"));
    assertThat(after.body()).isNotEqualTo(before.body());
    assertThat(StatsIT.list(after, "margins"))
        .anySatisfy(
            m -> {
              assertThat(m.get("departement")).isNull();
              assertThat(m.get("victimCategory")).isNull();
              assertThat(m).containsEntry("rsitClass", "malicious-code");
            });
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCsvThatBreaksItsSchemaIsCaught() throws IOException {
    Map<String, Object> descriptor =
        json.readValue(
            api.exchange(200, SCHEMA, HttpRequest.GET(SCHEMA)).body(),
            Argument.mapOf(String.class, Object.class));
    String header =
        "annee,departement,categorie_victime,classe_rsit,nombre_victimes,secret_statistique\r\n";
    assertThat(
            TableSchemaCheck.problems(header + "2019,29,ENTREPRISE,fraud,12,false\r\n", descriptor))
        .isEmpty();
    for (String bad :
        List.of(
            "2019,29,ENTREPRISE,fraud,3,false",
            "2019,29,MAIRIE,fraud,12,false",
            "2019,290,ENTREPRISE,fraud,12,false",
            "2019,29,ENTREPRISE,fraud,douze,false",
            "2019,29,ENTREPRISE,fraud,12,peut-être",
            "2019,29,ENTREPRISE,fraud,12",
            "s,29,ENTREPRISE,fraud,12,false")) {
      assertThat(TableSchemaCheck.problems(header + bad + "\r\n", descriptor)).as(bad).isNotEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2020", "2021", "1999", "abcd", "20191", "2019%27%20OR%201%3D1"})
  void aYearNotPublishedOrNotAYearIsNotFound(String year) {
    api.exchange(404, YEAR, HttpRequest.GET("/api/v1/public/stats/" + year));
  }

  @Test
  void anUnpublishedYearsCsvIsNotFoundEither() {
    api.exchange(404, CSV, HttpRequest.GET("/api/v1/public/stats/2020.csv"));
  }
}
