package fr.vigie.web;

import fr.vigie.security.BrowserSessions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The staff sign-in page ({@code /connexion}) and sign-out ({@code POST /deconnexion}), shared by
 * every staff page; the session itself is {@link BrowserSessions}'. An expired access cookie comes
 * here (a staff page redirects) and is renewed from the refresh cookie, which is rotated, without
 * asking the password again.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class SignInController {

  static final String DEFAULT = "/tableau-de-bord";

  private final Pages pages;
  private final StaffPages staff;
  private final BrowserSessions sessions;

  SignInController(Pages pages, StaffPages staff, BrowserSessions sessions) {
    this.pages = pages;
    this.staff = staff;
    this.sessions = sessions;
  }

  /** The sign-in page's model. */
  public record SignInView(
      Chrome chrome,
      String token,
      String back,
      String username,
      String error,
      boolean ended,
      @Nullable String external) {}

  /** The page between the external issuer and the page asked for (see {@link #externalBack}). */
  public record SignedInView(Chrome chrome, String back) {}

  @Get("/connexion")
  MutableHttpResponse<?> form(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @Nullable @QueryValue String retour,
      @Nullable @QueryValue String fin) {
    String back = local(retour);
    if (who != null) {
      return pages.secure(HttpResponse.seeOther(URI.create(back)), false);
    }
    var renewed =
        fin == null ? sessions.refresh(request) : java.util.Optional.<List<Cookie>>empty();
    if (renewed.isPresent()) {
      MutableHttpResponse<?> response = HttpResponse.seeOther(URI.create(back));
      renewed.get().forEach(response::cookie);
      return pages.secure(response, false);
    }
    return form(HttpStatus.OK, back, "", null, fin != null);
  }

  @Post("/connexion")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> signIn(HttpRequest<?> request, @Body byte[] body) {
    Map<String, List<String>> form = StaffPages.form(body);
    String back = local(StaffPages.one(form, "retour"));
    if (!sessions.signInAccepted(request, StaffPages.one(form, BrowserSessions.FIELD))) {
      return staff.forgedForm(null);
    }
    String username = StaffPages.one(form, "identifiant");
    String password = StaffPages.one(form, "motDePasse");
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      return form(
          HttpStatus.OK,
          back,
          username == null ? "" : username.strip(),
          "Indiquez votre identifiant et votre mot de passe.",
          false);
    }
    var cookies = sessions.signIn(username.strip(), password);
    if (cookies.isEmpty()) {
      return form(
          HttpStatus.UNAUTHORIZED,
          back,
          username.strip(),
          "Identifiant ou mot de passe incorrect, ou compte bloqué pour quelques minutes après"
              + " trop d'essais.",
          false);
    }
    MutableHttpResponse<?> response = HttpResponse.seeOther(URI.create(back));
    cookies.get().forEach(response::cookie);
    response.cookie(Cookie.of(sessionCookieName(), "").path("/connexion").maxAge(0));
    return pages.secure(response, false);
  }

  /** The external issuer's sign-in (OpenID Connect), when one is configured. */
  @Get("/connexion/oidc")
  MutableHttpResponse<?> external(@Nullable @QueryValue String retour) {
    return sessions
        .externalStart(local(retour))
        .<MutableHttpResponse<?>>map(
            step -> {
              MutableHttpResponse<?> response = HttpResponse.seeOther(step.location());
              step.cookies().forEach(response::cookie);
              return pages.secure(response, false);
            })
        .orElseGet(
            () ->
                staff
                    .forbidden(null, "La connexion par l'organisation n'est pas activée.")
                    .status(HttpStatus.NOT_FOUND));
  }

  /**
   * Back from the issuer. The session cookie is {@code SameSite=Strict}, so a redirect that
   * continues the issuer's cross-site navigation would arrive without it: a page of this site moves
   * on instead (an immediate refresh, with a link for when it does not).
   */
  @Get("/connexion/oidc/retour")
  MutableHttpResponse<?> externalBack(
      HttpRequest<?> request,
      @Nullable @QueryValue String code,
      @Nullable @QueryValue String state) {
    var step =
        code == null || state == null
            ? java.util.Optional.<BrowserSessions.Step>empty()
            : sessions.externalFinish(request, code, state);
    if (step.isEmpty()) {
      return form(
          HttpStatus.UNAUTHORIZED,
          DEFAULT,
          "",
          "La connexion par l'organisation n'a pas abouti : recommencez, ou utilisez votre"
              + " identifiant et votre mot de passe.",
          false);
    }
    MutableHttpResponse<?> response =
        pages.page(
            HttpStatus.OK,
            "web/signedIn",
            new SignedInView(pages.chrome(), step.get().location().toString()),
            false);
    step.get().cookies().forEach(response::cookie);
    return response;
  }

  /** Ends every session of the signed-in person (on every device). */
  @Post("/deconnexion")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> signOut(
      HttpRequest<?> request, @Nullable Authentication who, @Body byte[] body) {
    if (who == null
        || !sessions.formAccepted(
            request, who, StaffPages.one(StaffPages.form(body), BrowserSessions.FIELD))) {
      return staff.forgedForm(who);
    }
    MutableHttpResponse<?> response = HttpResponse.seeOther(URI.create("/connexion?fin=1"));
    sessions.signOut(who).forEach(response::cookie);
    return pages.secure(response, false);
  }

  private MutableHttpResponse<?> form(
      HttpStatus status, String back, String username, String error, boolean ended) {
    Cookie nonce = sessions.signInCookie();
    MutableHttpResponse<?> response =
        pages.page(
            status,
            "web/signIn",
            new SignInView(
                pages.chrome(),
                sessions.signInToken(nonce),
                back,
                username.length() > 64 ? "" : username,
                error,
                ended,
                sessions.externalLabel().orElse(null)),
            false);
    return response.cookie(nonce);
  }

  private static String sessionCookieName() {
    return BrowserSessions.cookieNames().get(2);
  }

  /** A path of this site to come back to; anything else (another site, {@code //x}) is ignored. */
  static String local(@Nullable String back) {
    if (back == null
        || back.length() > 1000
        || !back.startsWith("/")
        || back.startsWith("//")
        || back.startsWith("/\\")
        || back.chars().anyMatch(c -> c < 0x21 || c == '\\')) {
      return DEFAULT;
    }
    return back;
  }
}
