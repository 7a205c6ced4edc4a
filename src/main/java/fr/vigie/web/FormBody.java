package fr.vigie.web;

import fr.vigie.http.ProblemException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@code application/x-www-form-urlencoded} body strictly: valid UTF-8 and percent
 * escapes, a bounded number of fields. Anything else is refused (400), as the API refuses bad JSON.
 * Every page form is read through it: the public form and follow-up, sign-in, the staff pages.
 */
public final class FormBody {

  public static final int MAX_FIELDS = 400;

  private FormBody() {}

  public static Map<String, List<String>> parse(byte[] body) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
              .toString();
    } catch (CharacterCodingException e) {
      throw ProblemException.malformed("", "The form is not valid UTF-8.");
    }
    Map<String, List<String>> fields = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return fields;
    }
    String[] pairs = text.split("&", -1);
    if (pairs.length > MAX_FIELDS) {
      throw ProblemException.malformed("", "The form has too many fields.");
    }
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (name.length() > 100) {
        throw ProblemException.malformed("", "A field name of the form is too long.");
      }
      fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return fields;
  }

  /** The field's first value, or null when absent. */
  public static String one(Map<String, List<String>> fields, String name) {
    List<String> values = fields.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String decode(String part) {
    try {
      String decoded = URLDecoder.decode(part, StandardCharsets.UTF_8);
      if (decoded.indexOf('\uFFFD') >= 0 && part.indexOf('\uFFFD') < 0) {
        throw ProblemException.malformed("", "The form is not valid UTF-8.");
      }
      return decoded;
    } catch (IllegalArgumentException e) {
      throw ProblemException.malformed("", "The form has a broken percent escape.");
    }
  }
}
