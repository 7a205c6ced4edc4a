package fr.vigie.tickets.internal;

import fr.vigie.http.ProblemException;
import io.micronaut.http.HttpStatus;

/** Optimistic locking: a change sent with {@code If-Match} applies only to that version. */
public final class Versions {

  private Versions() {}

  /** The entity tag of a ticket version, e.g. {@code "v3"}. */
  public static String etag(int version) {
    return "\"v" + version + "\"";
  }

  /** The version named by an {@code If-Match} header ({@code "v3"}, {@code W/"v3"} or 3). */
  public static Integer parseIfMatch(String header) {
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return null;
    }
    String value = header.strip().replaceFirst("^W/", "").replace("\"", "").replaceFirst("^v", "");
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw ProblemException.malformed("If-Match", "must be the ETag of the ticket, e.g. \"v3\"");
    }
  }

  static void check(Integer expected, int actual) {
    if (expected != null && expected != actual) {
      throw new ProblemException(
          HttpStatus.PRECONDITION_FAILED,
          "The ticket changed since you read it (your version "
              + expected
              + ", now "
              + actual
              + "): reload it and try again.");
    }
  }
}
