package fr.vigie.http;

import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A request Vigie refuses for a reason the caller can act on. Thrown by services; rendered by
 * {@link ProblemExceptionHandler}. Never carries personal data in its message: it is logged.
 */
public class ProblemException extends RuntimeException {

  private final HttpStatus status;
  private final List<Problem.FieldError> errors;

  public ProblemException(HttpStatus status, String detail, List<Problem.FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public ProblemException(HttpStatus status, String detail) {
    this(status, detail, List.of());
  }

  /** 422: the request is well-formed but breaks a rule; each broken rule names its field. */
  public static ProblemException invalid(List<Problem.FieldError> errors) {
    return new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY, "Some fields are invalid; see errors.", errors);
  }

  /** 400 for a body that is not the JSON we expect, naming the field when one is known. */
  public static ProblemException malformed(String field, String message) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST, message, List.of(new Problem.FieldError(field, message)));
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(HttpStatus.NOT_FOUND, what + " not found.");
  }

  public HttpStatus status() {
    return status;
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }
}
