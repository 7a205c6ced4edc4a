package fr.vigie.intake.web;

import fr.vigie.CsirtSettings;
import fr.vigie.geo.Commune;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.intake.IntakeService;
import fr.vigie.intake.web.FormDefinition.Question;
import fr.vigie.intake.web.FormDefinition.Step;
import fr.vigie.triage.Diagnosis;
import fr.vigie.web.FieldProblem;
import fr.vigie.web.Messages;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report form's rules: turns the answers typed so far into the JSON body of {@code POST
 * /api/v1/reports} and checks a step with the API's own rules ({@link IntakeService#diagnose},
 * which stores nothing), so the form and the API never disagree. Mistakes come back in French, each
 * on its field.
 */
@Singleton
final class ReportForm {

  /** Answers keep the commune typed under its field and the code it resolved to under this key. */
  static final String COMMUNE_CODE = "_commune";

  static final String COMMUNE_FIELD = "victim.communeCode";
  private static final DateTimeFormatter TYPED =
      DateTimeFormatter.ofPattern("d/M/uuuu H[:mm][h mm][hmm]");

  private final FormDefinition form;
  private final IntakeService intake;
  private final JsonMapper json;
  private final Messages messages;
  private final Clock clock;
  private final ZoneId zone;

  ReportForm(
      FormDefinition form,
      IntakeService intake,
      JsonMapper json,
      Messages messages,
      Clock clock,
      CsirtSettings csirt) {
    this.form = form;
    this.intake = intake;
    this.json = json;
    this.messages = messages;
    this.clock = clock;
    this.zone = csirt.zone();
  }

  /** The report as JSON, and the answers that could not be read (in French). */
  record Built(byte[] body, List<FieldProblem> problems) {}

  /** The mistakes of steps {@code 0..last} (the check page: all of them). */
  List<FieldProblem> check(Map<String, List<String>> answers, int last) {
    Built built = build(answers, last);
    List<FieldProblem> problems = new ArrayList<>(built.problems());
    try {
      intake.diagnose(built.body());
    } catch (ProblemException e) {
      for (FieldError error : e.errors()) {
        int step = form.stepOf(error.field());
        if (step >= 0 && step <= last && problems.stream().noneMatch(p -> covers(p, error))) {
          problems.add(french(error));
        }
      }
    }
    return problems;
  }

