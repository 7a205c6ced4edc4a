package fr.vigie.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Answers a page (DESIGN.md §12): the view rendered by micronaut-views (JTE templates under {@code
 * src/main/jte}), with the pages' strict Content-Security-Policy — everything from Vigie's own
 * origin, no inline script or style — and framing refused, except for the report form, which the
 * origins of {@code VIGIE_EMBED_ORIGINS} may show in an {@code iframe}.
 */
@Singleton
public final class Pages {

  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ";

  private final DeskSettings desk;
  private final String embeddable;

  Pages(DeskSettings desk) {
    this.desk = desk;
    this.embeddable =
        desk.embedOrigins().isEmpty()
            ? "'none'"
            : "'self' " + String.join(" ", desk.embedOrigins());
  }

  public Chrome chrome() {
    return new Chrome(desk, false);
  }

  public DeskSettings desk() {
    return desk;
  }

  /** A page that no other site may frame. */
  public MutableHttpResponse<?> page(String view, Object model) {
    return page(HttpStatus.OK, view, model, false);
  }

  /** A page of the report form: partners listed in {@code VIGIE_EMBED_ORIGINS} may frame it. */
  public MutableHttpResponse<?> embeddable(String view, Object model) {
    return page(HttpStatus.OK, view, model, true);
  }

  public MutableHttpResponse<?> page(
      HttpStatus status, String view, Object model, boolean embeddable) {
    MutableHttpResponse<?> response =
        HttpResponse.status(status)
            .body(new ModelAndView<>(view, Map.of("page", model)))
            .contentType(MediaType.TEXT_HTML + ";charset=utf-8");
    return secure(response, embeddable);
  }

  /** The pages' headers on any answer (a fragment, a redirect). */
  public <T> MutableHttpResponse<T> secure(MutableHttpResponse<T> response, boolean embeddable) {
    String ancestors = embeddable ? this.embeddable : "'none'";
    response.header("Content-Security-Policy", POLICY + ancestors);
    // Not "no-referrer": with it a browser posts a form with "Origin: null", which Micronaut's
    // guard against drive-by-localhost attacks refuses; no URL of Vigie carries a secret anyway.
    response.header("Referrer-Policy", "same-origin");
    if (!embeddable || desk.embedOrigins().isEmpty()) {
      response.header("X-Frame-Options", "DENY");
    }
    return response;
  }
}
