package fr.vigie.stats.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one dimension as small codes (at most 255): a closed vocabulary keeps its order, an
 * open one (département, région codes) grows as values are seen.
 */
final class Dictionary {

  static final int MAX = 255;
  private final List<String> values = new ArrayList<>();
  private final Map<String, Integer> codes = new HashMap<>();

  Dictionary(List<String> vocabulary) {
    vocabulary.forEach(this::code);
  }

  /** The code of {@code value}, added if new. */
  int code(String value) {
    Integer code = codes.get(value);
    if (code != null) {
      return code;
    }
    if (values.size() == MAX) {
      throw new IllegalStateException("more than " + MAX + " values in one dimension");
    }
    values.add(value);
    codes.put(value, values.size() - 1);
    return values.size() - 1;
  }

  /** The code of {@code value}, or -1 if it was never seen. */
  int find(String value) {
    Integer code = codes.get(value);
    return code == null ? -1 : code;
  }

  String value(int code) {
    return values.get(code);
  }

  int size() {
    return values.size();
  }
}
