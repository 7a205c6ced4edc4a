package fr.vigie.intake;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** POST /api/v1/reports over HTTP, against the real database. */
@MicronautTest(transactional = false)
class ReportIntakeIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject Database database;

  Http.Answer post(Object body, String idempotencyKey) {
    var request =
        HttpRequest.POST("/api/v1/reports", body).contentType(MediaType.APPLICATION_JSON_TYPE);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return new Http(client, json).send(request);
  }

  Http.Answer post(Object body) {
    return post(body, null);
  }

  @Test
  void aValidReportOpensANewTicketWithVictimContactAndTimeline() {
    Http.Answer answer = post(ReportJson.company().body());

    assertThat(answer.status()).isEqualTo(201);
    String reference = (String) answer.json().get("reference");
    assertThat(reference).matches("BZH-20[0-9]{2}-[0-9]{6}");
    assertThat(answer.json().get("status")).isEqualTo("NEW");
    assertThat((String) answer.json().get("followUpToken")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(answer.header("Location")).contains("/api/v1/reports/" + reference);
    assertThat(stored(reference))
        .containsEntry("status", "NEW")
        .containsEntry("threat", "TRANSFER_FRAUD")
        .containsEntry("victim", "Boulangerie Le Goff")
        .containsEntry("contact", "anne@example.fr")
        .containsEntry("events", 1L)
        .containsEntry("reports", 1L);
  }

  @Test
  void aMairieIsLocatedFromTheGeographyTablesNotFromTheForm() {
    Http.Answer answer = post(ReportJson.mairie().body());

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    Map<String, Object> victim =
        database.read(
            c -> {
              try (var s =
                  c.prepareStatement(
                      "SELECT v.departement, v.region, v.population FROM victim v"
                          + " JOIN ticket t ON t.id = v.ticket_id WHERE t.reference = ?")) {
                s.setString(1, (String) answer.json().get("reference"));
                try (var rows = s.executeQuery()) {
                  rows.next();
                  return Map.of(
                      "departement", rows.getString(1),
                      "region", rows.getString(2),
                      "population", rows.getInt(3));
                }
              }
            });
    assertThat(victim).containsEntry("departement", "29").containsEntry("region", "53");
    assertThat((Integer) victim.get("population")).isBetween(10_000, 20_000);
  }

  @Test
  void aCommuneCodeThatDoesNotExistIsRefused() {
    Http.Answer answer = post(ReportJson.mairie().set("victim.communeCode", "29999").body());
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorFields()).containsExactly("victim.communeCode");
  }

  @Test
  void aCommuneMustGiveItsOwnSiren() {
    // 242900314 is a valid SIREN (Brest Métropole), but not the commune of Plouzané's.
    Http.Answer answer = post(ReportJson.mairie().set("victim.siren", "242900314").body());
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorFields()).containsExactly("victim.siren");
  }

  @Test
  void anEpciIsIdentifiedByItsSiren() {
    Http.Answer known =
        post(
            ReportJson.mairie()
                .set("victim.type", "EPCI")
                .set("victim.name", "Brest Métropole")
                .set("victim.siren", "242900314")
                .set("victim.communeCode", null)
                .body());
    Http.Answer unknown =
        post(
            ReportJson.mairie()
                .set("victim.type", "EPCI")
                .set("victim.siren", "732829320")
                .set("victim.communeCode", null)
                .body());
    assertThat(known.status()).as(known.body()).isEqualTo(201);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.errorFields()).containsExactly("victim.siren");
  }

  @Test
  void theFollowUpTokenIsStoredOnlyAsItsHash() {
    Http.Answer answer = post(ReportJson.company().body());
    String token = (String) answer.json().get("followUpToken");
    long hits =
        database.read(
            c -> {
              try (var s =
                  c.prepareStatement(
                      "SELECT count(*) FROM ticket t JOIN report r ON r.id = t.report_id"
                          + " WHERE t.reference = ? AND (r.payload::text LIKE ?"
                          + " OR encode(t.follow_up_token_hash, 'escape') LIKE ?)")) {
                s.setString(1, (String) answer.json().get("reference"));
                s.setString(2, "%" + token + "%");
                s.setString(3, "%" + token + "%");
                try (var rows = s.executeQuery()) {
                  rows.next();
                  return rows.getLong(1);
                }
              }
            });
    assertThat(hits).isZero();
  }

  @Test
  void referencesAreUniqueAndIncreasing() {
    String first = (String) post(ReportJson.company().body()).json().get("reference");
    String second = (String) post(ReportJson.company().body()).json().get("reference");
    assertThat(second).isNotEqualTo(first);
    assertThat(second.compareTo(first)).isPositive();
  }

  @Test
  void unknownFieldIsMalformedAndNamed() {
    Http.Answer answer = post(ReportJson.company().set("victim.color", "blue").body());
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.errorFields()).contains("victim.color");
  }

  @Test
  void unknownEnumIsRefusedWithItsPathAndNothingIsWritten() {
    long before = count("report");
    Http.Answer answer = post(ReportJson.company().set("incident.threat", "HACKED").body());
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.errorFields()).containsExactly("incident.threat");
    assertThat(count("report")).isEqualTo(before);
  }

  @Test
  void injectionStringsAreStoredAsPlainText() {
    String name = "Robert'); DROP TABLE ticket; -- <script>alert(1)</script>";
    Http.Answer answer = post(ReportJson.company().set("victim.name", name).body());
    assertThat(answer.status()).isEqualTo(201);
    assertThat(stored((String) answer.json().get("reference"))).containsEntry("victim", name);
  }

  @Test
  void brokenUtf8IsMalformed() {
    byte[] body =
        "{\"channel\":\"WEB_FORM\",\"victim\":{\"name\":\"Mairie \u00e9\"}}"
            .getBytes(StandardCharsets.UTF_8);
    body[body.length - 5] = (byte) 0xC3;
    body[body.length - 4] = (byte) 0x28;
    Http.Answer answer = post(body);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("detail")).isEqualTo("The body is not valid UTF-8.");
  }

  @Test
  void invalidJsonIsMalformed() {
    Http.Answer answer = post("{\"channel\": \"WEB_FORM\",".getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at fr.vigie");
  }

  @Test
  void anOversizedBodyIsRefusedBeforeParsing() {
    String description = "x".repeat(300_000);
    Http.Answer answer = post(ReportJson.company().set("incident.description", description).body());
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  @Test
  void replayWithTheSameKeyAndBodyGivesTheSameTicketAndToken() {
    String key = UUID.randomUUID().toString();
    Object body = ReportJson.company().body();
    Http.Answer first = post(body, key);
    Http.Answer second = post(body, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.header("Idempotent-Replayed")).contains("true");
    assertThat(second.json().get("reference")).isEqualTo(first.json().get("reference"));
    assertThat(second.json().get("followUpToken")).isEqualTo(first.json().get("followUpToken"));
    assertThat(reportsWithKey(key)).isEqualTo(1);
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefused() {
    String key = UUID.randomUUID().toString();
    Http.Answer first = post(ReportJson.company().body(), key);
    Http.Answer second = post(ReportJson.company().set("victim.name", "Autre").body(), key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(422);
    assertThat(second.errorFields()).containsExactly("Idempotency-Key");
    assertThat(reportsWithKey(key)).isEqualTo(1);
  }

  @Test
  void aMalformedIdempotencyKeyIsRefused() {
    Http.Answer answer = post(ReportJson.company().body(), "short");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorFields()).containsExactly("Idempotency-Key");
  }

  @Test
  void concurrentPostsWithTheSameKeyOpenOneTicket() throws Exception {
    String key = UUID.randomUUID().toString();
    Object body = ReportJson.company().body();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Http.Answer>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(() -> post(body, key));
      }
      List<String> references = new ArrayList<>();
      for (Future<Http.Answer> f : pool.invokeAll(calls)) {
        assertThat(f.get().status()).isEqualTo(201);
        references.add((String) f.get().json().get("reference"));
      }
      assertThat(references).hasSize(16).containsOnly(references.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(reportsWithKey(key)).isEqualTo(1);
  }

  private long reportsWithKey(String key) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT count(*) FROM report r JOIN ticket t ON t.report_id = r.id"
                      + " WHERE r.idempotency_key = ?")) {
            s.setString(1, key);
            try (var rows = s.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  private long count(String table) {
    return database.read(
        c -> {
          try (var rows = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  private Map<String, Object> stored(String reference) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT t.status, t.threat, v.name, ct.email,"
                      + " (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = t.id),"
                      + " (SELECT count(*) FROM report r WHERE r.id = t.report_id)"
                      + " FROM ticket t JOIN victim v ON v.ticket_id = t.id"
                      + " JOIN contact ct ON ct.ticket_id = t.id WHERE t.reference = ?")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              rows.next();
              return Map.of(
                  "status", rows.getString(1),
                  "threat", rows.getString(2),
                  "victim", rows.getString(3),
                  "contact", rows.getString(4),
                  "events", rows.getLong(5),
                  "reports", rows.getLong(6));
            }
          }
        });
  }
}
