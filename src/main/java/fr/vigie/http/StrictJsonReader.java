package fr.vigie.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.body.JsonMessageHandler;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Every JSON body bound to a type is read as strictly as the intake reads a report (issue 16,
 * findings 5 and 6), so that an endpoint added tomorrow is strict without doing anything: before
 * the framework's JSON reader binds it, {@link StrictJson} checks the body against the type the
 * operation binds (wrong JSON types and duplicate keys: 400; control, bidirectional and invisible
 * characters: 422; each naming its field). Ordered before {@link JsonMessageHandler}, which then
 * reads the same bytes. Raw bodies ({@code byte[]}, text) are not bound here: the intake reads them
 * itself, with the same rules.
 */
@Singleton
@Order(JsonMessageHandler.ORDER - 1)
@JsonMessageHandler.ConsumesJson
final class StrictJsonReader<T> implements MessageBodyReader<T> {

  private final JsonMessageHandler<T> delegate;

  StrictJsonReader(JsonMapper json) {
    this.delegate = new JsonMessageHandler<>(json);
  }

  @Override
  public boolean isReadable(Argument<T> type, MediaType mediaType) {
    Class<?> raw = type.getType();
    return raw != byte[].class
        && !CharSequence.class.isAssignableFrom(raw)
        && !ByteBuffer.class.isAssignableFrom(raw)
        && !java.nio.ByteBuffer.class.isAssignableFrom(raw)
        && delegate.isReadable(type, mediaType);
  }

  @Override
  public T read(Argument<T> type, MediaType mediaType, Headers headers, ByteBuffer<?> buffer)
      throws CodecException {
    return read(type, mediaType, headers, buffer.toByteArray());
  }

  @Override
  public T read(Argument<T> type, MediaType mediaType, Headers headers, InputStream input)
      throws CodecException {
    try {
      return read(type, mediaType, headers, input.readAllBytes());
    } catch (IOException e) {
      throw new CodecException("The body could not be read.", e);
    }
  }

  private T read(Argument<T> type, MediaType mediaType, Headers headers, byte[] body) {
    StrictJson.Findings findings = StrictJson.check(body, type.asType());
    if (!findings.clean()) {
      List<Problem.FieldError> errors = new ArrayList<>(findings.malformed());
      errors.addAll(findings.invalid());
      throw findings.malformed().isEmpty()
          ? ProblemException.invalid(errors)
          : new ProblemException(
              HttpStatus.BAD_REQUEST, "The request is malformed; see errors.", errors);
    }
    return delegate.read(type, mediaType, headers, new ByteArrayInputStream(body));
  }
}
