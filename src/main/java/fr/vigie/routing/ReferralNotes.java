package fr.vigie.routing;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import java.util.List;

/** A provider's note on its answer: at most 2,000 characters; a decline must say why. */
final class ReferralNotes {

  static final int MAX = 2_000;

  private ReferralNotes() {}

  static String check(String note, boolean required) {
    String text = note == null ? null : note.strip();
    if (text != null && text.isEmpty()) {
      text = null;
    }
    if (required && (text == null || text.length() < 3)) {
      throw ProblemException.invalid(
          List.of(new FieldError("note", "say why you decline, in a few words")));
    }
    if (text != null) {
      String problem = Texts.problem(text, MAX, true);
      if (problem != null) {
        throw ProblemException.invalid(List.of(new FieldError("note", problem)));
      }
    }
    return text;
  }
}
