package fr.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.testing.TicketCalls;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 16, findings 5 and 6, replayed: staff bodies were bound leniently ({@code
 * "yes"} lifted a legal hold and disabled an account, {@code 5} became the text {@code "5"}), and a
 * NUL byte reached PostgreSQL (500, SQLSTATE 22021). Each now answers a problem document naming the
 * field and changes nothing. The same rules for every operation are in {@link
 * AuthorizationMatrixIT}.
 */
@MicronautTest(transactional = false)
class StrictInputIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;
  @Inject Database database;

  Http http;
  String coordinator;
  String admin;

  @BeforeEach
  void staff() {
    http = new Http(client, json);
    if (coordinator == null) {
      coordinator = Staff.token(users, client, "COORDINATOR");
      admin = Staff.token(users, client, "ADMIN");
    }
  }

  Map<String, Object> receipt() {
    Http.Answer answer =
        http.send(TicketCalls.postJson("/api/v1/reports", ReportJson.company().body()));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json();
  }

  Http.Answer raw(String method, String path, String body, String token) {
    MutableHttpRequest<?> request =
        HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(method), path)
            .body(body)
            .contentType(MediaType.APPLICATION_JSON_TYPE);
    if (token != null) {
      request.bearerAuth(token);
    }
    return http.send(request);
  }

  void refused(Http.Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.errorFields()).contains(field);
  }

  @Test
  void aStringDoesNotLiftALegalHold() {
    String reference = (String) receipt().get("reference");
    String path = "/api/v1/tickets/" + reference + "/legal-hold";
    assertThat(
            raw("PUT", path, "{\"legalHold\":true,\"reason\":\"Enquête\"}", coordinator).status())
        .isEqualTo(200);

    refused(raw("PUT", path, "{\"legalHold\":\"yes\"}", coordinator), 400, "legalHold");
    refused(raw("PUT", path, "{\"legalHold\":0}", coordinator), 400, "legalHold");
    refused(
        raw("PUT", path, "{\"legalHold\":false,\"legalHold\":true,\"reason\":\"x\"}", coordinator),
        400,
        "legalHold");

    Http.Answer view = http.send(HttpRequest.GET(path).bearerAuth(coordinator));
    assertThat(view.json()).containsEntry("legalHold", true);
  }

  @Test
  void aStringDoesNotDisableAnAccount() {
    StaffUser user =
        users.create(
            new UserService.NewUser(
                "strict-" + System.nanoTime() % 100_000, Staff.PASSWORD, List.of("ANALYST"), null));
    String path = "/api/v1/users/" + user.id();
    refused(raw("PUT", path, "{\"enabled\":\"yes\"}", admin), 400, "enabled");
    refused(raw("PUT", path, "{\"enabled\":\"false\"}", admin), 400, "enabled");
    refused(raw("PUT", path, "{\"roles\":\"ANALYST\"}", admin), 400, "roles");
    refused(raw("PUT", path, "{\"providerId\":\"1\"}", admin), 400, "providerId");
    Http.Answer read = http.send(HttpRequest.GET(path).bearerAuth(admin));
    assertThat(read.json()).containsEntry("enabled", true);
  }

  @Test
  void aNumberIsNotAVictimsMessage() {
    Map<String, Object> receipt = receipt();
    String path = "/api/v1/reports/" + receipt.get("reference") + "/messages";
    MutableHttpRequest<?> request =
        HttpRequest.POST(path, "{\"text\":5}")
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .header("X-Follow-Up-Token", (String) receipt.get("followUpToken"));
    refused(http.send(request), 400, "text");
    assertThat(messages((String) receipt.get("reference"))).isZero();
  }

  @Test
  void aDuplicateKeyIsRefusedEvenByTheIntake() throws java.io.IOException {
    String body =
        new String(
                json.writeValueAsBytes(ReportJson.company().body()),
                java.nio.charset.StandardCharsets.UTF_8)
            .replaceFirst("\\{", "{\"consent\":false,");
    refused(raw("POST", "/api/v1/reports", body, null), 400, "consent");
  }

  @Test
  void aNulByteIsAProblemDocumentNamingTheFieldNeverA500() {
    String reference = (String) receipt().get("reference");
    refused(
        raw("POST", "/login", "{\"username\":\"ad\\u0000min\",\"password\":\"x\"}", null),
        422,
        "username");
    MutableHttpRequest<?> form =
        HttpRequest.POST("/login", "username=ad%00min&password=x")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    refused(http.send(form), 422, "username");
    refused(
        raw(
            "POST",
            "/api/v1/tickets/" + reference + "/assign",
            "{\"assignee\":\"a\\u0000b\"}",
            coordinator),
        422,
        "assignee");
    refused(
        raw(
            "POST",
            "/api/v1/tickets/" + reference + "/merge",
            "{\"into\":\"BZH-2026-\\u0000\"}",
            coordinator),
        422,
        "into");
    refused(
        http.send(HttpRequest.GET("/api/v1/tickets?q=a%00b").bearerAuth(coordinator)), 422, "q");
  }

  @Test
  void textDirectionOverridesAreRefusedInNamesAndDescriptions() {
    for (String invisible : List.of("\u202E", "\u2066", "\u200F", "\uFEFF")) {
      Http.Answer report =
          http.send(
              TicketCalls.postJson(
                  "/api/v1/reports",
                  ReportJson.company()
                      .set("victim.name", "Mairie de " + invisible + "repmiuQ")
                      .body()));
      refused(report, 422, "victim.name");
      Http.Answer described =
          http.send(
              TicketCalls.postJson(
                  "/api/v1/reports",
                  ReportJson.company()
                      .set("incident.description", "Rançon " + invisible + "fdp.exe")
                      .body()));
      refused(described, 422, "incident.description");
      Http.Answer provider =
          http.send(
              TicketCalls.postJson(
                      "/api/v1/providers",
                      fr.vigie.testing.Providers.provider()
                          .name("Cyber" + invisible + " Armor")
                          .request())
                  .bearerAuth(coordinator));
      refused(provider, 422, "name");
    }
  }

  /**
   * Issue 16, finding 7, when the URL is saved: a coordinator could point a webhook at the desk's
   * own machine or network, in any spelling, or put credentials in it. Each is refused naming
   * {@code webhookUrl}, and no provider is stored.
   */
  @Test
  void aWebhookCannotPointInsideOrCarryCredentials() {
    for (String url :
        List.of(
            "http://127.0.0.1:8080/hook",
            "http://0x7f000001/hook",
            "http://[::1]/hook",
            "http://0.0.0.0/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://192.168.0.10/hook",
            "http://localhost/hook",
            "https://user:pw@hooks.example/hook")) {
      Http.Answer answer =
          http.send(
              TicketCalls.postJson(
                      "/api/v1/providers",
                      fr.vigie.testing.Providers.provider()
                          .name("Crochet " + url.length())
                          .webhook(url, "s".repeat(32))
                          .request())
                  .bearerAuth(coordinator));
      refused(answer, 422, "webhookUrl");
    }
    long stored =
        database.read(
            c -> {
              try (var rows =
                  c.createStatement()
                      .executeQuery("SELECT count(*) FROM provider WHERE name LIKE 'Crochet %'")) {
                rows.next();
                return rows.getLong(1);
              }
            });
    assertThat(stored).isZero();
  }

  long messages(String reference) {
    return database.read(
        c -> {
          try (var statement =
              c.prepareStatement(
                  "SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
                      + " WHERE t.reference = ? AND e.type = 'MESSAGE_FROM_VICTIM'")) {
            statement.setString(1, reference);
            try (var rows = statement.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }
}
