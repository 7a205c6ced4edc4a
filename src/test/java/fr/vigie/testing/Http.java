package fr.vigie.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sends a request and returns status, headers and parsed body whatever the status. */
public final class Http {

  private final HttpClient client;
  private final JsonMapper json;

  public Http(HttpClient client, JsonMapper json) {
    this.client = client;
    this.json = json;
  }

  /** An answer: status, content type, raw body and its JSON (a map, or null). */
  public record Answer(
      int status,
      String contentType,
      String body,
      Map<String, Object> json,
      HttpResponse<?> response) {

    public Optional<String> header(String name) {
      return Optional.ofNullable(response.getHeaders().get(name));
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> errors() {
      return json == null
          ? List.of()
          : (List<Map<String, Object>>) json.getOrDefault("errors", List.of());
    }

    public List<String> errorFields() {
      return errors().stream().map(e -> (String) e.get("field")).toList();
    }
  }

  public Answer send(MutableHttpRequest<?> request) {
    HttpResponse<String> response;
    try {
      response = client.toBlocking().exchange(request, String.class);
    } catch (HttpClientResponseException e) {
      response = (HttpResponse<String>) e.getResponse();
      String body = e.getResponse().getBody(String.class).orElse(null);
      return answer(response, body);
    }
    return answer(response, response.body());
  }

  private Answer answer(HttpResponse<?> response, String body) {
    Map<String, Object> parsed = null;
    if (body != null && body.startsWith("{")) {
      try {
        parsed = json.readValue(body, Argument.mapOf(String.class, Object.class));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Answer(
        response.code(),
        response.getContentType().map(Object::toString).orElse(null),
        body,
        parsed,
        response);
  }
}
