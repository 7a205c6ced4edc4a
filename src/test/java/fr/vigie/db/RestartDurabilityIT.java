package fr.vigie.db;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.testing.ReportJson;
import fr.vigie.testing.VigieProcess;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promise of the foundation issue, end to end: a report acknowledged by a Vigie that is then
 * killed (SIGKILL: no shutdown hook, its PostgreSQL left running) is still there for the victim
 * after a restart on the same data directory. Also: SIGTERM stops the embedded server.
 */
class RestartDurabilityIT {

  static final Duration START = Duration.ofSeconds(90);
  final JsonMapper json = JsonMapper.createDefault();
  Path dataDir;
  Path log;

  @BeforeEach
  void directories() throws Exception {
    dataDir = Files.createTempDirectory("vigie-restart-it");
    log = Files.createTempFile("vigie-restart-it", ".log");
  }

  @AfterEach
  void cleanUp() throws Exception {
    try (var paths = Files.walk(dataDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  Map<String, Object> parse(HttpResponse<String> response) throws Exception {
    return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
  }

  @Test
  void aReportSurvivesAKillAndARestart() throws Exception {
    String reference;
    String token;
    try (VigieProcess first = VigieProcess.start(dataDir, log, Map.of())) {
      first.awaitHealthy(START);
      HttpResponse<String> posted =
          first.send(
              HttpRequest.newBuilder(first.uri("/api/v1/reports"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          json.writeValueAsBytes(ReportJson.mairie().body()))));
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
      reference = (String) parse(posted).get("reference");
      token = (String) parse(posted).get("followUpToken");
      first.kill();
    }

    try (VigieProcess second = VigieProcess.start(dataDir, log, Map.of())) {
      second.awaitHealthy(START);
      HttpResponse<String> read =
          second.send(
              HttpRequest.newBuilder(second.uri("/api/v1/reports/" + reference))
                  .header("X-Follow-Up-Token", token));
      assertThat(read.statusCode()).as(Files.readString(log)).isEqualTo(200);
      assertThat(parse(read)).containsEntry("reference", reference).containsEntry("status", "NEW");

      assertThat(second.terminate()).isIn(0, 143);
    }
    assertThat(Files.exists(dataDir.resolve("pg").resolve("postmaster.pid")))
        .as("SIGTERM stops the embedded PostgreSQL")
        .isFalse();
  }
}
