package fr.vigie.security.internal;

import fr.vigie.audit.Audit;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in to the staff pages through the external OpenID Connect issuer (Keycloak, ProConnect)
 * whose tokens {@link OidcTokenValidator} already trusts: the authorisation code flow with PKCE
 * (S256), {@code state} and {@code nonce}, for a confidential client ({@code client_secret_post})
 * or a public one. The issuer's access token, once {@link OidcTokenValidator} accepts it (issuer,
 * audience, lifetime, mapped roles), becomes the session cookie: the pages check it on every
 * request exactly as a bearer token, and the session ends with it (the issuer's own session makes
 * the next sign-in one click). Logging out of Vigie clears the cookie; ending the person's other
 * sessions is the issuer's business (its logout), since Vigie holds no account for them.
 *
 * <p>Only when {@code vigie.oidc.enabled=true} and {@code vigie.oidc.client-id} is set (with {@code
 * authorization-url}, {@code token-url} and {@code redirect-url}, the address the issuer sends the
 * browser back to: {@code https://vigie.example/connexion/oidc/retour}).
 */
@Singleton
@Requires(property = "vigie.oidc.enabled", value = "true")
@Requires(property = "vigie.oidc.client-id")
public final class OidcSignIn {

  /** The flow's state (signed), between leaving for the issuer and coming back. */
  public static final String COOKIE = "vigie_oidc";

  private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);
  private static final Duration FLOW = Duration.ofMinutes(10);

  private final OidcTokenValidator validator;
  private final CookieSessions sessions;
  private final Audit audit;
  private final JsonMapper json;
  private final Clock clock;
  private final String authorizationUrl;
  private final URI tokenUrl;
  private final String redirectUrl;
  private final String clientId;
  private final String clientSecret;
  private final String label;
  private final SecureRandom random = new SecureRandom();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  OidcSignIn(
      OidcTokenValidator validator,
      CookieSessions sessions,
      Audit audit,
      JsonMapper json,
      Clock clock,
      @Value("${vigie.oidc.authorization-url}") String authorizationUrl,
      @Value("${vigie.oidc.token-url}") String tokenUrl,
      @Value("${vigie.oidc.redirect-url}") String redirectUrl,
      @Value("${vigie.oidc.client-id}") String clientId,
      @Nullable @Value("${vigie.oidc.client-secret:}") String clientSecret,
      @Value("${vigie.oidc.button-label:Se connecter avec le compte de l'organisation}")
          String label) {
    this.validator = validator;
    this.sessions = sessions;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
    this.authorizationUrl = authorizationUrl;
    this.tokenUrl = URI.create(tokenUrl);
    this.redirectUrl = redirectUrl;
    this.clientId = clientId;
    this.clientSecret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
    this.label = label;
  }

  /** The sign-in button's text. */
  public String label() {
    return label;
  }

  /** Where to send the browser, and the cookie that remembers the flow until it comes back. */
  public record Start(URI redirect, Cookie cookie) {}

  /** Leaves for the issuer; {@code back} is the local path to land on afterwards. */
  public Start start(String back) {
    String state = randomText();
    String verifier = randomText();
    String nonce = randomText();
    long until = clock.instant().plus(FLOW).getEpochSecond();
    String payload = String.join("|", state, verifier, nonce, Long.toString(until), encode(back));
    String value = payload + "|" + sessions.mac("oidc-flow", payload);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", clientId);
    query.put("redirect_uri", redirectUrl);
    query.put("scope", "openid");
    query.put("state", state);
    query.put("nonce", nonce);
    query.put("code_challenge", challenge(verifier));
    query.put("code_challenge_method", "S256");
    URI redirect =
        URI.create(authorizationUrl + (authorizationUrl.contains("?") ? "&" : "?") + form(query));
    // Lax, not Strict: the issuer sends the browser back with a top-level GET from its own site.
    Cookie cookie =
        Cookie.of(COOKIE, value)
            .path("/connexion/oidc")
            .httpOnly(true)
            .secure(true)
            .sameSite(SameSite.Lax)
            .maxAge(FLOW);
    return new Start(redirect, cookie);
  }

  /** Signed in: the session cookie and the local path to land on. */
  public record Done(Cookie session, String back) {}

  /**
   * Back from the issuer: the state must be this browser's, the code is exchanged with the PKCE
   * verifier, and the access token must pass {@link OidcTokenValidator}. Empty on any failure
   * (logged without the code or tokens).
   */
  public Optional<Done> finish(
      @Nullable String code, @Nullable String state, @Nullable String cookie) {
    if (code == null || state == null || cookie == null || code.length() > 2048) {
      return Optional.empty();
    }
    String[] parts = cookie.split("\\|", -1);
    if (parts.length != 6) {
      return Optional.empty();
    }
    String payload = cookie.substring(0, cookie.lastIndexOf('|'));
    if (!CookieSessions.same(sessions.mac("oidc-flow", payload), parts[5])
        || !CookieSessions.same(parts[0], state)
        || Instant.ofEpochSecond(Long.parseLong(parts[3])).isBefore(clock.instant())) {
      return Optional.empty();
    }
    Optional<String> token = exchange(code, parts[1]);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    Authentication who = validator.authenticate(token.get());
    if (who == null) {
      LOG.info("OIDC sign-in refused: the issuer's token was not accepted");
      return Optional.empty();
    }
    audit.record(who.getName(), "LOGIN_SUCCEEDED", "user:" + who.getName(), Map.of("oidc", true));
    Object exp = who.getAttributes().get("exp");
    Duration left =
        exp instanceof Number n
            ? Duration.between(clock.instant(), Instant.ofEpochSecond(n.longValue()))
            : Duration.ofMinutes(5);
    Cookie session =
        CookieSessions.cookie(
            CookieSessions.ACCESS, token.get(), "/", left.isNegative() ? Duration.ZERO : left);
    return Optional.of(new Done(session, decode(parts[4])));
  }

  /** A cookie that ends the flow's. */
  public static Cookie cleared() {
    return Cookie.of(COOKIE, "").path("/connexion/oidc").httpOnly(true).secure(true).maxAge(0);
  }

  private Optional<String> exchange(String code, String verifier) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", redirectUrl);
    body.put("client_id", clientId);
    body.put("code_verifier", verifier);
    if (clientSecret != null) {
      body.put("client_secret", clientSecret);
    }
    try {
      HttpResponse<byte[]> answer =
          http.send(
              HttpRequest.newBuilder(tokenUrl)
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(form(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200 || answer.body().length > 65_536) {
        LOG.info("OIDC sign-in refused: the token endpoint answered {}", answer.statusCode());
        return Optional.empty();
      }
      Map<String, Object> tokens =
          json.readValue(answer.body(), Argument.mapOf(String.class, Object.class));
      return tokens.get("access_token") instanceof String t && !t.isEmpty() && t.length() < 8192
          ? Optional.of(t)
          : Optional.empty();
    } catch (IOException e) {
      LOG.warn("OIDC sign-in: the token endpoint could not be reached ({})", e.getClass());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private String randomText() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> fields) {
    StringBuilder out = new StringBuilder();
    fields.forEach(
        (k, v) -> {
          if (out.length() > 0) {
            out.append('&');
          }
          out.append(encode(k)).append('=').append(encode(v));
        });
    return out.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
