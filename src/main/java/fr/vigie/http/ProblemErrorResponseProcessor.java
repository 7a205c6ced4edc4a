package fr.vigie.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Turns the framework's own errors (unknown route, unreadable JSON, constraint violations, 401,
 * 403, 413…) into problem documents. Messages of unexpected errors (500) are never shown: they may
 * name internals.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  @Override
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    if (context.getRequest().getMethod() == HttpMethod.HEAD) {
      return (MutableHttpResponse<Problem>) response;
    }
    boolean internal = status.getCode() >= 500;
    List<Problem.FieldError> fields =
        internal
            ? List.of()
            : context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new Problem.FieldError(fieldPath(e), e.getMessage()))
                .toList();
    String detail =
        internal
            ? "An unexpected error occurred; it has been logged."
            : context.getErrors().stream()
                .findFirst()
                .map(Error::getMessage)
                .orElse(status.getReason());
    Problem body = Problems.of(status, detail, context.getRequest(), fields);
    return Problems.contentType(response.body(body));
  }

  /** Drops the method and parameter prefix of validation paths ({@code list.size} → size). */
  private static String fieldPath(Error error) {
    String path = error.getPath().orElse("");
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
