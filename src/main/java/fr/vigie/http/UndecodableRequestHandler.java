package fr.vigie.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.DecoderException;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request the server could not decode, e.g. a body that is not in the format its {@code
 * Content-Encoding} names ({@code gzip} over plain JSON): the client's mistake, 400, not a 500.
 * Found by {@code HostileInputIT}.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
final class UndecodableRequestHandler
    implements ExceptionHandler<DecoderException, HttpResponse<Problem>> {

  private static final Logger LOG = LoggerFactory.getLogger(UndecodableRequestHandler.class);

  @Override
  public HttpResponse<Problem> handle(HttpRequest request, DecoderException exception) {
    // The class only: a decoder's message may quote the request's bytes.
    LOG.debug("Undecodable request refused ({})", exception.getClass().getSimpleName());
    Problem body =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "The request could not be decoded: check its Content-Encoding and its body.",
            request,
            List.of());
    return Problems.contentType(HttpResponse.<Problem>status(HttpStatus.BAD_REQUEST).body(body));
  }
}
