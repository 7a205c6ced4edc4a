package fr.vigie.security;

import fr.vigie.security.internal.CookieSessions;
import fr.vigie.security.internal.OidcSignIn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The staff pages' sign-in, shared by every staff page (dashboard, console): a browser session in
 * {@code HttpOnly; Secure; SameSite=Strict} cookies under the API tokens' rules (expiry, refresh
 * rotation, logout everywhere, session version), and the anti-forgery checks of every form that
 * changes something (DESIGN.md §12).
 *
 * <p>Forgery is refused three ways: the cookies are {@code SameSite=Strict} (another site's form
 * arrives without them); a request whose {@code Origin} is not this host or whose {@code
 * Sec-Fetch-Site} says another site is refused; and every form carries a token — the sign-in form a
 * digest of a nonce held in its own cookie (double submit, signed), the forms of a session a digest
 * of the user and session version (a synchronizer token that dies with the session).
 */
@Singleton
public final class BrowserSessions {

  /** The name of the anti-forgery field of every staff form. */
  public static final String FIELD = "jeton";

  private final CookieSessions sessions;
  private final OidcSignIn external;
  private final SecureRandom random = new SecureRandom();

  BrowserSessions(CookieSessions sessions, @Nullable OidcSignIn external) {
    this.sessions = sessions;
    this.external = external;
  }

  /** The text of the external issuer's sign-in button, when one is configured. */
  public Optional<String> externalLabel() {
    return external == null ? Optional.empty() : Optional.of(external.label());
  }

  /** Where the browser goes next, with the cookies to set on the way. */
  public record Step(URI location, List<Cookie> cookies) {}

  /** Leaves for the external issuer's sign-in; empty when none is configured. */
  public Optional<Step> externalStart(String back) {
    if (external == null) {
      return Optional.empty();
    }
    OidcSignIn.Start start = external.start(back);
    return Optional.of(new Step(start.redirect(), List.of(start.cookie())));
  }

  /**
   * Back from the external issuer with {@code code} and {@code state}: the session's cookie and the
   * local path to land on; empty when anything is wrong (the caller shows the sign-in page again).
   */
  public Optional<Step> externalFinish(HttpRequest<?> request, String code, String state) {
    if (external == null) {
      return Optional.empty();
    }
    String flow =
        request.getCookies().findCookie(OidcSignIn.COOKIE).map(Cookie::getValue).orElse(null);
    return external
        .finish(code, state, flow)
        .map(
            done ->
                new Step(URI.create(done.back()), List.of(done.session(), OidcSignIn.cleared())));
  }

  /** The session's cookies for a right password; empty otherwise (the same for every failure). */
  public Optional<List<Cookie>> signIn(String username, String password) {
    return sessions.signIn(username, password);
  }

  /**
   * New cookies from the request's refresh cookie, which is used up (the access token expired);
   * empty when there is none or it is no good.
   */
  public Optional<List<Cookie>> refresh(HttpRequest<?> request) {
    return request
        .getCookies()
        .findCookie(CookieSessions.REFRESH)
        .map(Cookie::getValue)
        .flatMap(sessions::refresh);
  }

  /** Ends every session of the signed-in user; answers the cookies that erase the browser's. */
  public List<Cookie> signOut(Authentication who) {
    sessions.signOut(who.getName());
    return sessions.cleared();
  }

  /** The anti-forgery token of the forms shown to {@code who}: valid until the session ends. */
  public String formToken(Authentication who) {
    return sessions.mac("form", who.getName() + "\n" + who.getAttributes().get("sv"));
  }

  /** Whether a form posted by {@code who} is theirs: same origin, and its token. */
  public boolean formAccepted(HttpRequest<?> request, Authentication who, String token) {
    return sameOrigin(request) && CookieSessions.same(formToken(who), token);
  }

  /** A new nonce for the sign-in form, to set in its cookie. */
  public Cookie signInCookie() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return CookieSessions.cookie(CookieSessions.LOGIN, nonce, "/connexion", Duration.ofHours(1));
  }

  /** The sign-in form's token for the nonce of its cookie. */
  public String signInToken(Cookie cookie) {
    return sessions.mac("sign-in", cookie.getValue());
  }

  /** Whether a sign-in form was posted from the page Vigie served to this browser. */
  public boolean signInAccepted(HttpRequest<?> request, String token) {
    return sameOrigin(request)
        && request
            .getCookies()
            .findCookie(CookieSessions.LOGIN)
            .map(c -> CookieSessions.same(sessions.mac("sign-in", c.getValue()), token))
            .orElse(false);
  }

  /**
   * Whether the request comes from a page of this origin, as far as the browser says: {@code
   * Sec-Fetch-Site} absent, {@code same-origin} or {@code none} (typed by the user), and {@code
   * Origin} absent, opaque ({@code null}) or this host.
   */
  public static boolean sameOrigin(HttpRequest<?> request) {
    String site = request.getHeaders().get("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return false;
    }
    String origin = request.getHeaders().get("Origin");
    if (origin == null || origin.equals("null")) {
      // Pages answer Referrer-Policy: no-referrer, so a browser posts their forms with Origin
      // "null": then Sec-Fetch-Site (above), the SameSite cookies and the form token decide.
      return true;
    }
    String host = request.getHeaders().get("Host");
    try {
      URI uri = URI.create(origin);
      String authority = uri.getRawAuthority();
      return authority != null && host != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The names of the session cookies, for tests and the README. */
  public static List<String> cookieNames() {
    return List.of(CookieSessions.ACCESS, CookieSessions.REFRESH, CookieSessions.LOGIN);
  }
}
