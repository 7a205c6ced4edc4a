package fr.vigie.security.internal;

import fr.vigie.http.Problem;
import fr.vigie.security.ClientAddress;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rate limits of the public endpoints (DESIGN.md §9), per client address and route group, before
 * anything else runs (a refused request costs no database work): {@code 429} with {@code
 * Retry-After} and a problem document. {@code vigie.rate-limit.enabled} (default true) switches it
 * off. A route the table below does not name is not limited here: staff routes are behind login.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "vigie.rate-limit.enabled", notEquals = "false")
final class RateLimitFilter implements Ordered {

  /**
   * Which public route belongs to which group; the first match wins. Every method counts, not only
   * the one the operation declares: the framework also answers {@code HEAD} on a {@code GET} route
   * by running its handler (issue 16, finding 1). Only {@code OPTIONS} is free: a browser's CORS
   * preflight before each report must not halve the victim's allowance, and no handler answers it.
   */
  record Route(Pattern path, String group) {}

  static final List<Route> ROUTES =
      List.of(
          new Route(Pattern.compile("/api/v1/reports/?"), "reports"),
          new Route(Pattern.compile("/api/v1/reports/[^/]+/?"), "follow-up"),
          new Route(Pattern.compile("/api/v1/reports/[^/]+/messages/?"), "follow-up"),
          new Route(Pattern.compile("/api/v1/intake/diagnosis/?"), "diagnosis"),
          new Route(Pattern.compile("/api/v1/intake/questionnaire/?"), "questionnaire"),
          new Route(Pattern.compile("/api/v1/geo/.*"), "geo"),
          new Route(Pattern.compile("/login/?"), "login"),
          new Route(Pattern.compile("/oauth/access_token/?"), "login"),
          new Route(Pattern.compile("/connexion(/oidc(/retour)?)?/?"), "login"),
          new Route(Pattern.compile("/statistiques/?"), "public-stats"),
          new Route(Pattern.compile("/api/v1/public/.*"), "public-stats"),
          new Route(Pattern.compile("/api/v1/stats/.*"), "stats"),
          new Route(Pattern.compile("/tableau-de-bord(/.*)?"), "stats"),
          // The pages of the public form and follow-up count with the API calls they stand for.
          new Route(Pattern.compile("/signaler/envoyer/?"), "reports"),
          new Route(Pattern.compile("/signaler(/apercu)?/?"), "diagnosis"),
          new Route(Pattern.compile("/suivi(/.*)?"), "follow-up"));

  private final RateLimiter limiter;
  private final ClientAddress clients;

  RateLimitFilter(RateLimiter limiter, ClientAddress clients) {
    this.limiter = limiter;
    this.clients = clients;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> limit(HttpRequest<?> request) {
    String group = group(request.getMethod(), request.getPath());
    if (group == null) {
      return null;
    }
    long wait = limiter.acquire(group, ClientAddress.key(clients.of(request)));
    if (wait == 0) {
      return null;
    }
    if (!request.getPath().startsWith("/api/")
        && !request.getPath().startsWith("/login")
        && !request.getPath().startsWith("/oauth")) {
      // A person on a page of the public form reads the refusal, in French.
      return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
          .header("Retry-After", Long.toString(wait))
          .contentType("text/plain;charset=utf-8")
          .body(
              "Trop de demandes depuis votre adresse : réessayez dans "
                  + wait
                  + " secondes. En urgence, appelez le CSIRT.");
    }
    Problem problem =
        new Problem(
            "https://vigie.example/problems/429",
            HttpStatus.TOO_MANY_REQUESTS.getReason(),
            429,
            "Too many requests from your address; try again in " + wait + " s.",
            request.getPath(),
            List.of());
    return HttpResponse.<Problem>status(HttpStatus.TOO_MANY_REQUESTS)
        .header("Retry-After", Long.toString(wait))
        .contentType(Problem.MEDIA_TYPE)
        .body(problem);
  }

  static String group(HttpMethod method, String path) {
    if (method == HttpMethod.OPTIONS) {
      return null;
    }
    for (Route route : ROUTES) {
      if (route.path().matcher(path).matches()) {
        return route.group();
      }
    }
    return null;
  }
}