  /** What the report would mean, for the live preview; empty until it can be read. */
  java.util.Optional<Diagnosis> preview(Map<String, List<String>> answers, int last) {
    Built built = build(answers, last);
    try {
      return java.util.Optional.of(intake.diagnose(built.body()));
    } catch (ProblemException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The JSON body. Questions of steps after {@code last} that the API requires get neutral
   * stand-ins, so a step is checked alone; the final submission passes the last step.
   */
  Built build(Map<String, List<String>> answers, int last) {
    Map<String, Object> root = new LinkedHashMap<>();
    List<FieldProblem> problems = new ArrayList<>();
    List<Step> steps = form.steps();
    for (int i = 0; i < steps.size(); i++) {
      for (Question q : steps.get(i).questions()) {
        if (q.hidden()) {
          // A hidden answer is never taken from a post (see ReportFormController.keep): only the
          // server puts one in the signed state, e.g. « Téléphone » for the desk's phone intake.
          String set = first(answers, q.field());
          boolean known = q.options().stream().anyMatch(o -> o.value().equals(set));
          put(root, q.field(), known ? set : q.defaultValue());
          continue;
        }
        if (!q.shown(answers)) {
          continue;
        }
        Object value = i <= last ? value(q, answers, problems) : null;
        if (value == null && i > last) {
          value = standIn(q, answers);
        }
        if (value != null) {
          put(root, q.field(), value);
        }
      }
    }
    try {
      return new Built(json.writeValueAsBytes(root), problems);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object value(Question q, Map<String, List<String>> answers, List<FieldProblem> out) {
    List<String> values = answers.getOrDefault(q.field(), List.of());
    String one = values.isEmpty() ? "" : values.get(0).strip();
    switch (q.type()) {
      case "multiple-choice":
        return values.stream().filter(v -> !v.isBlank()).toList();
      case "boolean":
        return one.isEmpty() ? null : Boolean.valueOf(one.equals("true"));
      case "consent":
        return one.equals("oui");
      case "commune":
        return answers.getOrDefault(COMMUNE_CODE, List.of()).stream().findFirst().orElse(null);
      case "number":
        if (one.isEmpty()) {
          return null;
        }
        try {
          return Long.valueOf(one.replaceAll("[\\s\\u00a0\\u202f]", ""));
        } catch (NumberFormatException e) {
          out.add(new FieldProblem(q.htmlId(), messages.get("error.number", q.label())));
          return null;
        }
      case "money":
        if (one.isEmpty()) {
          return null;
        }
        try {
          return new BigDecimal(one.replaceAll("[\\s\\u00a0\\u202f€]", "").replace(',', '.'));
        } catch (NumberFormatException e) {
          out.add(new FieldProblem(q.htmlId(), messages.get("error.money", q.label())));
          return null;
        }
      case "date-time":
        if (one.isEmpty()) {
          return null;
        }
        LocalDateTime local = dateTime(one);
        if (local == null) {
          out.add(new FieldProblem(q.htmlId(), messages.get("error.dateTime", q.label())));
          return null;
        }
        return local.atZone(zone).toOffsetDateTime().toString();
      case "observables":
        return observables(answers);
      default:
        return one.isEmpty() ? null : one;
    }
  }

  private static List<Map<String, String>> observables(Map<String, List<String>> answers) {
    List<Map<String, String>> items = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String value = first(answers, "incident.observables[" + i + "].value");
      if (!value.isBlank()) {
        Map<String, String> item = new LinkedHashMap<>();
        String type = first(answers, "incident.observables[" + i + "].type");
        item.put("type", type.isBlank() ? "OTHER" : type);
        item.put("value", value.strip());
        items.add(item);
      }
    }
    return items;
  }

  static String first(Map<String, List<String>> answers, String key) {
    List<String> values = answers.getOrDefault(key, List.of());
    return values.isEmpty() ? "" : values.get(0);
  }

  /** A stand-in for a required answer of a later step: valid, and without weight in triage. */
  private Object standIn(Question q, Map<String, List<String>> answers) {
    boolean needed = q.required() || (q.requiredIf() != null && q.requiredIf().holds(answers));
    if (!needed) {
      return null;
    }
    return switch (q.type()) {
      case "consent" -> true;
      case "single-choice" -> q.options().get(q.options().size() - 1).value();
      case "date-time" ->
          clock.instant().minusSeconds(3600).atZone(zone).toOffsetDateTime().toString();
      case "phone" -> "0000000";
      case "text", "long-text" -> "-";
      default -> null;
    };
  }

  private LocalDateTime dateTime(String text) {
    try {
      return LocalDateTime.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text.replace(" à ", " "), TYPED);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
    }
    node.put(parts[parts.length - 1], value);
  }

  private boolean covers(FieldProblem problem, FieldError error) {
    return form.question(error.field())
        .map(q -> q.htmlId().equals(problem.fieldId()))
        .orElse(false);
  }

  /** An API error on a field, said in French, linked to the field. */
  FieldProblem french(FieldError error) {
    Question q = form.question(error.field()).orElse(null);
    String id = q == null ? "f-" + error.field().replaceAll("[^A-Za-z0-9]", "-") : q.htmlId();
    String label = q == null ? error.field() : q.label();
    String kind = kind(error.message());
    String specific =
        messages.find(
            "error." + error.field().replaceAll("\\[[0-9]+\\]", "[]") + "." + kind, label);
    if (specific == null && q != null) {
      specific = messages.find("error." + q.field() + "." + kind, label);
    }
    return new FieldProblem(id, specific != null ? specific : messages.get("error." + kind, label));
  }

  private static String kind(String english) {
    if (english.equals("is required")) {
      return "required";
    }
    if (english.startsWith("at most")) {
      return "tooLong";
    }
    if (english.startsWith("contains")) {
      return "character";
    }
    if (english.startsWith("cannot be in the future")) {
      return "future";
    }
    if (english.startsWith("must be after")) {
      return "tooOld";
    }
    if (english.startsWith("no commune") || english.startsWith("no intercommunality")) {
      return "notFound";
    }
    if (english.startsWith("give a phone")) {
      return "reachable";
    }
    if (english.startsWith("must be true")) {
      return "consent";
    }
    return "invalid";
  }

  /** The commune a typed text designates, for the step that asks it. */
  static String communeLabel(Commune c) {
    return CommuneFinder.label(c);
  }
}
