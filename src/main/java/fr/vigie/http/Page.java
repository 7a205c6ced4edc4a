package fr.vigie.http;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of a list: every list Vigie serves is paginated ({@code page} counts from 0). */
@Serdeable
public record Page<T>(List<T> items, int page, int size, long total) {

  public static final int MAX_SIZE = 200;

  /** Validated paging parameters: page ≥ 0, 1 ≤ size ≤ {@value #MAX_SIZE}. */
  public record Request(int page, int size) {

    public static Request parse(String page, String size) {
      return new Request(bounded("page", page, 0, 1_000_000), bounded("size", size, 1, MAX_SIZE));
    }

    private static int bounded(String field, String value, int min, int max) {
      try {
        int parsed = Integer.parseInt(value);
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw ProblemException.malformed(field, "must be a whole number from " + min + " to " + max);
    }
  }
}
