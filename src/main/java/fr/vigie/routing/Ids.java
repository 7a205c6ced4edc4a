package fr.vigie.routing;

import fr.vigie.http.ProblemException;

/** Numeric ids in paths: anything else is simply not found (nothing to tell an attacker). */
final class Ids {

  private Ids() {}

  static long parse(String id) {
    if (id != null && id.length() <= 18 && id.matches("[0-9]+")) {
      return Long.parseLong(id);
    }
    throw ProblemException.notFound("Resource");
  }
}
