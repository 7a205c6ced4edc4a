package fr.vigie.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds problem responses with stable {@code type} URIs, one per HTTP status. */
final class Problems {

  private Problems() {}

  static Problem of(
      HttpStatus status, String detail, HttpRequest<?> request, List<Problem.FieldError> errors) {
    return new Problem(
        "https://vigie.example/problems/" + status.getCode(),
        status.getReason(),
        status.getCode(),
        detail,
        request == null ? null : request.getPath(),
        errors);
  }

  static <T> MutableHttpResponse<T> contentType(MutableHttpResponse<T> response) {
    return response.contentType(Problem.MEDIA_TYPE);
  }
}
