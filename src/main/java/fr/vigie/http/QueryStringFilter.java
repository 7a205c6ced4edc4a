package fr.vigie.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query string of every operation refuses control, bidirectional and invisible characters (422
 * naming the parameter; issue 16, finding 5), so that a parameter added tomorrow never takes a NUL
 * to PostgreSQL. Bodies are checked where they are read: {@link StrictJsonReader}. Runs after the
 * security filter.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class QueryStringFilter implements Ordered {

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }

  @RequestFilter
  @Nullable
  HttpResponse<Problem> check(HttpRequest<?> request) {
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
    if (invalid.isEmpty()) {
      return null;
    }
    HttpStatus status = HttpStatus.UNPROCESSABLE_ENTITY;
    return Problems.contentType(
        HttpResponse.<Problem>status(status)
            .body(Problems.of(status, "Some fields are invalid; see errors.", request, invalid)));
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
