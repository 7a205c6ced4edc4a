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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ReportIntakeIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject Database database;

  Http http() {
    return new Http(client, json);
  }

  Http.Answer post(Object body) {
    return http()
        .send(
            HttpRequest.POST("/api/v1/reports", body).contentType(MediaType.APPLICATION_JSON_TYPE));
  }

  @Test
  void aValidReportOpensANewTicketAndAnswersItsReferenceAndToken() {
    Http.Answer answer = post(ReportJson.company().body());

    assertThat(answer.status()).isEqualTo(201);
    String reference = (String) answer.json().get("reference");
    assertThat(reference).matches("BZH-20[0-9]{2}-[0-9]{6}");
    assertThat(answer.json().get("status")).isEqualTo("NEW");
    assertThat((String) answer.json().get("followUpToken")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(answer.header("Location")).contains("/api/v1/reports/" + reference);
    Map<String, Object> row = ticketRow(reference);
    assertThat(row)
        .containsEntry("status", "NEW")
        .containsEntry("threat", "TRANSFER_FRAUD")
        .containsEntry("victim_name", "Boulangerie Le Goff")
        .containsEntry("events", 1L);
  }

  private Map<String, Object> ticketRow(String reference) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT t.status, t.threat, v.name, (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = t.id)"
                      + " FROM ticket t JOIN victim v ON v.ticket_id = t.id WHERE t.reference = ?")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              rows.next();
              return Map.of(
                  "status",
                  rows.getString(1),
                  "threat",
                  rows.getString(2),
                  "victim_name",
                  rows.getString(3),
                  "events",
                  rows.getLong(4));
            }
          }
        });
  }

  @Test
  void unknownFieldIsMalformed() {
    Http.Answer answer = post(ReportJson.company().set("victim.color", "blue").body());
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.errorFields()).contains("victim.color");
  }

  @Test
  void replayWithSameKeyGivesSameTicket() {
    String key = UUID.randomUUID().toString();
    Object body = ReportJson.company().body();
    Http.Answer first =
        http().send(HttpRequest.POST("/api/v1/reports", body).header("Idempotency-Key", key));
    Http.Answer second =
        http().send(HttpRequest.POST("/api/v1/reports", body).header("Idempotency-Key", key));
    assertThat(second.json().get("reference")).isEqualTo(first.json().get("reference"));
    assertThat(second.json().get("followUpToken")).isEqualTo(first.json().get("followUpToken"));
  }
}
