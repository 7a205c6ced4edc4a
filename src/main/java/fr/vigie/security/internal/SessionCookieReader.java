package fr.vigie.security.internal;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads the access token of a browser session from its cookie, for pages only: the JSON API, the
 * token endpoints and {@code /logout} keep bearer tokens (DESIGN.md §12), so a cookie never
 * authorises an API call another site could trigger. The token then goes through the same checks as
 * a bearer one (signature, expiry on the injected clock, session version).
 */
@Singleton
final class SessionCookieReader implements TokenReader<HttpRequest<?>> {

  @Override
  public Optional<String> findToken(HttpRequest<?> request) {
    String path = request.getPath();
    if (path.startsWith("/api/")
        || path.startsWith("/login")
        || path.startsWith("/logout")
        || path.startsWith("/oauth/")) {
      return Optional.empty();
    }
    return request
        .getCookies()
        .findCookie(CookieSessions.ACCESS)
        .map(Cookie::getValue)
        .filter(v -> !v.isEmpty() && v.length() < 8192);
  }

  @Override
  public int getOrder() {
    return 100; // after the Authorization header
  }
}
