package fr.vigie.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.security.UserService;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notes, calls, assignment, the timeline and the message exchange with the victim. */
@MicronautTest(transactional = false)
class ActivityIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;

  static String analyst;
  static String analystName;
  String reference;
  String victimToken;

  @BeforeEach
  void ticket() {
    if (analyst == null) {
      analystName = "analyste-" + UUID.randomUUID().toString().substring(0, 8);
      users.create(new UserService.NewUser(analystName, Staff.PASSWORD, List.of("ANALYST"), null));
      analyst = Staff.login(client, analystName, Staff.PASSWORD);
    }
    Http.Answer a = http().send(HttpRequest.POST("/api/v1/reports", ReportJson.mairie().body()));
    reference = (String) a.json().get("reference");
    victimToken = (String) a.json().get("followUpToken");
  }

  Http http() {
    return new Http(client, json);
  }

  Http.Answer staff(MutableHttpRequest<?> request) {
    return http().send(request.bearerAuth(analyst));
  }

  Http.Answer post(String path, Object body) {
    return staff(HttpRequest.POST("/api/v1/tickets/" + reference + path, body));
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> timeline() {
    return (List<Map<String, Object>>)
        staff(HttpRequest.GET("/api/v1/tickets/" + reference + "/timeline")).json().get("items");
  }

  @Test
  @SuppressWarnings("unchecked")
  void notesCallsAndAssignmentLandOnTheTimelineInOrder() {
    assertThat(
            post("/notes", Map.of("text", "Sauvegardes du 18/11 intactes", "tlp", "RED")).status())
        .isEqualTo(201);
    Http.Answer call =
        post(
            "/calls",
            Map.of(
                "at",
                // A call a minute ago by the system clock, the one Vigie runs on here.
                ReportJson.paris(Instant.now().minus(1, ChronoUnit.MINUTES)),
                "summary",
                "Rappel de la secrétaire de mairie : postes isolés"));
    assertThat(call.status()).isEqualTo(201);
    assertThat(call.json()).containsEntry("type", "CALL").containsEntry("actor", analystName);
    Http.Answer assigned = post("/assign", Map.of("assignee", analystName));
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    assertThat(assigned.json()).containsEntry("assignee", analystName).containsEntry("version", 1);

    List<Map<String, Object>> events = timeline();
    assertThat(events)
        .extracting(e -> e.get("type"))
        .containsExactly("REPORT_RECEIVED", "NOTE", "CALL", "ASSIGNED");
    assertThat((Map<String, Object>) events.get(1).get("details"))
        .containsEntry("text", "Sauvegardes du 18/11 intactes")
        .containsEntry("tlp", "RED");
  }

  @Test
  void assignmentRefusesUnknownPeopleAndStaleVersions() {
    Http.Answer unknown = post("/assign", Map.of("assignee", "personne"));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.errorFields()).containsExactly("assignee");
    assertThat(post("/assign", Map.of("assignee", analystName)).status()).isEqualTo(200);
    Http.Answer stale =
        staff(
            HttpRequest.POST("/api/v1/tickets/" + reference + "/assign", new HashMap<>(Map.of()))
                .header("If-Match", "\"v0\""));
    assertThat(stale.status()).isEqualTo(412);
  }

  @Test
  void hostileTextsAreRefusedByName() {
    assertThat(post("/notes", Map.of("text", "")).errorFields()).containsExactly("text");
    assertThat(post("/notes", Map.of("text", "x".repeat(10_001))).errorFields())
        .containsExactly("text");
    assertThat(post("/notes", Map.of("text", "a\u0000b")).errorFields()).containsExactly("text");
    assertThat(post("/notes", Map.of("text", "ok", "tlp", "PURPLE")).errorFields())
        .containsExactly("tlp");
    assertThat(post("/notes", Map.of("text", "ok", "tpl", "RED")).status())
        .as("a misspelt field is refused, not silently dropped")
        .isEqualTo(400);
    assertThat(
            post("/calls", Map.of("at", "2099-01-01T00:00:00Z", "summary", "futur")).errorFields())
        .containsExactly("at");
    assertThat(post("/calls", Map.of("at", "hier", "summary", "x")).status()).isEqualTo(400);
    Http.Answer injected = post("/notes", Map.of("text", "'); DELETE FROM ticket_event; --"));
    assertThat(injected.status()).isEqualTo(201);
    assertThat(timeline()).hasSize(2);
  }

  @Test
  void unknownTicketsAreNotFound() {
    reference = "BZH-1999-000009";
    assertThat(post("/notes", Map.of("text", "x")).status()).isEqualTo(404);
    assertThat(staff(HttpRequest.GET("/api/v1/tickets/" + reference + "/timeline")).status())
        .isEqualTo(404);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theVictimAndTheCsirtExchangeMessagesAndNotesStayInternal() {
    Http.Answer fromVictim =
        http()
            .send(
                HttpRequest.POST(
                        "/api/v1/reports/" + reference + "/messages",
                        Map.of("text", "Les écoles sont aussi touchées."))
                    .header("X-Follow-Up-Token", victimToken));
    assertThat(fromVictim.status()).isEqualTo(201);
    post("/notes", Map.of("text", "Note interne : ne pas divulguer"));
    post("/messages", Map.of("text", "Merci, un analyste vous rappelle dans l'heure."));

    Http.Answer view =
        http()
            .send(
                HttpRequest.GET("/api/v1/reports/" + reference)
                    .header("X-Follow-Up-Token", victimToken));
    List<Map<String, Object>> messages = (List<Map<String, Object>>) view.json().get("messages");
    assertThat(messages).extracting(m -> m.get("from")).containsExactly("VICTIM", "CSIRT");
    assertThat(messages)
        .extracting(m -> m.get("text"))
        .containsExactly(
            "Les écoles sont aussi touchées.", "Merci, un analyste vous rappelle dans l'heure.");
    assertThat(view.body()).doesNotContain("Note interne");
    assertThat((List<Object>) view.json().get("orientations")).isNotEmpty();
    assertThat(timeline())
        .extracting(e -> e.get("type"))
        .contains("MESSAGE_FROM_VICTIM", "MESSAGE_TO_VICTIM");

    Http.Answer wrongToken =
        http()
            .send(
                HttpRequest.POST("/api/v1/reports/" + reference + "/messages", Map.of("text", "x"))
                    .header("X-Follow-Up-Token", "nope"));
    assertThat(wrongToken.status()).isEqualTo(404);
  }

  @Test
  void officialsCannotWriteOnTickets() {
    String official = Staff.token(users, client, "OFFICIAL");
    assertThat(
            http()
                .send(
                    HttpRequest.POST("/api/v1/tickets/" + reference + "/notes", Map.of("text", "x"))
                        .bearerAuth(official))
                .status())
        .isEqualTo(403);
  }
}
