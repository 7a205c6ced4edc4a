package fr.vigie.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.security.PasswordPolicy;
import fr.vigie.testing.VigieProcess;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's first run with {@code VIGIE_DEMO_DATA=true}, as {@code java -jar} runs it on its own
 * embedded database: the log gives each demo user's password once; with it the analyst sees a queue
 * of demo tickets, the coordinator the fictional providers, the official a published year's
 * figures, the provider user its portal. A second start on the same data loads nothing again.
 */
class DemoDataIT {

  static final Duration START = Duration.ofSeconds(180);
  static final Pattern PASSWORD =
      Pattern.compile(
          "Demo user '([a-z.]+)' \\(([A-Z]+)\\) with the one-time generated password: (\\S+)");

  final JsonMapper json = JsonMapper.createDefault();
  Path dataDir;
  Path log;

  @BeforeEach
  void directories() throws Exception {
    dataDir = Files.createTempDirectory("vigie-demo-it");
    log = Files.createTempFile("vigie-demo-it", ".log");
  }

  @AfterEach
  void cleanUp() throws Exception {
    try (var paths = Files.walk(dataDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void aFirstStartLoadsALivingDeskOnceAndPrintsEachPasswordOnce() throws Exception {
    Map<String, String> env =
        Map.of(
            "VIGIE_DEMO_DATA",
            "true",
            "VIGIE_BOOTSTRAP_ADMIN_PASSWORD",
            PasswordPolicy.randomPassword());
    Object queueTotal;
    try (VigieProcess vigie = VigieProcess.start(dataDir, log, env)) {
      vigie.awaitHealthy(START);
      Map<String, String> passwords = new HashMap<>();
      Matcher m = PASSWORD.matcher(Files.readString(log));
      while (m.find()) {
        assertThat(passwords.put(m.group(1), m.group(3))).as("printed once").isNull();
      }
      assertThat(passwords)
          .containsOnlyKeys("analyste.demo", "coordination.demo", "elu.demo", "prestataire.demo");

      Map<String, Object> queue =
          get(vigie, "/api/v1/tickets?size=100", login(vigie, "analyste.demo", passwords));
      assertThat((Integer) queue.get("total"))
          .as("open demo tickets")
          .isBetween(100, DemoData.TICKETS);
      assertThat(items(queue))
          .isNotEmpty()
          .allSatisfy(t -> assertThat((String) t.get("reference")).startsWith("DEMO-"));
      queueTotal = queue.get("total");

      Map<String, Object> directory =
          get(vigie, "/api/v1/providers", login(vigie, "coordination.demo", passwords));
      assertThat(items(directory))
          .hasSize(6)
          .allSatisfy(p -> assertThat((String) p.get("name")).endsWith("(fictif)"));
      assertThat(
              get(vigie, "/api/v1/contracts", login(vigie, "coordination.demo", passwords))
                  .get("total"))
          .isEqualTo(1);

      Map<String, Object> summary =
          get(vigie, "/api/v1/stats/summary", login(vigie, "elu.demo", passwords));
      @SuppressWarnings("unchecked")
      Map<String, Object> events = (Map<String, Object>) summary.get("events");
      assertThat(summary.get("year")).as("a whole published year of demo tickets").isNotNull();
      assertThat(events.toString()).doesNotContain("suppressed=true");

      assertThat(
              items(
                  get(
                      vigie,
                      "/api/v1/provider/referrals",
                      login(vigie, "prestataire.demo", passwords))))
          .as("referrals waiting for the demo provider")
          .hasSize(DemoData.REFERRALS)
          .allSatisfy(r -> assertThat(r.get("state")).isEqualTo("PROPOSED"));
      assertThat(vigie.terminate()).isIn(0, 143);
    }

    try (VigieProcess again = VigieProcess.start(dataDir, log, env)) {
      again.awaitHealthy(START);
      String text = Files.readString(log);
      assertThat(text).contains("Demo data already loaded");
      assertThat(PASSWORD.matcher(text).results().count()).as("no new passwords").isEqualTo(4);
      // The accounts and tickets of the first start are still the only ones.
      Map<String, String> admin = Map.of("admin", env.get("VIGIE_BOOTSTRAP_ADMIN_PASSWORD"));
      String token = login(again, "admin", admin);
      assertThat(get(again, "/api/v1/tickets?size=1", token).get("total")).isEqualTo(queueTotal);
      assertThat(items(get(again, "/api/v1/providers", token))).hasSize(6);
      assertThat(again.terminate()).isIn(0, 143);
    }
  }

  String login(VigieProcess vigie, String user, Map<String, String> passwords) throws Exception {
    HttpResponse<String> answer =
        vigie.send(
            HttpRequest.newBuilder(vigie.uri("/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        json.writeValueAsBytes(
                            Map.of("username", user, "password", passwords.get(user))))));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return (String) parse(answer).get("access_token");
  }

  Map<String, Object> get(VigieProcess vigie, String path, String token) throws Exception {
    HttpResponse<String> answer =
        vigie.send(
            HttpRequest.newBuilder(vigie.uri(path)).header("Authorization", "Bearer " + token));
    assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
    return parse(answer);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> items(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("items");
  }

  Map<String, Object> parse(HttpResponse<String> response) throws Exception {
    return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
  }
}
