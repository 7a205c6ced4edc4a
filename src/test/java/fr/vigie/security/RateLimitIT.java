package fr.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.TicketCalls;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Rate limits on the public endpoints, tightened for the test, with a clock it moves instead of
 * waiting; the security headers and CORS of every answer.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "RateLimitIT")
@Property(name = "vigie.rate-limit.enabled", value = "true")
@Property(name = "vigie.rate-limit.reports.capacity", value = "3")
@Property(name = "vigie.rate-limit.reports.period", value = "1h")
@Property(name = "vigie.rate-limit.login.capacity", value = "2")
@Property(name = "vigie.rate-limit.geo.capacity", value = "5")
@Property(name = "vigie.rate-limit.geo.period", value = "5s")
@Property(name = "vigie.rate-limit.follow-up.capacity", value = "3")
@Property(name = "vigie.rate-limit.diagnosis.capacity", value = "3")
@Property(name = "vigie.rate-limit.questionnaire.capacity", value = "3")
@Property(name = "vigie.rate-limit.public-stats.capacity", value = "3")
@Property(name = "vigie.rate-limit.stats.capacity", value = "3")
@Property(name = "vigie.cors.allowed-origins", value = "https://cyber.bretagne.example")
class RateLimitIT {

  static final AtomicReference<Instant> NOW =
      new AtomicReference<>(Instant.parse("2026-11-20T10:00:00Z"));

