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
                .map(ProblemErrorResponseProcessor::fieldError)
                .filter(java.util.Objects::nonNull)
                .toList();
    String detail =
        internal
            ? "An unexpected error occurred; it has been logged."
            : !fields.isEmpty()
                ? "Some fields are invalid; see errors."
                : context.getErrors().stream()
                    .findFirst()
                    .map(Error::getMessage)
                    .filter(m -> !LEAKS.matcher(m).find())
                    .orElse(status.getReason());
    Problem body = Problems.of(status, detail, context.getRequest(), fields);
    return Problems.contentType(response.body(body));
  }

  private static final java.util.regex.Pattern VIOLATION =
      java.util.regex.Pattern.compile("^([A-Za-z0-9_.\\[\\]]+): (.+)$");

  /**
   * The field an error is about: its path when the framework gives one, else the {@code
   * method.parameter: message} prefix of a constraint violation. Only the last segment is kept
   * ({@code search.q} → {@code q}): internal method and class names never leave the server.
   */
  private static Problem.FieldError fieldError(Error error) {
    String path = error.getPath().orElse(null);
    String message = error.getMessage();
    if (path == null && message != null) {
      var matcher = VIOLATION.matcher(message);
      if (matcher.matches()) {
        path = matcher.group(1);
        message = matcher.group(2);
      }
    }
    if (path == null || path.isEmpty()) {
      return null;
    }
    if (message != null && LEAKS.matcher(message).find()) {
      // A deserialisation failure: name the JSON property, never the Java type or parser state.
      var property = JSON_PROPERTY.matcher(message);
      String field = null;
      while (property.find()) {
        field = property.group(1);
      }
      var allowed = ALLOWED_VALUES.matcher(message);
      return new Problem.FieldError(
          field != null ? field : "body",
          allowed.find()
              ? "a value is not allowed: " + allowed.group()
              : "has a wrong type or a value that is not allowed");
    }
    String field = path.startsWith("/") ? path.substring(1) : path;
    return new Problem.FieldError(field.substring(field.lastIndexOf('.') + 1), message);
  }

  private static final java.util.regex.Pattern LEAKS =
      java.util.regex.Pattern.compile(
          "fr\\.vigie|io\\.micronaut|com\\.fasterxml|java\\.|\\[Source:|Exception|`");
  private static final java.util.regex.Pattern ALLOWED_VALUES =
      java.util.regex.Pattern.compile(
          "Expected one of \\[[A-Z0-9_+, ]{1,400}\\] but was '[^'\\n]{0,64}'");
  private static final java.util.regex.Pattern JSON_PROPERTY =
      java.util.regex.Pattern.compile("\\[\"([^\"]{1,64})\"\\]");
}
