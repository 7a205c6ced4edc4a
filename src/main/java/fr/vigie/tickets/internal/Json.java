package fr.vigie.tickets.internal;

import fr.vigie.tickets.Classification;
import fr.vigie.tickets.Deadline;
import fr.vigie.tickets.Incident.Observable;
import fr.vigie.tickets.Orientation;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** JSON text for {@code ?::jsonb} parameters. */
final class Json {

  private Json() {}

  /**
   * Always with the declared type: given only an {@code Object}, Micronaut Serde looks each value's
   * serializer up by its runtime type, and a type it has no introspection for (an enum, a map)
   * costs a scan of every introspection plus an exception, each time. That was a fifth of the
   * intake's CPU (ops/bench/RESULTS.md, profile).
   */
  static <T> String write(JsonMapper json, Argument<T> type, T value) {
    try {
      return new String(json.writeValueAsBytes(type, value), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final Argument<Classification> CLASSIFICATION = Argument.of(Classification.class);
  static final Argument<List<Orientation>> ORIENTATIONS = Argument.listOf(Orientation.class);
  static final Argument<List<Deadline>> DEADLINES = Argument.listOf(Deadline.class);
  static final Argument<List<Observable>> OBSERVABLES = Argument.listOf(Observable.class);
}
