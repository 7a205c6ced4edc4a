package fr.vigie.http;

/**
 * Rules for free text from the internet: bounded length, no control characters (PostgreSQL refuses
 * NUL), no lone UTF-16 surrogates (jsonb refuses them), and no invisible formatting characters that
 * change how a text reads on a staff member's or a provider's screen (issue 16, finding 5). Returns
 * what is wrong, or null.
 */
public final class Texts {

  private Texts() {}

  public static String problem(String value, int max, boolean multiline) {
    if (value.codePointCount(0, value.length()) > max) {
      return "at most " + max + " characters";
    }
    return characters(value, multiline);
  }

  /**
   * What is wrong with the characters of a text, or null: a control character (line breaks and tabs
   * allowed when {@code multiline}), a lone surrogate, or a bidirectional control or invisible
   * character ({@link #invisible(int)}).
   */
  public static String characters(String value, boolean multiline) {
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
      } else if (invisible(ch)) {
        return "contains an invisible or text-direction character (U+"
            + String.format("%04X", (int) ch)
            + ")";
      }
    }
    return null;
  }

  /**
   * Characters that reorder or hide text without being seen: the bidirectional embeddings,
   * overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), zero
   * width space and the invisible operators (U+200B, U+2060–U+2064), the deprecated format
   * characters U+206A–U+206F, the byte order mark U+FEFF, the interlinear annotations U+FFF9–U+FFFB
   * and U+180E. A "Mairie de Quimper" typed with U+202E reads differently to the analyst than to
   * the database. The zero width joiner and non-joiner (U+200C, U+200D) stay: emoji and Persian
   * need them, and they cannot reorder anything.
   */
  public static boolean invisible(int ch) {
    return (ch >= 0x202A && ch <= 0x202E)
        || (ch >= 0x2066 && ch <= 0x206F)
        || ch == 0x200B
        || ch == 0x200E
        || ch == 0x200F
        || ch == 0x061C
        || (ch >= 0x2060 && ch <= 0x2064)
        || ch == 0xFEFF
        || (ch >= 0xFFF9 && ch <= 0xFFFB)
        || ch == 0x180E;
  }
}
