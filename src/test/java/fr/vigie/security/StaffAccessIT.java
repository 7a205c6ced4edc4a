package fr.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.testing.Http;
import fr.vigie.testing.Providers;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Login, tokens and who may call the staff endpoints. */
@MicronautTest(transactional = false)
class StaffAccessIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;
  @Inject fr.vigie.routing.ProviderDirectory directory;

  Http http() {
    return new Http(client, json);
  }

  Http.Answer as(String token, MutableHttpRequest<?> request) {
    return http().send(token == null ? request : request.bearerAuth(token));
  }

  @Test
  void withoutATokenTheQueueIsUnauthorised() {
    Http.Answer answer = as(null, HttpRequest.GET("/api/v1/tickets"));
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  @Test
  void aForgedTokenIsUnauthorised() {
    String forged =
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbIkFETUlOIl19."
            + "c2lnbmF0dXJlLXRoYXQtZG9lcy1ub3QtbWF0Y2g";
    assertThat(as(forged, HttpRequest.GET("/api/v1/tickets")).status()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"OFFICIAL", "PROVIDER"})
  void officialsAndProvidersNeverSeeTickets(String role) {
    String token =
        "PROVIDER".equals(role)
            ? Staff.provider(users, client, Providers.provider().create(directory).id())
            : Staff.token(users, client, role);
    Http.Answer list = as(token, HttpRequest.GET("/api/v1/tickets"));
    Http.Answer one = as(token, HttpRequest.GET("/api/v1/tickets/BZH-2026-000001"));
    assertThat(list.status()).isEqualTo(403);
    assertThat(list.contentType()).startsWith("application/problem+json");
    assertThat(one.status()).isEqualTo(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ANALYST", "COORDINATOR", "ADMIN"})
  @SuppressWarnings("unchecked")
  void deskRolesReadTheQueueNewestFirstAndATicket(String role) {
    String reference =
        (String)
            http()
                .send(HttpRequest.POST("/api/v1/reports", ReportJson.company().body()))
                .json()
                .get("reference");
    String token = Staff.token(users, client, role);

    Http.Answer list = as(token, HttpRequest.GET("/api/v1/tickets?size=5&sort=created"));
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json()).containsEntry("page", 0).containsEntry("size", 5);
    List<Map<String, Object>> items = (List<Map<String, Object>>) list.json().get("items");
    assertThat(items.get(0))
        .containsEntry("reference", reference)
        .containsEntry("victimName", "Boulangerie Le Goff");
    assertThat(((Number) list.json().get("total")).longValue()).isPositive();

    Http.Answer one = as(token, HttpRequest.GET("/api/v1/tickets/" + reference));
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json()).containsEntry("reference", reference).containsEntry("version", 0);
    assertThat((Map<String, Object>) one.json().get("contact"))
        .containsEntry("email", "anne@example.fr");
  }

  @ParameterizedTest
  @ValueSource(strings = {"?size=0", "?size=201", "?page=-1", "?size=abc", "?page=1e9"})
  void pagingIsBounded(String query) {
    String token = Staff.token(users, client, "ANALYST");
    Http.Answer answer = as(token, HttpRequest.GET("/api/v1/tickets" + query));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.errorFields()).hasSize(1);
  }

  @Test
  void anUnknownTicketIsNotFound() {
    String token = Staff.token(users, client, "ANALYST");
    assertThat(as(token, HttpRequest.GET("/api/v1/tickets/BZH-1999-000001")).status())
        .isEqualTo(404);
  }

  @Test
  void aWrongPasswordIsUnauthorisedAsProblemJson() {
    Http.Answer answer =
        http()
            .send(
                HttpRequest.POST(
                    "/login", Map.of("username", "admin", "password", "not-the-password")));
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAdminCreatesAndListsUsers() {
    String admin = Staff.token(users, client, "ADMIN");
    String name = "analyste-" + UUID.randomUUID().toString().substring(0, 8);

    Http.Answer created =
        as(
            admin,
            HttpRequest.POST(
                "/api/v1/users",
                Map.of("username", name, "password", Staff.PASSWORD, "roles", List.of("ANALYST"))));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json()).containsEntry("username", name).doesNotContainKey("password");
    assertThat(created.body()).doesNotContain(Staff.PASSWORD).doesNotContain("$2");
    assertThat(Staff.login(client, name, Staff.PASSWORD)).isNotBlank();

    Http.Answer list = as(admin, HttpRequest.GET("/api/v1/users?size=200"));
    assertThat(list.status()).isEqualTo(200);
    assertThat((List<Map<String, Object>>) list.json().get("items"))
        .anyMatch(u -> name.equals(u.get("username")));
  }

  @Test
  void aTakenUsernameIsAConflict() {
    String admin = Staff.token(users, client, "ADMIN");
    String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body =
        Map.of("username", name, "password", Staff.PASSWORD, "roles", List.of("ANALYST"));
    assertThat(as(admin, HttpRequest.POST("/api/v1/users", body)).status()).isEqualTo(201);
    Http.Answer again = as(admin, HttpRequest.POST("/api/v1/users", body));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorFields()).containsExactly("username");
  }

  @Test
  void weakOrInconsistentUsersAreRefusedFieldByField() {
    String admin = Staff.token(users, client, "ADMIN");
    Http.Answer answer =
        as(
            admin,
            HttpRequest.POST(
                "/api/v1/users",
                Map.of(
                    "username", "Robert'); DROP TABLE app_user;--",
                    "password", "short",
                    "roles", List.of("PROVIDER", "SUPERUSER"))));
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorFields())
        .containsExactlyInAnyOrder("username", "password", "roles[1]", "providerId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ANALYST", "OFFICIAL"})
  void onlyAdminsManageUsers(String role) {
    String token = Staff.token(users, client, role);
    assertThat(as(token, HttpRequest.GET("/api/v1/users")).status()).isEqualTo(403);
  }

  @Test
  void healthAndMetricsAnswer() {
    Http.Answer health = http().send(HttpRequest.GET("/health"));
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json()).containsEntry("status", "UP");
    Http.Answer metrics = as(Staff.token(users, client, "ADMIN"), HttpRequest.GET("/metrics"));
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
  }

  /**
   * Issue 16, finding 8, replayed: {@code /metrics} showed anyone live intake and NIS2 clock
   * counts. Now only an administrator or the scrape credential reads it, and that credential opens
   * nothing else.
   */
  @Test
  void metricsAreForAdministratorsAndTheScrapeCredentialOnly() {
    Http.Answer anonymous = http().send(HttpRequest.GET("/metrics"));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("vigie_");
    for (String role : List.of("ANALYST", "COORDINATOR", "OFFICIAL")) {
      assertThat(as(Staff.token(users, client, role), HttpRequest.GET("/metrics")).status())
          .as(role)
          .isEqualTo(403);
    }
    String scrape = "test-only-scrape-credential-0123456789abcdef";
    Http.Answer scraped = as(scrape, HttpRequest.GET("/metrics"));
    assertThat(scraped.status()).isEqualTo(200);
    assertThat(scraped.body()).contains("jvm_memory_used_bytes");
    assertThat(as(scrape + "x", HttpRequest.GET("/metrics")).status()).isEqualTo(401);
    assertThat(as(scrape, HttpRequest.GET("/api/v1/tickets")).status())
        .as("the scrape credential opens nothing else")
        .isEqualTo(401);
    assertThat(as(scrape, HttpRequest.GET("/api/v1/audit")).status()).isEqualTo(401);
  }

  @Test
  void anUnknownPathIsAProblem() {
    Http.Answer answer = http().send(HttpRequest.GET("/api/v1/nothing-here"));
    assertThat(answer.status()).isIn(401, 404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }
}
