package fr.vigie.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One gate for every input of every operation (issue 16, findings 5 and 6), so that an endpoint
 * added tomorrow is as strict as the intake without doing anything: a JSON body is read with {@link
 * StrictJson} against the type its controller binds it to (wrong JSON types and duplicate keys 400,
 * control, bidirectional and invisible characters 422, each naming its field); a form body and the
 * query string are checked for the same characters. Bodies bound as raw bytes are read strictly by
 * their controller (the intake): only duplicate keys are checked here. Runs after the security
 * filter: a caller that may not call an operation never has its body read.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class StrictInputFilter implements Ordered {

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }

  @RequestFilter
  @Nullable
  HttpResponse<Problem> check(HttpRequest<?> request, @Nullable @Body byte[] body) {
    List<Problem.FieldError> malformed = new ArrayList<>();
    List<Problem.FieldError> invalid = new ArrayList<>();
    for (Map.Entry<String, List<String>> parameter : request.getParameters().asMap().entrySet()) {
      for (String value : parameter.getValue()) {
        String problem = characters(parameter.getKey(), value);
        if (problem != null) {
          invalid.add(new Problem.FieldError(clip(parameter.getKey()), problem));
          break;
        }
      }
    }
    if (body != null && body.length > 0) {
      MediaType type = request.getContentType().orElse(MediaType.APPLICATION_JSON_TYPE);
      if (isJson(type)) {
        StrictJson.Findings findings = StrictJson.check(body, bodyType(request));
        malformed.addAll(findings.malformed());
        invalid.addAll(findings.invalid());
      } else if (type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
        form(body, invalid);
      }
    }
    if (malformed.isEmpty() && invalid.isEmpty()) {
      return null;
    }
    HttpStatus status = malformed.isEmpty() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST;
    List<Problem.FieldError> errors = new ArrayList<>(malformed);
    errors.addAll(invalid);
    String detail =
        malformed.isEmpty()
            ? "Some fields are invalid; see errors."
            : "The request is malformed; see errors.";
    return Problems.contentType(
        HttpResponse.<Problem>status(status).body(Problems.of(status, detail, request, errors)));
  }

  /** The Java type the operation binds its body to; null for raw bytes (read by the controller). */
  private static java.lang.reflect.Type bodyType(HttpRequest<?> request) {
    Argument<?> argument =
        RouteAttributes.getRouteInfo(request).flatMap(r -> r.getBodyArgument()).orElse(null);
    if (argument == null) {
      return Object.class;
    }
    Class<?> raw = argument.getType();
    if (raw == byte[].class
        || raw == String.class
        || raw == io.micronaut.json.tree.JsonNode.class) {
      return null;
    }
    return argument.asType();
  }

  private static boolean isJson(MediaType type) {
    return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
  }

  private static void form(byte[] body, List<Problem.FieldError> invalid) {
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        String problem = characters(name, value);
        if (problem != null) {
          invalid.add(new Problem.FieldError(clip(name), problem));
        }
      } catch (IllegalArgumentException badEscape) {
        // The form reader answers a broken escape itself.
      }
    }
  }

  private static String characters(String name, String value) {
    String problem = Texts.characters(name, false);
    return problem != null ? problem : Texts.characters(value, true);
  }

  private static String clip(String name) {
    String shown = Texts.characters(name, false) == null ? name : "?";
    return shown.length() > 64 ? shown.substring(0, 64) + "…" : shown;
  }
}
