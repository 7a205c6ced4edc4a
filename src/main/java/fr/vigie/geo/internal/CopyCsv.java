package fr.vigie.geo.internal;

import java.util.List;

/**
 * Writes rows in the CSV dialect of PostgreSQL's {@code COPY ... (FORMAT csv)}: a {@code null}
 * field is written empty and unquoted, which COPY reads as NULL; any other value that is empty or
 * holds a comma, quote or line break is quoted.
 */
final class CopyCsv {

  private final StringBuilder out = new StringBuilder(1 << 16);

  void row(List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      field(fields.get(i));
    }
    out.append('\n');
  }

  private void field(String value) {
    if (value == null) {
      return;
    }
    if (value.isEmpty()
        || value.indexOf(',') >= 0
        || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0) {
      out.append('"').append(value.replace("\"", "\"\"")).append('"');
    } else {
      out.append(value);
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
