package fr.vigie.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
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
import fr.vigie.testing.Chromium;
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
    // The issuer's sign-in, as Keycloak does it: /auth asks nobody and sends the browser back
    // with a code; /token gives the access token for that code and its PKCE verifier only.
    jwks.createContext(
        "/auth",
        exchange -> {
          Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
          if (!"vigie-pages".equals(q.get("client_id"))
              || !"code".equals(q.get("response_type"))
              || !"S256".equals(q.get("code_challenge_method"))
              || !redirect.equals(q.get("redirect_uri"))) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
          }
          String code = java.util.UUID.randomUUID().toString();
          CODES.put(code, q.get("code_challenge"));
          exchange
              .getResponseHeaders()
              .add(
                  "Location",
                  redirect
                      + "?code="
                      + code
                      + "&state="
                      + java.net.URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    jwks.createContext(
        "/token",
        exchange -> {
          TOKEN_CALLS.incrementAndGet();
          Map<String, String> form =
              query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          String challenge = CODES.remove(form.getOrDefault("code", ""));
          boolean good =
              challenge != null
                  && "authorization_code".equals(form.get("grant_type"))
                  && "vigie-pages".equals(form.get("client_id"))
                  && "secret-of-the-pages-client".equals(form.get("client_secret"))
                  && redirect.equals(form.get("redirect_uri"))
                  && challenge.equals(s256(form.getOrDefault("code_verifier", "")));
          byte[] answer =
              good
                  ? ("{\"access_token\":\""
                          + sign(KEY, claims("csirt-analysts").build())
                          + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")
                      .getBytes(StandardCharsets.UTF_8)
                  : "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(good ? 200 : 400, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    jwks.start();
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    redirect = "http://localhost:" + port + "/connexion/oidc/retour";
    String idp = "http://127.0.0.1:" + jwks.getAddress().getPort();
    Map<String, String> properties = new java.util.HashMap<>();
    properties.put("micronaut.server.port", Integer.toString(port));
    properties.put("vigie.oidc.enabled", "true");
    properties.put("vigie.oidc.issuer", ISSUER);
    properties.put("vigie.oidc.jwks-url", idp + "/certs");
    properties.put("vigie.oidc.audience", "vigie");
    properties.put("vigie.oidc.roles-claim", "realm_access.roles");
    properties.put(
        "vigie.oidc.role-mapping",
        "csirt-analysts=ANALYST,csirt-officials=OFFICIAL,prestataires=PROVIDER");
    properties.put("vigie.oidc.authorization-url", idp + "/auth");
    properties.put("vigie.oidc.token-url", idp + "/token");
    properties.put("vigie.oidc.redirect-url", redirect);
    properties.put("vigie.oidc.client-id", "vigie-pages");
    properties.put("vigie.oidc.client-secret", "secret-of-the-pages-client");
    properties.put("vigie.oidc.button-label", "Se connecter avec SSO Bretagne");
    return properties;
  }

  static final Map<String, String> CODES = new java.util.concurrent.ConcurrentHashMap<>();
  static final AtomicInteger TOKEN_CALLS = new AtomicInteger();
  String redirect;

  static Map<String, String> query(String raw) {
    Map<String, String> fields = new java.util.HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return fields;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(
            java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  static String s256(String verifier) {
    try {
      return java.util.Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  void stop() {
    jwks.stop(0);
  }

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject io.micronaut.runtime.server.EmbeddedServer server;
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
  void anAnalystSignsInToTheConsoleThroughTheIssuer() {
    try (Chromium chromium = Chromium.launch();
        BrowserContext context = chromium.context(1280)) {
      String base = "http://localhost:" + server.getPort();
      List<String> callbacks = new java.util.ArrayList<>();
      context.onRequest(
          r -> {
            if (r.url().contains("/connexion/oidc/retour")) {
              callbacks.add(r.url());
            }
          });
      Page page = context.newPage();
      page.navigate(base + "/console");
      Locator button =
          page.getByRole(
              AriaRole.LINK, new Page.GetByRoleOptions().setName("Se connecter avec SSO Bretagne"));
      assertThat(button).isVisible();
      org.assertj.core.api.Assertions.assertThat(chromium.violations(page))
          .as("axe-core on the sign-in page with the issuer's button")
          .isEmpty();
      button.click();
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("File des tickets");
      assertThat(page.getByText("oidc:gwenola")).isVisible();
      org.assertj.core.api.Assertions.assertThat(callbacks).hasSize(1);
      org.assertj.core.api.Assertions.assertThat(
              context.cookies().stream().filter(c -> c.name.equals("vigie_session")).toList())
          .singleElement()
          .satisfies(
              c -> {
                org.assertj.core.api.Assertions.assertThat(c.httpOnly).isTrue();
                org.assertj.core.api.Assertions.assertThat(c.secure).isTrue();
                org.assertj.core.api.Assertions.assertThat(c.sameSite)
                    .isEqualTo(com.microsoft.playwright.options.SameSiteAttribute.STRICT);
              });

      // The same answer of the issuer again (a replay): the flow is over, nothing is asked.
      int calls = TOKEN_CALLS.get();
      Page again = chromium.context(1280).newPage();
      again.navigate(callbacks.get(0));
      assertThat(again.getByRole(AriaRole.ALERT)).containsText("n'a pas abouti");
      org.assertj.core.api.Assertions.assertThat(TOKEN_CALLS.get()).isEqualTo(calls);
      // A forged answer with a state of its own: refused before the issuer is asked.
      again.navigate(base + "/connexion/oidc/retour?code=vol&state=devine");
      assertThat(again.getByRole(AriaRole.ALERT)).containsText("n'a pas abouti");
      org.assertj.core.api.Assertions.assertThat(TOKEN_CALLS.get()).isEqualTo(calls);
      org.assertj.core.api.Assertions.assertThat(chromium.violations(again))
          .as("axe-core on a refused sign-in")
          .isEmpty();
      again.context().close();
    }
  }

  @Test
  void localTokensStillWorkBesideExternalOnes() {
    assertThat(queue(Staff.token(users, client, "ANALYST"))).isEqualTo(200);
    assertThat(JWKS_FETCHES.get()).isPositive();
  }
}
