package fr.vigie.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders {@link ProblemException}s thrown by Vigie's own services. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
final class ProblemExceptionHandler
    implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

  @Override
  public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
    Problem body =
        Problems.of(exception.status(), exception.getMessage(), request, exception.errors());
    return Problems.contentType(HttpResponse.<Problem>status(exception.status()).body(body));
  }
}
