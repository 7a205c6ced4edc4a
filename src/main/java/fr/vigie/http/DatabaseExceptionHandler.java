package fr.vigie.http;

import fr.vigie.db.Database.DatabaseException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database failure nobody handled. PostgreSQL unreachable (or shutting down): 503 with {@code
 * Retry-After}, so clients and the load balancer back off and retry; nothing was written, the
 * request can be sent again (with the same {@code Idempotency-Key} for a report). Anything else:
 * 500 without details, the cause logged by its SQLSTATE only (a message may quote values).
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
final class DatabaseExceptionHandler
    implements ExceptionHandler<DatabaseException, HttpResponse<Problem>> {

  static final String RETRY_AFTER_SECONDS = "2";
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseExceptionHandler.class);

  @Override
  public HttpResponse<Problem> handle(HttpRequest request, DatabaseException exception) {
    return answer(request, exception, exception.sqlState());
  }

  static HttpResponse<Problem> answer(HttpRequest<?> request, Exception exception, String state) {
    if (fr.vigie.db.Database.unreachable(exception)) {
      // fr.vigie.db.Database logs the outage once when it starts; not once per request.
      LOG.debug("Database unavailable ({}): answered 503", state);
      Problem body =
          Problems.of(
              HttpStatus.SERVICE_UNAVAILABLE,
              "The service cannot reach its database right now; nothing was recorded. Try again"
                  + " in a few seconds.",
              request,
              List.of());
      return Problems.contentType(
          HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE)
              .header("Retry-After", RETRY_AFTER_SECONDS)
              .body(body));
    }
    LOG.error(
        "Database error, SQLSTATE {} ({})",
        state,
        exception.getCause() == null
            ? exception.getClass().getName()
            : exception.getCause().getClass().getName());
    Problem body =
        Problems.of(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "An unexpected error occurred; it has been logged.",
            request,
            List.of());
    return Problems.contentType(
        HttpResponse.<Problem>status(HttpStatus.INTERNAL_SERVER_ERROR).body(body));
  }

  /** The same answers for a failure inside a Micronaut Data repository (the geography). */
  @Singleton
  @Produces(Problem.MEDIA_TYPE)
  static final class DataAccess
      implements ExceptionHandler<
          io.micronaut.data.exceptions.DataAccessException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(
        HttpRequest request, io.micronaut.data.exceptions.DataAccessException exception) {
      return answer(request, exception, null);
    }
  }
}
