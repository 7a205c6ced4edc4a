package fr.vigie.tickets.internal;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON text for {@code ?::jsonb} parameters. */
final class Json {

  private Json() {}

  static String write(JsonMapper json, Object value) {
    try {
      return new String(json.writeValueAsBytes(value), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
