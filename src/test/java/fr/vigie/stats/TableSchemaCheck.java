package fr.vigie.stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a CSV against a Table Schema (frictionless) descriptor, as data.gouv.fr's validator
 * does for what the descriptor uses: header names and order, required values, types (integer,
 * string, boolean with its true and false values), the constraints {@code minimum}, {@code
 * maximum}, {@code pattern}, {@code enum}, the missing-value markers and the primary key.
 */
final class TableSchemaCheck {

  private TableSchemaCheck() {}

  /** The problems found; empty when the CSV is valid. */
  @SuppressWarnings("unchecked")
  static List<String> problems(String csv, Map<String, Object> schema) {
    List<String> problems = new ArrayList<>();
    List<Map<String, Object>> fields = (List<Map<String, Object>>) schema.get("fields");
    List<String> missing = (List<String>) schema.getOrDefault("missingValues", List.of(""));
    List<String> key = (List<String>) schema.getOrDefault("primaryKey", List.of());
    if (!csv.endsWith("\r\n")) {
      problems.add("the last line does not end with CRLF");
    }
    String[] lines = csv.split("\r\n", -1);
    List<String> names = fields.stream().map(f -> (String) f.get("name")).toList();
    if (!List.of(lines[0].split(",", -1)).equals(names)) {
      problems.add("header " + lines[0] + " is not " + names);
      return problems;
    }
    Set<List<String>> keys = new HashSet<>();
    for (int n = 1; n < lines.length - 1; n++) {
      String[] values = lines[n].split(",", -1);
      if (values.length != fields.size()) {
        problems.add("line " + n + ": " + values.length + " values");
        continue;
      }
      List<String> rowKey = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        Map<String, Object> field = fields.get(i);
        String value = values[i];
        String where = "line " + n + ", " + field.get("name") + " '" + value + "'";
        if (key.contains((String) field.get("name"))) {
          rowKey.add(value);
        }
        Map<String, Object> constraints =
            (Map<String, Object>) field.getOrDefault("constraints", Map.of());
        if (missing.contains(value)) {
          if (Boolean.TRUE.equals(constraints.get("required"))) {
            problems.add(where + ": required");
          }
          continue;
        }
        String problem = check(field, constraints, value);
        if (problem != null) {
          problems.add(where + ": " + problem);
        }
      }
      if (!keys.add(rowKey)) {
        problems.add("line " + n + ": primary key " + rowKey + " repeated");
      }
    }
    return problems;
  }

  @SuppressWarnings("unchecked")
  private static String check(
      Map<String, Object> field, Map<String, Object> constraints, String value) {
    switch ((String) field.get("type")) {
      case "integer" -> {
        if (!value.matches("-?[0-9]+")) {
          return "not an integer";
        }
        long number = Long.parseLong(value);
        if (constraints.get("minimum") instanceof Number min && number < min.longValue()) {
          return "below " + min;
        }
        if (constraints.get("maximum") instanceof Number max && number > max.longValue()) {
          return "above " + max;
        }
      }
      case "boolean" -> {
        List<String> yes = (List<String>) field.getOrDefault("trueValues", List.of("true"));
        List<String> no = (List<String>) field.getOrDefault("falseValues", List.of("false"));
        if (!yes.contains(value) && !no.contains(value)) {
          return "not a boolean";
        }
      }
      case "string" -> {
        if (constraints.get("pattern") instanceof String pattern && !value.matches(pattern)) {
          return "does not match " + pattern;
        }
      }
      default -> {
        return "type " + field.get("type") + " not checked here";
      }
    }
    if (constraints.get("enum") instanceof List<?> values && !values.contains(value)) {
      return "not one of " + values;
    }
    return null;
  }
}
