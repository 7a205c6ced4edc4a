package fr.vigie.web;

import fr.vigie.security.BrowserSessions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Access to the staff pages (dashboard, console): a page checks its roles here, with the browser
 * session's authentication (the same roles as the API's tokens). Someone not signed in is sent to
 * {@code /connexion}, which brings them back; a signed-in person without the role gets a 403 page.
 */
@Singleton
public final class StaffPages {

  private final Pages pages;
  private final BrowserSessions sessions;
  private final Messages messages;

  StaffPages(Pages pages, BrowserSessions sessions, Messages messages) {
    this.pages = pages;
    this.sessions = sessions;
    this.messages = messages;
  }

  /** The answer that refuses the page, or empty when {@code who} may see it. */
  public Optional<MutableHttpResponse<?>> refusal(
      HttpRequest<?> request, @Nullable Authentication who, Set<String> roles) {
    if (who == null) {
      String back = request.getUri().getRawPath();
      String query = request.getUri().getRawQuery();
      if (query != null && query.length() < 1000) {
        back += "?" + query;
      }
      return Optional.of(
          pages.secure(
              HttpResponse.seeOther(
                  URI.create(
                      "/connexion?retour=" + URLEncoder.encode(back, StandardCharsets.UTF_8))),
              false));
    }
    if (who.getRoles().stream().noneMatch(roles::contains)) {
      return Optional.of(forbidden(who, "Cette page est réservée à d'autres rôles que le vôtre."));
    }
    return Optional.empty();
  }

  /** The 403 page. */
  public MutableHttpResponse<?> forbidden(@Nullable Authentication who, String why) {
    return pages.page(
        HttpStatus.FORBIDDEN,
        "web/refused",
        new Refused(pages.chrome(), who == null ? null : chrome(who), why),
        false);
  }

  /**
   * The 403 page for a staff form that does not carry this session's anti-forgery token or comes
   * from another site ({@link BrowserSessions#formAccepted}).
   */
  public MutableHttpResponse<?> forgedForm(@Nullable Authentication who) {
    return forbidden(who, messages.get("staff.forged"));
  }

  /** The layout's part for {@code who}. */
  public StaffChrome chrome(Authentication who) {
    return new StaffChrome(who.getName(), sessions.formToken(who));
  }

  public Pages pages() {
    return pages;
  }

  /** The refusal page's model. */
  public record Refused(Chrome chrome, @Nullable StaffChrome staff, String why) {}

  /**
   * A staff page's posted form ({@code application/x-www-form-urlencoded}), by field name, read as
   * strictly as the public form's ({@link FormBody}: broken UTF-8 or escapes, too many fields →
   * 400).
   */
  public static Map<String, List<String>> form(byte[] body) {
    return FormBody.parse(body);
  }

  /** The field's value when it was sent exactly once, else null. */
  public static String one(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.size() != 1 ? null : values.get(0);
  }
}
