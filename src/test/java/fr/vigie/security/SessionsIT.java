package fr.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.testing.Http;
import fr.vigie.testing.Staff;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Staff sessions with a clock the test moves: tokens expire, refresh tokens rotate and a copied one
 * ends the session, logout and account changes revoke tokens at once, repeated failures lock an
 * account for a while, and administrators manage accounts under the password policy.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "SessionsIT")
@Property(name = "vigie.security.lockout.max-failures", value = "3")
@Property(name = "vigie.security.lockout.window", value = "10m")
@Property(name = "vigie.security.lockout.duration", value = "30m")
class SessionsIT {

  static final Instant START = Instant.parse("2026-11-18T09:00:00Z");
  static final AtomicReference<Instant> NOW = new AtomicReference<>(START);

  @Factory
  @Requires(property = "spec.name", value = "SessionsIT")
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
  @Inject UserService users;
  @Inject fr.vigie.db.Database database;

  @BeforeEach
  void resetClock() {
    NOW.set(START);
  }

  static void later(Duration duration) {
    NOW.set(NOW.get().plus(duration));
  }

  Http.Answer send(String token, MutableHttpRequest<?> request) {
    return new Http(client, json).send(token == null ? request : request.bearerAuth(token));
  }

  String newUser(String role) {
    String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(new UserService.NewUser(name, Staff.PASSWORD, List.of(role), null));
    return name;
  }

  Http.Answer login(String username, String password) {
    return send(
        null, HttpRequest.POST("/login", Map.of("username", username, "password", password)));
  }

