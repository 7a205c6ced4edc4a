package fr.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import fr.vigie.testing.Http;
import fr.vigie.testing.Providers;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.testing.TicketCalls;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * External identities: tokens of an OIDC issuer whose JWKS this test serves itself, with an RSA key
 * it generates. Issuer, audience, lifetime, signature and role mapping are all checked.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcIT implements TestPropertyProvider {

  static final String ISSUER = "https://sso.example/realms/csirt";
  static final RSAKey KEY = generate("idp-1");
  static final RSAKey STRANGER = generate("idp-1");
  static final AtomicInteger JWKS_FETCHES = new AtomicInteger();

  HttpServer jwks;

  static RSAKey generate(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Map<String, String> getProperties() {
    try {
      jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks.createContext(
        "/certs",
        exchange -> {
          JWKS_FETCHES.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    jwks.start();
    return Map.of(
        "vigie.oidc.enabled", "true",
        "vigie.oidc.issuer", ISSUER,
        "vigie.oidc.jwks-url", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs",
        "vigie.oidc.audience", "vigie",
        "vigie.oidc.roles-claim", "realm_access.roles",
        "vigie.oidc.role-mapping",
            "csirt-analysts=ANALYST,csirt-officials=OFFICIAL,prestataires=PROVIDER");
  }

  @AfterAll
  void stop() {
    jwks.stop(0);
  }

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;
  @Inject fr.vigie.routing.ProviderDirectory directory;

  static JWTClaimsSet.Builder claims(String... groups) {
    // The JWT validators check lifetimes against the system clock: tokens are dated from it.
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(List.of("vigie", "account"))
        .subject("f3a1-uuid")
        .claim("preferred_username", "gwenola")
        .claim("realm_access", Map.of("roles", List.of(groups)))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)));
  }

  static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Http.Answer send(String token, MutableHttpRequest<?> request) {
    return new Http(client, json).send(request.bearerAuth(token));
  }

  int queue(String token) {
    return send(token, HttpRequest.GET("/api/v1/tickets?size=1")).status();
  }

  @Test
  void aTokenOfTheIssuerWithAMappedGroupIsAnAnalyst() {
    String token = sign(KEY, claims("csirt-analysts", "offline_access").build());
    assertThat(queue(token)).isEqualTo(200);

    String reference =
        (String)
            new Http(client, json)
                .send(TicketCalls.postJson("/api/v1/reports", ReportJson.company().body()))
                .json()
                .get("reference");
    assertThat(send(token, HttpRequest.GET("/api/v1/tickets/" + reference)).status())
        .isEqualTo(200);
    String admin = Staff.token(users, client, "ADMIN");
    String trail =
        send(
                admin,
                HttpRequest.GET("/api/v1/audit?action=TICKET_VIEWED&target=ticket:" + reference))
            .body();
    assertThat(trail)
        .as("an external identity is named apart from local accounts")
        .contains("oidc:gwenola");
  }

  @Test
  void rolesFollowTheMapping() {
    assertThat(queue(sign(KEY, claims("csirt-officials").build())))
        .as("an official never sees tickets")
        .isEqualTo(403);
    assertThat(queue(sign(KEY, claims("domain-admins").build())))
        .as("an unmapped group gives no role: refused")
        .isEqualTo(401);
    assertThat(queue(sign(KEY, claims("prestataires").build())))
        .as("a provider without its provider id gets no role")
        .isEqualTo(401);
  }

  @Test
  void everyCheckRefusesAForgedOrStaleToken() {
    // The JWT validators check lifetimes against the system clock: tokens are dated from it.
    Instant now = Instant.now();
    Map<String, String> refused =
        Map.of(
            "another issuer",
                sign(KEY, claims("csirt-analysts").issuer("https://evil.example").build()),
            "another audience", sign(KEY, claims("csirt-analysts").audience("other-app").build()),
            "expired",
                sign(
                    KEY,
                    claims("csirt-analysts")
                        .expirationTime(Date.from(now.minusSeconds(120)))
                        .build()),
            "not yet valid",
                sign(
                    KEY,
                    claims("csirt-analysts")
                        .notBeforeTime(Date.from(now.plusSeconds(600)))
                        .build()),
            "a key not in the JWKS", sign(STRANGER, claims("csirt-analysts").build()),
            "unsigned", new PlainJWT(claims("csirt-analysts").build()).serialize(),
            "HS256 keyed with the public key", confused(claims("csirt-analysts").build()),
            "no expiry", sign(KEY, claims("csirt-analysts").expirationTime(null).build()));
    refused.forEach((why, token) -> assertThat(queue(token)).as(why).isEqualTo(401));
  }

  /** The algorithm confusion attack: HMAC keyed with the issuer's public key. */
  static String confused(JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("idp-1").build(), claims);
      byte[] secret = KEY.toPublicJWK().toRSAPublicKey().getEncoded();
      jwt.sign(new MACSigner(java.util.Arrays.copyOf(secret, Math.max(secret.length, 32))));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anExternalProviderUserReachesItsProvidersPortal() {
    long provider = Providers.provider().name("Prestataire SSO").create(directory).id();
    String token = sign(KEY, claims("prestataires").claim("vigie_provider_id", provider).build());
    Http.Answer own = send(token, HttpRequest.GET("/api/v1/provider/referrals"));
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json()).containsEntry("total", 0);
    assertThat(send(token, HttpRequest.GET("/api/v1/provider/referrals/1")).status())
        .as("no referral of its provider has this id")
        .isEqualTo(404);
    assertThat(queue(token)).as("a provider never sees the queue").isEqualTo(403);
  }

  @Test
  void localTokensStillWorkBesideExternalOnes() {
    assertThat(queue(Staff.token(users, client, "ANALYST"))).isEqualTo(200);
    assertThat(JWKS_FETCHES.get()).isPositive();
  }
}
