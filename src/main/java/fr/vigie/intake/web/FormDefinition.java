package fr.vigie.intake.web;

import fr.vigie.intake.Questionnaire;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report form as the questionnaire of {@code GET /api/v1/intake/questionnaire} defines it (one
 * source: no question is written into a template): its steps, questions, options, French labels and
 * conditions, read from the same bytes the API serves.
 */
@Singleton
final class FormDefinition {

  /** {@code field} is one of {@code in}, or ({@code filled}) has or lacks an answer. */
  record Condition(String field, List<String> in, Boolean filled) {
    boolean holds(Map<String, List<String>> answers) {
      List<String> values = answers.getOrDefault(field, List.of());
      boolean answered = values.stream().anyMatch(v -> !v.isBlank());
      if (filled != null) {
        return filled == answered;
      }
      return values.stream().anyMatch(in::contains);
    }
  }

  record Option(String value, String label) {}

  record Question(
      String field,
      String label,
      String help,
      String type,
      boolean required,
      Condition requiredIf,
      Condition showIf,
      Integer maxLength,
      List<Option> options,
      String defaultValue,
      boolean hidden,
      List<Question> items) {

    boolean shown(Map<String, List<String>> answers) {
      return !hidden && (showIf == null || showIf.holds(answers));
    }

    /** The HTML id of the field (of its first option for a group), the error summary's target. */
    String htmlId() {
      return "f-" + field.replaceAll("[^A-Za-z0-9]", "-");
    }
  }

  record Step(String id, String title, String help, List<Question> questions) {
    boolean owns(String field) {
      return questions.stream()
          .anyMatch(
              q ->
                  field.equals(q.field())
                      || field.startsWith(q.field() + "[")
                      || field.startsWith(q.field() + "."));
    }
  }

  private final List<Step> steps;

  FormDefinition(Questionnaire questionnaire, JsonMapper json) {
    try {
      JsonNode root = json.readValue(questionnaire.body(), JsonNode.class);
      List<Step> read = new ArrayList<>();
      for (JsonNode step : root.get("steps").values()) {
        List<Question> questions = new ArrayList<>();
        for (JsonNode q : step.get("questions").values()) {
          questions.add(question(q));
        }
        read.add(new Step(text(step, "id"), text(step, "title"), text(step, "help"), questions));
      }
      this.steps = List.copyOf(read);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Step> steps() {
    return steps;
  }

  int index(String stepId) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id().equals(stepId)) {
        return i;
      }
    }
    return -1;
  }

  /** The step a field (or an error path such as {@code incident.observables[2].value}) is in. */
  int stepOf(String field) {
    String plain = field.replaceAll("\\[[0-9]+\\]", "[]");
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).owns(plain) || steps.get(i).owns(field)) {
        return i;
      }
    }
    // An error on a whole object (incident.fundsTransferred) belongs to its first field's step.
    for (int i = 0; i < steps.size(); i++) {
      for (Question q : steps.get(i).questions()) {
        if (q.field().startsWith(plain + ".")) {
          return i;
        }
      }
    }
    return -1;
  }

  Optional<Question> question(String field) {
    String plain = field.replaceAll("\\[[0-9]+\\]", "[]");
    for (Step step : steps) {
      for (Question q : step.questions()) {
        if (q.field().equals(plain) || plain.startsWith(q.field() + "[")) {
          return Optional.of(q);
        }
        if (q.field().startsWith(plain + ".")) {
          return Optional.of(q);
        }
      }
    }
    return Optional.empty();
  }

  private static Question question(JsonNode q) {
    List<Option> options = new ArrayList<>();
    JsonNode list = q.get("options");
    if (list != null) {
      for (JsonNode o : list.values()) {
        options.add(new Option(value(o.get("value")), text(o, "label")));
      }
    }
    List<Question> items = new ArrayList<>();
    JsonNode itemList = q.get("items");
    if (itemList != null) {
      for (JsonNode item : itemList.values()) {
        items.add(question(item));
      }
    }
    JsonNode max = q.get("maxLength");
    JsonNode required = q.get("required");
    JsonNode hidden = q.get("hidden");
    return new Question(
        text(q, "field"),
        text(q, "label"),
        text(q, "help"),
        text(q, "type"),
        required != null && required.isBoolean() && required.getBooleanValue(),
        condition(q.get("requiredIf")),
        condition(q.get("showIf")),
        max == null ? null : max.getIntValue(),
        List.copyOf(options),
        q.get("default") == null ? null : value(q.get("default")),
        hidden != null && hidden.isBoolean() && hidden.getBooleanValue(),
        List.copyOf(items));
  }

  private static Condition condition(JsonNode c) {
    if (c == null) {
      return null;
    }
    List<String> in = new ArrayList<>();
    if (c.get("in") != null) {
      c.get("in").values().forEach(v -> in.add(value(v)));
    }
    JsonNode filled = c.get("filled");
    return new Condition(
        text(c, "field"), List.copyOf(in), filled == null ? null : filled.getBooleanValue());
  }

  /** Option values as the form posts them: booleans as "true"/"false", "don't know" as "". */
  private static String value(JsonNode v) {
    if (v == null || v.isNull()) {
      return "";
    }
    if (v.isBoolean()) {
      return Boolean.toString(v.getBooleanValue());
    }
    return v.isString() ? v.getStringValue() : v.toString();
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v.getStringValue();
  }
}
