package fr.vigie.security.internal;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.Set;

/**
 * Headers of every answer, errors included: the OWASP set for an API ({@code nosniff}, no framing,
 * a CSP that allows nothing, no referrer, HSTS) and {@code Cache-Control: no-store} unless the
 * operation chose its caching (the questionnaire): answers carry personal data, and a shared cache
 * keying on the URL alone would hand a victim's follow-up page to the next caller.
 *
 * <p>CORS: only the origins of {@code vigie.cors.allowed-origins} (the site that hosts the public
 * form, e.g. {@code https://cyber.bretagne.example}) get {@code Access-Control-Allow-Origin}; none
 * by default. No credentials (staff send bearer tokens, never cookies). A preflight from an origin
 * not listed is refused with 403.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ResponseHeaders implements Ordered {

  static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, Idempotency-Key, X-Follow-Up-Token, If-Match, If-None-Match";
  static final String EXPOSED_HEADERS = "ETag, Location, Retry-After, Idempotent-Replayed";
  static final String METHODS = "GET, POST, PUT, PATCH";

  private final Set<String> origins;
  private final boolean hsts;

  ResponseHeaders(
      @Value("${vigie.cors.allowed-origins:}") List<String> origins,
      @Value("${vigie.security.hsts:true}") boolean hsts) {
    this.origins =
        Set.copyOf(origins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList());
    this.hsts = hsts;
  }

  @Override
  public int getOrder() {
    // Before the rate limit: a preflight is answered without counting against the client.
    return ServerFilterPhase.FIRST.before();
  }

  /** Answers a CORS preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}). */
  @RequestFilter
  @Nullable
  HttpResponse<?> preflight(HttpRequest<?> request) {
    if (request.getMethod() != HttpMethod.OPTIONS
        || !request.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
      return null;
    }
    String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
    if (origin == null || !origins.contains(origin)) {
      throw new fr.vigie.http.ProblemException(
          HttpStatus.FORBIDDEN, "This origin may not call the API from a browser.");
    }
    return HttpResponse.noContent()
        .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
        .header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
        .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
  }

  @ResponseFilter
  void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
    var headers = response.getHeaders();
    headers.set("X-Content-Type-Options", "nosniff");
    if (!headers.contains("Content-Security-Policy")) {
      // Pages (fr.vigie.web.Pages) set their own policy and framing; everything else: nothing.
      headers.set("X-Frame-Options", "DENY");
      headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }
    if (!headers.contains("Referrer-Policy")) {
      headers.set("Referrer-Policy", "no-referrer");
    }
    if (hsts) {
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    if (!headers.contains(HttpHeaders.CACHE_CONTROL)) {
      headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    if (response.code() >= 400
        && request.getMethod() != HttpMethod.HEAD
        && response.getBody().isEmpty()) {
      // A refusal the framework answered without a body (e.g. the login endpoint for a media
      // type it does not read): still a problem document, as every error of Vigie.
      HttpStatus status = response.getStatus();
      @SuppressWarnings("unchecked")
      MutableHttpResponse<Object> bare = (MutableHttpResponse<Object>) response;
      bare.body(
              new fr.vigie.http.Problem(
                  "https://vigie.example/problems/" + status.getCode(),
                  status.getReason(),
                  status.getCode(),
                  status.getReason(),
                  request.getPath(),
                  List.of()))
          .contentType(fr.vigie.http.Problem.MEDIA_TYPE);
    }
    String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
    if (origin != null && origins.contains(origin)) {
      headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
      headers.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    }
  }
}
