package fr.vigie.security.internal;

import fr.vigie.security.Secrets;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Browser sessions of staff pages (DESIGN.md §12) on the API's own session rules: signing in is
 * {@code POST /login}'s check (lockout, audit), the cookies carry the same access token (checked
 * with its session version on every request, {@link SessionValidator}) and refresh token (stored
 * hashed, used once, a reuse ending every session, {@link Sessions}); signing out is {@code POST
 * /logout}'s, ending every session of the user. Cookies are {@code HttpOnly; Secure;
 * SameSite=Strict}: scripts cannot read them and no other site's page or form sends them.
 */
@Singleton
public final class CookieSessions {

  /** The access token (a JWT, one hour). */
  public static final String ACCESS = "vigie_session";

  /** The refresh token, sent only to the sign-in page, which rotates it. */
  public static final String REFRESH = "vigie_renouvellement";

  /** The sign-in form's anti-forgery nonce, before any session exists. */
  public static final String LOGIN = "vigie_connexion";

  private final Users users;
  private final Sessions sessions;
  private final RefreshTokens refreshTokens;
  private final AccessRefreshTokenGenerator generator;
  private final Secrets secrets;
  private final SecuritySettings settings;
  private final Duration accessLifetime;

  CookieSessions(
      Users users,
      Sessions sessions,
      RefreshTokens refreshTokens,
      AccessRefreshTokenGenerator generator,
      Secrets secrets,
      SecuritySettings settings,
      @Value("${micronaut.security.token.generator.access-token.expiration:3600}")
          int accessSeconds) {
    this.users = users;
    this.sessions = sessions;
    this.refreshTokens = refreshTokens;
    this.generator = generator;
    this.secrets = secrets;
    this.settings = settings;
    this.accessLifetime = Duration.ofSeconds(accessSeconds);
  }

  /** The session cookies of a user whose password is right (same checks as {@code /login}). */
  public Optional<List<Cookie>> signIn(String username, String password) {
    if (username.length() > 64 || password.length() > 128) {
      return Optional.empty();
    }
    return users
        .authenticate(username, password)
        .map(Sessions::authentication)
        .flatMap(generator::generate)
        .map(this::cookies);
  }

  /** New session cookies for a refresh token, which is used up; empty when it is no good. */
  public Optional<List<Cookie>> refresh(String refreshToken) {
    return refreshTokens
        .validate(refreshToken)
        .flatMap(sessions::refresh)
        .map(Sessions::authentication)
        .flatMap(generator::generate)
        .map(this::cookies);
  }

  /** Ends every session of the user (the API's logout too); false when no such account. */
  public boolean signOut(String username) {
    return users.logout(username);
  }

  /** Cookies that erase the session's. */
  public List<Cookie> cleared() {
    return List.of(
        cookie(ACCESS, "", "/", Duration.ZERO), cookie(REFRESH, "", "/connexion", Duration.ZERO));
  }

  /** A cookie of Vigie's pages: {@code HttpOnly; Secure; SameSite=Strict}. */
  public static Cookie cookie(String name, String value, String path, Duration maxAge) {
    return Cookie.of(name, value)
        .path(path)
        .httpOnly(true)
        .secure(true)
        .sameSite(SameSite.Strict)
        .maxAge(maxAge);
  }

  /** A keyed digest for anti-forgery tokens, under a secret shared by every instance. */
  public String mac(String purpose, String text) {
    return secrets.mac("browser-session", purpose, text);
  }

  /** Whether {@code given} is {@code expected}, in constant time. */
  public static boolean same(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private List<Cookie> cookies(AccessRefreshToken tokens) {
    return List.of(
        cookie(ACCESS, tokens.getAccessToken(), "/", settings.refreshLifetime),
        cookie(REFRESH, tokens.getRefreshToken(), "/connexion", settings.refreshLifetime));
  }

  Duration accessLifetime() {
    return accessLifetime;
  }
}
