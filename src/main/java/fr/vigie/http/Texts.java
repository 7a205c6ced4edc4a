package fr.vigie.http;

/**
 * Rules for free text from the internet: bounded length, no control characters (PostgreSQL refuses
 * NUL), no lone UTF-16 surrogates (jsonb refuses them). Returns what is wrong, or null.
 */
public final class Texts {

  private Texts() {}

  public static String problem(String value, int max, boolean multiline) {
    if (value.codePointCount(0, value.length()) > max) {
      return "at most " + max + " characters";
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (Character.isHighSurrogate(ch)) {
        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return "contains an invalid character";
        }
        i++;
      } else if (Character.isLowSurrogate(ch)) {
        return "contains an invalid character";
      } else if (Character.isISOControl(ch)
          && !(multiline && (ch == '\n' || ch == '\t' || ch == '\r'))) {
        return "contains a control character";
      }
    }
    return null;
  }
}
