package fr.vigie.triage;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.security.UserService;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A signalement found to be an incident is triaged again and the promotion recorded. */
@MicronautTest(transactional = false)
class PromotionIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;

  @Test
  @SuppressWarnings("unchecked")
  void aPromotedPhishingGetsThePoliceOrientationAndTheComplaintClock() {
    Http http = new Http(client, json);
    Http.Answer report =
        http.send(
            HttpRequest.POST(
                "/api/v1/reports",
                ReportJson.company()
                    .set("incident.threat", "PHISHING")
                    .set("incident.fundsTransferred", null)
                    .body()));
    assertThat(report.json()).containsEntry("kind", "SIGNALEMENT");
    assertThat((List<Map<String, Object>>) report.json().get("deadlines")).isEmpty();
    String reference = (String) report.json().get("reference");
    String token = Staff.token(users, client, "ANALYST");

    Http.Answer noReason =
        http.send(
            HttpRequest.POST("/api/v1/tickets/" + reference + "/promote", Map.of())
                .bearerAuth(token));
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.errorFields()).containsExactly("reason");

    Http.Answer promoted =
        http.send(
            HttpRequest.POST(
                    "/api/v1/tickets/" + reference + "/promote",
                    Map.of("reason", "Identifiants saisis sur le faux site, messagerie compromise"))
                .bearerAuth(token));
    assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
    assertThat(promoted.json()).containsEntry("kind", "INCIDENT").containsEntry("version", 1);
    Map<String, Object> triage = (Map<String, Object>) promoted.json().get("triage");
    assertThat((List<Map<String, Object>>) triage.get("orientations"))
        .extracting(o -> o.get("code"))
        .contains("POLICE_GENDARMERIE");
    assertThat((List<Map<String, Object>>) triage.get("deadlines"))
        .extracting(d -> d.get("code"))
        .containsExactly("LOPMI_COMPLAINT_72H");
    assertThat((List<String>) triage.get("factors"))
        .contains("kind INCIDENT: decided by an analyst");

    List<Map<String, Object>> timeline =
        (List<Map<String, Object>>)
            http.send(
                    HttpRequest.GET("/api/v1/tickets/" + reference + "/timeline").bearerAuth(token))
                .json()
                .get("items");
    assertThat(timeline).extracting(e -> e.get("type")).contains("PROMOTED");

    Http.Answer again =
        http.send(
            HttpRequest.POST(
                    "/api/v1/tickets/" + reference + "/promote", Map.of("reason", "encore"))
                .bearerAuth(token));
    assertThat(again.status()).isEqualTo(409);

    String official = Staff.token(users, client, "OFFICIAL");
    assertThat(
            http.send(
                    HttpRequest.POST(
                            "/api/v1/tickets/" + reference + "/promote", Map.of("reason", "non"))
                        .bearerAuth(official))
                .status())
        .isEqualTo(403);
  }
}
