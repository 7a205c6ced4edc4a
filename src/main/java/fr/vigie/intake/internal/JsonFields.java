package fr.vigie.intake.internal;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.Texts;
import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed fields out of a JSON tree and records every problem with its path, so one answer
 * lists all mistakes of a form. Wrong JSON types and unknown fields are <em>malformed</em> (400);
 * values that break a rule are <em>invalid</em> (422).
 */
final class JsonFields {

  final List<FieldError> malformed = new ArrayList<>();
  final List<FieldError> invalid = new ArrayList<>();

  static String path(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** The object at {@code name}, or null; every field outside {@code known} is reported. */
  JsonNode object(JsonNode parent, String path, String name, boolean required, Set<String> known) {
    JsonNode node = present(parent, path, name, required);
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      malformed.add(new FieldError(path(path, name), "must be a JSON object"));
      return null;
    }
    rejectUnknown(node, path(path, name), known);
    return node;
  }

  void rejectUnknown(JsonNode object, String path, Set<String> known) {
    for (Map.Entry<String, JsonNode> entry : object.entries()) {
      if (!known.contains(entry.getKey())) {
        malformed.add(new FieldError(path(path, clip(entry.getKey())), "unknown field"));
      }
    }
  }

  String text(
      JsonNode parent, String path, String name, int max, boolean required, boolean multiline) {
    JsonNode node = present(parent, path, name, required);
    if (node == null) {
      return null;
    }
    if (!node.isString()) {
      malformed.add(new FieldError(path(path, name), "must be a string"));
      return null;
    }
    String value = node.getStringValue().strip();
    String problem = Texts.problem(value, max, multiline);
    if (problem != null) {
      invalid.add(new FieldError(path(path, name), problem));
      return null;
    }
    if (value.isEmpty()) {
      if (required) {
        invalid.add(new FieldError(path(path, name), "is required"));
      }
      return null;
    }
    return value;
  }

  <E extends Enum<E>> E enumeration(
      JsonNode parent, String path, String name, Class<E> type, boolean required) {
    JsonNode node = present(parent, path, name, required);
    return node == null ? null : enumValue(node, path(path, name), type);
  }

  <E extends Enum<E>> E enumValue(JsonNode node, String fieldPath, Class<E> type) {
    if (!node.isString()) {
      malformed.add(new FieldError(fieldPath, "must be a string"));
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(node.getStringValue())) {
        return constant;
      }
    }
    invalid.add(
        new FieldError(
            fieldPath,
            "unknown value; expected one of " + Arrays.toString(type.getEnumConstants())));
    return null;
  }

  Boolean bool(JsonNode parent, String path, String name, boolean required) {
    JsonNode node = present(parent, path, name, required);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      malformed.add(new FieldError(path(path, name), "must be true, false or null"));
      return null;
    }
    return node.getBooleanValue();
  }

  Integer integer(JsonNode parent, String path, String name, int min, int max) {
    BigDecimal value = number(parent, path, name, false);
    if (value == null) {
      return null;
    }
    if (value.stripTrailingZeros().scale() > 0
        || value.compareTo(BigDecimal.valueOf(min)) < 0
        || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      invalid.add(
          new FieldError(path(path, name), "must be a whole number from " + min + " to " + max));
      return null;
    }
    return value.intValueExact();
  }

  BigDecimal number(JsonNode parent, String path, String name, boolean required) {
    JsonNode node = present(parent, path, name, required);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      malformed.add(new FieldError(path(path, name), "must be a number"));
      return null;
    }
    try {
      return new BigDecimal(node.getNumberValue().toString());
    } catch (NumberFormatException e) {
      invalid.add(new FieldError(path(path, name), "is not a finite number"));
      return null;
    }
  }

  OffsetDateTime time(JsonNode parent, String path, String name, boolean required) {
    String text = text(parent, path, name, 40, required, false);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      invalid.add(
          new FieldError(
              path(path, name),
              "must be a date-time with its offset, e.g. 2026-11-20T07:45:00+01:00"));
      return null;
    }
  }

  List<JsonNode> array(JsonNode parent, String path, String name, int maxItems) {
    JsonNode node = present(parent, path, name, false);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      malformed.add(new FieldError(path(path, name), "must be a JSON array"));
      return List.of();
    }
    if (node.size() > maxItems) {
      invalid.add(new FieldError(path(path, name), "at most " + maxItems + " items"));
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>();
    node.values().forEach(items::add);
    return items;
  }

  /** The field's node, or null when absent or JSON null (reported when required). */
  private JsonNode present(JsonNode parent, String path, String name, boolean required) {
    JsonNode node = parent == null ? null : parent.get(name);
    if (node == null || node.isNull()) {
      if (required && parent != null) {
        invalid.add(new FieldError(path(path, name), "is required"));
      }
      return null;
    }
    return node;
  }

  private static String clip(String name) {
    return name.length() > 64 ? name.substring(0, 64) + "…" : name;
  }
}