  @Factory
  @Requires(property = "spec.name", value = "RateLimitIT")
  static class MovableClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return NOW.get();
        }
      };
    }
  }

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject Database database;

  /** Every test starts with full buckets: a day later, every group has refilled. */
  @org.junit.jupiter.api.BeforeEach
  void refill() {
    NOW.set(NOW.get().plus(Duration.ofDays(1)));
  }

  Http.Answer send(MutableHttpRequest<?> request) {
    return new Http(client, json).send(request);
  }

  long reports() {
    return database.read(
        c -> {
          try (var rows = c.createStatement().executeQuery("SELECT count(*) FROM report")) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  Http.Answer report(String forwardedFor) {
    MutableHttpRequest<?> request =
        TicketCalls.postJson(
            "/api/v1/reports",
            ReportJson.phishing(NOW.get())
                .set("incident.discoveredAt", "2026-11-20T09:00:00+01:00")
                .body());
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    return send(request);
  }

  /**
   * The public pages count with the API calls they stand for (README, "Public pages"): the form's «
   * Envoyer » with the reports, its steps with the diagnosis, the follow-up page with the
   * follow-up; past the limit each answers 429 with Retry-After, and stores nothing.
   */
  @Test
  void thePublicPagesCountWithTheCallsTheyStandFor() {
    Map<String, java.util.function.Supplier<MutableHttpRequest<?>>> pages =
        Map.of(
            "/signaler/envoyer", () -> formPost("/signaler/envoyer"),
            "/signaler", () -> formPost("/signaler"),
            "/suivi", () -> HttpRequest.GET("/suivi"));
    long before = reports();
    pages.forEach(
        (path, request) -> {
          for (int i = 0; i < 3; i++) {
            assertThat(send(request.get()).status()).as(path + " within its limit").isLessThan(429);
          }
          Http.Answer refused = send(request.get());
          assertThat(refused.status()).as(path + " past its limit").isEqualTo(429);
          assertThat(refused.header("Retry-After")).as(path).isPresent();
        });
    assertThat(reports()).as("no page request stored a report").isEqualTo(before);
  }

  private static MutableHttpRequest<?> formPost(String path) {
    return HttpRequest.POST(path, "etat=&etape=who")
        .contentType(io.micronaut.http.MediaType.APPLICATION_FORM_URLENCODED_TYPE);
  }

  @Test
  void reportsBeyondTheLimitAre429WithRetryAfterAndStoreNothing() {
    for (int i = 0; i < 3; i++) {
      assertThat(report(null).status()).isEqualTo(201);
    }
    long before = reports();
    Http.Answer refused = report(null);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json()).containsEntry("status", 429);
    // 3 per hour: one more every 20 minutes.
    assertThat(refused.header("Retry-After")).contains("1200");
    assertThat(reports()).isEqualTo(before);

    assertThat(report("198.51.100.77").status())
        .as("X-Forwarded-For from a client that is not a trusted proxy is ignored")
        .isEqualTo(429);

    for (String variant :
        List.of(
            "//api/v1/reports",
            "/api/v1//reports",
            "/api/v1/reports/",
            "/api/v1/reports?utm=1",
            "/api/v1/%72eports",
            "/api/v1/./reports",
            "/API/v1/reports")) {
      Http.Answer answer =
          send(
              TicketCalls.postJson(
                  variant,
                  ReportJson.phishing(NOW.get())
                      .set("incident.discoveredAt", "2026-11-20T09:00:00+01:00")
                      .body()));
      assertThat(answer.status()).as("the limit holds for %s", variant).isNotEqualTo(201);
    }
    assertThat(reports()).isEqualTo(before);

    NOW.set(NOW.get().plus(Duration.ofMinutes(20)));
    assertThat(report(null).status()).isEqualTo(201);
    assertThat(report(null).status()).isEqualTo(429);
  }

  @Test
  void otherGroupsCountApartAndRefillOverTheirPeriod() {
    for (int i = 0; i < 5; i++) {
      assertThat(send(HttpRequest.GET("/api/v1/geo/communes?q=brest")).status()).isEqualTo(200);
    }
    Http.Answer refused = send(HttpRequest.GET("/api/v1/geo/communes?q=brest"));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).contains("1");
    assertThat(send(HttpRequest.GET("/api/v1/intake/questionnaire")).status()).isEqualTo(200);
    NOW.set(NOW.get().plus(Duration.ofSeconds(5)));
    assertThat(send(HttpRequest.GET("/api/v1/geo/communes?q=brest")).status()).isEqualTo(200);
  }

  /**
   * The officials' statistics (API, dashboard, yearly report) share one budget per address: a
   * differencing attack needs many questions; the count comes before any credential is looked at.
   */
  @Test
  void theOfficialsStatisticsShareOneLimit() {
    List<Integer> statuses = new ArrayList<>();
    for (String path :
        List.of(
            "/api/v1/stats/cube?by=departement",
            "/tableau-de-bord",
            "/api/v1/stats/summary",
            "/tableau-de-bord/rapport/2025.pdf",
            "/api/v1/stats/campaigns")) {
      statuses.add(send(HttpRequest.GET(path)).status());
    }
    assertThat(statuses.subList(0, 3)).doesNotContain(429);
    assertThat(statuses.subList(3, 5)).containsOnly(429);
    NOW.set(NOW.get().plus(Duration.ofMinutes(1)));
    assertThat(send(HttpRequest.GET("/api/v1/stats/summary")).status()).isNotEqualTo(429);
  }

  @Test
  void loginGuessesAreLimitedBeforeAnyPasswordIsChecked() {
    Map<String, String> guess = Map.of("username", "admin", "password", "guess-guess-guess");
    List<Integer> statuses =
        java.util.stream.IntStream.range(0, 4)
            .mapToObj(i -> send(HttpRequest.POST("/login", guess)).status())
            .toList();
    assertThat(statuses).containsExactly(401, 401, 429, 429);
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    for (MutableHttpRequest<?> request :
        List.of(
            HttpRequest.GET("/api/v1/intake/questionnaire"),
            HttpRequest.GET("/api/v1/tickets"),
            HttpRequest.GET("/api/v1/nothing-here"),
            HttpRequest.GET("/health"))) {
      Http.Answer answer = send(request);
      assertThat(answer.header("X-Content-Type-Options")).as(request.getPath()).contains("nosniff");
      assertThat(answer.header("X-Frame-Options")).contains("DENY");
      assertThat(answer.header("Content-Security-Policy"))
          .contains("default-src 'none'; frame-ancestors 'none'");
      assertThat(answer.header("Referrer-Policy")).contains("no-referrer");
      assertThat(answer.header("Strict-Transport-Security")).isPresent();
    }
    assertThat(send(HttpRequest.GET("/health")).header("Cache-Control")).contains("no-store");
    assertThat(send(HttpRequest.GET("/api/v1/intake/questionnaire")).header("Cache-Control"))
        .as("the questionnaire chose its caching")
        .contains("public, max-age=300");
  }

  @Test
  void onlyTheConfiguredOriginGetsCors() {
    Http.Answer allowed =
        send(
            HttpRequest.GET("/api/v1/intake/questionnaire")
                .header("Origin", "https://cyber.bretagne.example"));
    assertThat(allowed.header("Access-Control-Allow-Origin"))
        .contains("https://cyber.bretagne.example");
    Http.Answer other =
        send(
            HttpRequest.GET("/api/v1/intake/questionnaire")
                .header("Origin", "https://evil.example"));
    assertThat(other.header("Access-Control-Allow-Origin")).isEmpty();

    Http.Answer preflight =
        send(
            HttpRequest.create(HttpMethod.OPTIONS, "/api/v1/reports")
                .header("Origin", "https://cyber.bretagne.example")
                .header("Access-Control-Request-Method", "POST"));
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Headers").orElseThrow())
        .contains("Idempotency-Key");
    Http.Answer refused =
        send(
            HttpRequest.create(HttpMethod.OPTIONS, "/api/v1/reports")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.header("Access-Control-Allow-Origin")).isEmpty();
  }

  /**
   * Issue 16, finding 1, replayed: after {@code GET} answered 429, {@code HEAD} went through (the
   * framework runs the {@code GET} handler for it) and each one with a valid token wrote a {@code
   * FOLLOW_UP_VIEWED} entry. Now {@code HEAD} counts against the same limit, and a {@code HEAD}
   * that goes through is not audited as a read: it returned nothing.
   */
  @Test
  void headCountsAgainstTheFollowUpLimitAndIsNotAuditedAsARead() {
    Http.Answer receipt = report(null);
    assertThat(receipt.status()).isEqualTo(201);
    String reference = (String) receipt.json().get("reference");
    String token = (String) receipt.json().get("followUpToken");
    java.util.function.Supplier<MutableHttpRequest<?>> get =
        () -> HttpRequest.GET("/api/v1/reports/" + reference).header("X-Follow-Up-Token", token);
    java.util.function.Supplier<MutableHttpRequest<?>> head =
        () -> HttpRequest.HEAD("/api/v1/reports/" + reference).header("X-Follow-Up-Token", token);

    assertThat(send(head.get()).status())
        .as("a HEAD goes through while there is room")
        .isEqualTo(200);
    assertThat(send(get.get()).status()).isEqualTo(200);
    assertThat(followUpViews(reference)).as("the GET is audited, the HEAD is not").isEqualTo(1);

    assertThat(send(get.get()).status()).isEqualTo(200);
    assertThat(send(get.get()).status()).isEqualTo(429);
    for (int i = 0; i < 100; i++) {
      assertThat(send(head.get()).status()).as("HEAD %d after the GET limit", i).isEqualTo(429);
    }
    assertThat(followUpViews(reference)).isEqualTo(2);
  }

  long followUpViews(String reference) {
    return database.read(
        c -> {
          try (var statement =
              c.prepareStatement(
                  "SELECT count(*) FROM audit_event WHERE action = 'FOLLOW_UP_VIEWED'"
                      + " AND target = ?")) {
            statement.setString(1, "ticket:" + reference);
            try (var rows = statement.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  static final List<HttpMethod> EVERY_METHOD =
      List.of(
          HttpMethod.GET,
          HttpMethod.HEAD,
          HttpMethod.POST,
          HttpMethod.PUT,
          HttpMethod.PATCH,
          HttpMethod.DELETE,
          HttpMethod.TRACE);

  /**
   * Every method on every route of the contract: where the declared operation is rate limited,
   * every other method on the same path is limited too (its group's allowance spent by the declared
   * method, it answers 429, never reaching a handler). A public operation added tomorrow whose
   * other methods escape the limit fails here.
   */
  @Test
  void everyMethodOnALimitedRouteCountsAgainstItsLimit() {
    List<String> escaped = new ArrayList<>();
    int limitedPaths = 0;
    for (var path :
        fr.vigie.testing.ContractClient.CONTRACT.document().path("paths").properties()) {
      String target =
          path.getKey()
              .replace("{reference}", "BZH-2026-000001")
              .replace("{year}", "2025")
              .replace("{id}", "1")
              .replace("{code}", "GDPR_CNIL_72H")
              .replace("{probe}", "liveness");
      for (var declared : path.getValue().properties()) {
        HttpMethod method = HttpMethod.parse(declared.getKey().toUpperCase());
        if (!EVERY_METHOD.contains(method)) {
          continue;
        }
        NOW.set(NOW.get().plus(Duration.ofDays(1)));
        if (!exhausted(method, target)) {
          continue; // not a limited operation
        }
        limitedPaths++;
        for (HttpMethod other : EVERY_METHOD) {
          int status = send(probe(other, target)).status();
          if (status != 429) {
            escaped.add(other + " " + target + " → " + status);
          }
        }
      }
    }
    assertThat(limitedPaths).as("the public operations are found").isGreaterThanOrEqualTo(9);
    assertThat(escaped).isEmpty();
  }

  /** Sends the method until it answers 429 (true) or clearly is not limited (false). */
  boolean exhausted(HttpMethod method, String target) {
    for (int i = 0; i < 8; i++) {
      if (send(probe(method, target)).status() == 429) {
        return true;
      }
    }
    return false;
  }

  static MutableHttpRequest<?> probe(HttpMethod method, String target) {
    MutableHttpRequest<?> request = HttpRequest.create(method, target);
    if (method.permitsRequestBody() && method != HttpMethod.TRACE) {
      request.body("{}").contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE);
    }
    return request;
  }
}
