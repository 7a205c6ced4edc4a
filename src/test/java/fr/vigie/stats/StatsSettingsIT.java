package fr.vigie.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.db.Database;
import fr.vigie.security.UserService;
import fr.vigie.testing.Http;
import fr.vigie.testing.Staff;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The secrecy settings change the answers and are checked at start-up: k (never below 3) and the
 * publication lag. Each case starts its own server on the shared test database.
 */
class StatsSettingsIT {

  static final String SPEC = "StatsSettingsIT";

  @Factory
  @Requires(property = "spec.name", value = SPEC)
  static class FixedClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return Clock.fixed(StatsIT.NOW, ZoneOffset.UTC);
    }
  }

  /** The cube's answer to {@code query} from a server started with {@code settings}. */
  static Map<String, Object> cube(Map<String, Object> settings, String query) {
    Map<String, Object> properties = new HashMap<>(settings);
    properties.put("spec.name", SPEC);
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        HttpClient client = HttpClient.create(server.getURL())) {
      ApplicationContext context = server.getApplicationContext();
      StatsFixture.load(context.getBean(Database.class), StatsIT.YEAR, StatsFixture.BRETAGNE);
      String token = Staff.token(context.getBean(UserService.class), client, "OFFICIAL");
      Http.Answer answer =
          new Http(client, context.getBean(JsonMapper.class))
              .send(HttpRequest.GET("/api/v1/stats/cube" + query).bearerAuth(token));
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      return answer.json();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cell(Map<String, Object> cube, String dep, String category) {
    return StatsIT.find((List<Map<String, Object>>) cube.get("cells"), dep, category);
  }

  @SuppressWarnings("unchecked")
  static boolean listed(Map<String, Object> cube, String dep, String category) {
    return ((List<Map<String, Object>>) cube.get("cells"))
        .stream()
            .anyMatch(
                e ->
                    java.util.Objects.equals(e.get("departement"), dep)
                        && java.util.Objects.equals(e.get("victimCategory"), category));
  }

  @Test
  void aSmallerKPublishesWhatALargerOneHides() {
    String query = "?groupBy=departement,victimCategory&from=2019&to=2019";
    Map<String, Object> five = cube(Map.of(), query);
    Map<String, Object> three = cube(Map.of("vigie.stats.k", "3"), query);

    assertThat(five).containsEntry("k", 5);
    assertThat(three).containsEntry("k", 3);
    assertThat(listed(five, "56", "ASSOCIATION")).as("hidden: left out").isFalse();
    // Three associations of the Morbihan: with k = 3 they are shown unless their noise is
    // negative (then hidden, as an entry of k victims may be); never below 3.
    if (listed(three, "56", "ASSOCIATION")) {
      long shown = ((Number) cell(three, "56", "ASSOCIATION").get("count")).longValue();
      assertThat(fr.vigie.stats.internal.CellKey.possible(shown, 3, 3))
          .as("%d shown for 3 with k = 3", shown)
          .isTrue();
    }
    assertThat(listed(three, "29", "COLLECTIVITE")).as("two mairies: hidden").isFalse();
  }

  @Test
  void aShorterLagPublishesTheLastMonthSooner() {
    String query = "?period=MONTH&from=2020-01&to=2020-02";
    assertThat(cube(Map.of(), query)).containsEntry("publishedUntil", "2020-01");
    assertThat(cube(Map.of("vigie.stats.publication-lag", "P10D"), query))
        .as("February 2020 ended 14 days before 15 March")
        .containsEntry("publishedUntil", "2020-02")
        .containsEntry("periods", List.of("2020-01", "2020-02"));
    assertThat(cube(Map.of("vigie.stats.publication-lag", "90d"), query))
        .as("90 days: December 2019 waits until 31 March")
        .containsEntry("publishedUntil", "2019-11")
        .containsEntry("periods", List.of());
  }

  @Test
  void vigieRefusesToStartWithKBelowThree() {
    for (String k : List.of("2", "0", "-5")) {
      assertThatThrownBy(
              () ->
                  ApplicationContext.run(
                          EmbeddedServer.class, Map.of("spec.name", SPEC, "vigie.stats.k", k))
                      .close())
          .as("k = %s", k)
          .hasStackTraceContaining("vigie.stats.k")
          .hasStackTraceContaining("3");
    }
    assertThatThrownBy(
            () ->
                ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of("spec.name", SPEC, "vigie.stats.publication-lag", "-1d"))
                    .close())
        .hasStackTraceContaining("publication");
  }
}