  Http.Answer refresh(String refreshToken) {
    return send(
        null,
        HttpRequest.POST(
            "/oauth/access_token",
            Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)));
  }

  static String access(Http.Answer tokens) {
    return (String) tokens.json().get("access_token");
  }

  static String refreshOf(Http.Answer tokens) {
    return (String) tokens.json().get("refresh_token");
  }

  int queue(String token) {
    return send(token, HttpRequest.GET("/api/v1/tickets?size=1")).status();
  }

  @Test
  void anAccessTokenExpiresAfterItsLifetimeAndARefreshGivesANewOne() {
    Http.Answer tokens = login(newUser("ANALYST"), Staff.PASSWORD);
    assertThat(tokens.status()).isEqualTo(200);
    assertThat(tokens.json()).containsEntry("expires_in", 3600).containsKey("refresh_token");
    assertThat(queue(access(tokens))).isEqualTo(200);

    later(Duration.ofMinutes(59));
    assertThat(queue(access(tokens))).isEqualTo(200);
    later(Duration.ofMinutes(2));
    assertThat(queue(access(tokens))).as("expired").isEqualTo(401);

    Http.Answer renewed = refresh(refreshOf(tokens));
    assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
    assertThat(queue(access(renewed))).isEqualTo(200);
    assertThat(refreshOf(renewed)).isNotEqualTo(refreshOf(tokens));
  }

  @Test
  void aRefreshTokenIsUsedOnceAndItsReuseEndsTheSession() {
    Http.Answer tokens = login(newUser("ANALYST"), Staff.PASSWORD);
    Http.Answer renewed = refresh(refreshOf(tokens));
    assertThat(renewed.status()).isEqualTo(200);

    Http.Answer replay = refresh(refreshOf(tokens));
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.contentType()).startsWith("application/problem+json");
    assertThat(queue(access(renewed)))
        .as("a copied refresh token was replayed: the live session ends too")
        .isEqualTo(401);
    assertThat(refresh(refreshOf(renewed)).status()).isEqualTo(401);
  }

  @Test
  void aRefreshTokenExpires() {
    Http.Answer tokens = login(newUser("ANALYST"), Staff.PASSWORD);
    later(Duration.ofHours(12).plusSeconds(1));
    assertThat(refresh(refreshOf(tokens)).status()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"grant_type\":\"password\",\"refresh_token\":\"x\"}",
        "{\"grant_type\":\"refresh_token\"}",
        "{\"grant_type\":\"refresh_token\",\"refresh_token\":42}",
        "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"x\",\"scope\":\"admin\"}"
      })
  void aMalformedRefreshIsABadRequest(String body) {
    Http.Answer answer =
        send(
            null,
            HttpRequest.POST("/oauth/access_token", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    assertThat(answer.status()).as(body).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  @Test
  void anUnknownRefreshTokenIsUnauthorisedAndAFormBodyIsRead() {
    Http.Answer answer =
        send(
            null,
            HttpRequest.POST(
                    "/oauth/access_token",
                    "grant_type=refresh_token&refresh_token=" + "A".repeat(43))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  @Test
  void logoutEndsEverySessionAndANewLoginWorksAtOnce() {
    String name = newUser("ANALYST");
    Http.Answer laptop = login(name, Staff.PASSWORD);
    Http.Answer phone = login(name, Staff.PASSWORD);
    assertThat(send(access(laptop), HttpRequest.POST("/logout", "")).status()).isEqualTo(204);
    assertThat(queue(access(laptop))).isEqualTo(401);
    assertThat(queue(access(phone))).isEqualTo(401);
    assertThat(refresh(refreshOf(phone)).status()).isEqualTo(401);
    assertThat(queue(access(login(name, Staff.PASSWORD)))).isEqualTo(200);
    assertThat(send(null, HttpRequest.POST("/logout", "")).status()).isEqualTo(401);
  }

  @Test
  void repeatedFailuresLockTheAccountForAWhile() {
    String name = newUser("ANALYST");
    for (int i = 0; i < 3; i++) {
      Http.Answer wrong = login(name, "wrong-password-" + i);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.contentType()).startsWith("application/problem+json");
      later(Duration.ofMinutes(1));
    }
    Http.Answer locked = login(name, Staff.PASSWORD);
    assertThat(locked.status()).as("locked: even the right password is refused").isEqualTo(401);
    assertThat(locked.body()).isEqualTo(login("nobody-" + name, Staff.PASSWORD).body());

    // Locked at the third failure (two minutes in) for 30 minutes.
    later(Duration.ofMinutes(28));
    assertThat(login(name, Staff.PASSWORD).status()).isEqualTo(401);
    later(Duration.ofMinutes(1));
    assertThat(login(name, Staff.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void failuresFurtherApartThanTheWindowDoNotLock() {
    String name = newUser("ANALYST");
    for (int i = 0; i < 5; i++) {
      assertThat(login(name, "wrong-password").status()).isEqualTo(401);
      later(Duration.ofMinutes(6));
      if (i % 2 == 1) {
        later(Duration.ofMinutes(5));
      }
    }
    assertThat(login(name, Staff.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aSuccessfulLoginResetsTheCount() {
    String name = newUser("ANALYST");
    for (int round = 0; round < 3; round++) {
      assertThat(login(name, "wrong-password").status()).isEqualTo(401);
      assertThat(login(name, "wrong-password").status()).isEqualTo(401);
      assertThat(login(name, Staff.PASSWORD).status()).isEqualTo(200);
    }
  }

  // ---- Administration ---------------------------------------------------------------------

  Map<String, Object> account(String admin, String name) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items =
        (List<Map<String, Object>>)
            send(admin, HttpRequest.GET("/api/v1/users?size=200")).json().get("items");
    return items.stream().filter(u -> name.equals(u.get("username"))).findFirst().orElseThrow();
  }

  Http.Answer put(String admin, Object id, Map<String, Object> body) {
    return send(admin, HttpRequest.PUT("/api/v1/users/" + id, body));
  }

  static Map<String, Object> change(List<String> roles, boolean enabled) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("roles", roles);
    body.put("providerId", null);
    body.put("enabled", enabled);
    body.put("email", null);
    return body;
  }

  @Test
  void changingRolesOrDisablingEndsTheUsersSessions() {
    String admin = Staff.token(users, client, "ADMIN");
    String name = newUser("ANALYST");
    String token = access(login(name, Staff.PASSWORD));
    Object id = account(admin, name).get("id");

    Http.Answer promoted = put(admin, id, change(List.of("ANALYST", "COORDINATOR"), true));
    assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
    assertThat(promoted.json()).containsEntry("roles", List.of("ANALYST", "COORDINATOR"));
    assertThat(queue(token)).as("the token carried the old roles").isEqualTo(401);

    String again = access(login(name, Staff.PASSWORD));
    assertThat(queue(again)).isEqualTo(200);
    assertThat(put(admin, id, change(List.of("ANALYST"), false)).status()).isEqualTo(200);
    assertThat(queue(again)).isEqualTo(401);
    assertThat(login(name, Staff.PASSWORD).status()).isEqualTo(401);

    Http.Answer read = send(admin, HttpRequest.GET("/api/v1/users/" + id));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).containsEntry("enabled", false).containsEntry("username", name);
  }

  @Test
  void aPasswordResetLiftsALockoutAndTheEmailIsKept() {
    String admin = Staff.token(users, client, "ADMIN");
    String name = newUser("ANALYST");
    for (int i = 0; i < 3; i++) {
      login(name, "wrong-password");
    }
    Map<String, Object> locked = account(admin, name);
    assertThat(locked.get("lockedUntil")).isNotNull();

    Map<String, Object> body = change(List.of("ANALYST"), true);
    body.put("email", "gwenola@csirt.example");
    body.put("password", "une-phrase-de-passe-nouvelle");
    Http.Answer reset = put(admin, locked.get("id"), body);
    assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    assertThat(reset.json())
        .containsEntry("lockedUntil", null)
        .containsEntry("email", "gwenola@csirt.example");
    assertThat(login(name, "une-phrase-de-passe-nouvelle").status()).isEqualTo(200);
    assertThat(login(name, Staff.PASSWORD).status()).isEqualTo(401);
  }

  @Test
  void theLastAdministratorCannotBeRemoved() {
    String admin = Staff.token(users, client, "ADMIN");
    Object id = account(admin, admin(admin)).get("id");
    // The test database is shared: the other administrators are set aside for the test.
    List<Long> others =
        database.inTransaction(
            c -> {
              List<Long> ids = new java.util.ArrayList<>();
              try (var s =
                  c.prepareStatement(
                      "UPDATE app_user SET enabled = false WHERE enabled AND 'ADMIN' = ANY (roles)"
                          + " AND id <> ? RETURNING id")) {
                s.setLong(1, ((Number) id).longValue());
                try (var rows = s.executeQuery()) {
                  while (rows.next()) {
                    ids.add(rows.getLong(1));
                  }
                }
              }
              return ids;
            });
    try {
      Http.Answer demoted = put(admin, id, change(List.of("ANALYST"), true));
      assertThat(demoted.status()).isEqualTo(409);
      assertThat(demoted.errorFields()).containsExactly("roles");
      Http.Answer disabled = put(admin, id, change(List.of("ADMIN"), false));
      assertThat(disabled.status()).isEqualTo(409);
      assertThat(disabled.errorFields()).containsExactly("enabled");
      assertThat(put(admin, id, change(List.of("ADMIN", "ANALYST"), true)).status()).isEqualTo(200);
    } finally {
      database.inTransaction(
          c -> {
            try (var s =
                c.prepareStatement("UPDATE app_user SET enabled = true WHERE id = ANY (?)")) {
              s.setArray(1, c.createArrayOf("bigint", others.toArray()));
              return s.executeUpdate();
            }
          });
    }
  }

  /** The username a token was issued to. */
  String admin(String token) {
    return tokenSubject(token);
  }

  static String tokenSubject(String token) {
    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    var matcher = java.util.regex.Pattern.compile("\"sub\":\"([^\"]+)\"").matcher(payload);
    return matcher.find() ? matcher.group(1) : null;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "short",
        "aaaaaaaaaaaaaaaa",
        "Password1234",
        "motdepasse 123",
        "Mot-De-Passe-123",
        "chloe.analyste-2026"
      })
  void weakPasswordsAreRefused(String password) {
    String admin = Staff.token(users, client, "ADMIN");
    Http.Answer answer =
        send(
            admin,
            HttpRequest.POST(
                "/api/v1/users",
                Map.of(
                    "username",
                    "chloe.analyste",
                    "password",
                    password,
                    "roles",
                    List.of("ANALYST"))));
    assertThat(answer.status()).as(password).isEqualTo(422);
    assertThat(answer.errorFields()).containsExactly("password");
  }

  @Test
  void anAccountChangeIsCheckedFieldByField() {
    String admin = Staff.token(users, client, "ADMIN");
    Object id = account(admin, newUser("ANALYST")).get("id");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("roles", List.of("ROOT"));
    body.put("providerId", 3);
    body.put("email", "not an address");
    body.put("password", "password1234");
    Http.Answer answer = put(admin, id, body);
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorFields())
        .containsExactlyInAnyOrder("roles[0]", "enabled", "providerId", "email", "password");

    Map<String, Object> unknown = change(List.of("ANALYST"), true);
    unknown.put("superuser", true);
    assertThat(put(admin, id, unknown).status()).isEqualTo(400);
    assertThat(put(admin, 999_999_999, change(List.of("ANALYST"), true)).status()).isEqualTo(404);
    assertThat(put(admin, "abc", change(List.of("ANALYST"), true)).status()).isEqualTo(400);
    assertThat(send(admin, HttpRequest.GET("/api/v1/users/999999999")).status()).isEqualTo(404);
    String analyst = Staff.token(users, client, "ANALYST");
    assertThat(put(analyst, id, change(List.of("ADMIN"), true)).status()).isEqualTo(403);
  }
}
