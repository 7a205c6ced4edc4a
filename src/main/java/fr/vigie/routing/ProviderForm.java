package fr.vigie.routing;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.RsitTaxonomy;
import fr.vigie.web.FieldProblem;
import fr.vigie.web.Messages;
import fr.vigie.web.StaffPages;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider form of the console, shared by « nouveau » and the change of a provider: reads what
 * was posted into the {@link ProviderRequest} the API takes, fills the form from a {@link
 * Provider}, and names each field {@link ProviderDirectory} refuses in French, with the id of its
 * input (for the error summary's link and the message next to the field).
 *
 * <p>Labels: one date input per {@link LabelKind}, the last day the provider holds it; left empty,
 * the provider does not hold that label.
 */
@Singleton
public final class ProviderForm {

  /** The single-valued fields of the form, by their name in the posted form. */
  static final List<String> NAMES =
      List.of(
          "nom",
          "siren",
          "departements",
          "siege",
          "capacite",
          "horaires",
          "courriel",
          "astreinte",
          "actif");

  /** Form fields by the API's field: their id on the page and their label. */
  private static final Map<String, String[]> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("name", new String[] {"f-nom", "Nom du prestataire"});
    FIELDS.put("siren", new String[] {"f-siren", "SIREN"});
    FIELDS.put("labels", new String[] {"f-label-" + LabelKind.values()[0].name(), "Labels"});
    FIELDS.put("departements", new String[] {"f-departements", "Départements couverts"});
    FIELDS.put("baseDepartement", new String[] {"f-siege", "Département du siège"});
    FIELDS.put("victimTypes", new String[] {"f-victimes", "Types de victimes"});
    FIELDS.put("rsitClasses", new String[] {"f-classes", "Classes d'incidents"});
    FIELDS.put("capacity", new String[] {"f-capacite", "Capacité"});
    FIELDS.put("onCall247", new String[] {"f-astreinte", "Astreinte"});
    FIELDS.put("openingHours", new String[] {"f-horaires", "Horaires d'intervention"});
    FIELDS.put("email", new String[] {"f-courriel", "Courriel"});
    FIELDS.put("active", new String[] {"f-actif", "Actif"});
  }

  private static final Map<String, String> LABELS =
      Map.of(
          "PRIS_ELEVE", "PRIS, niveau élevé",
          "PRIS_SUBSTANTIEL", "PRIS, niveau substantiel",
          "EXPERTCYBER", "ExpertCyber",
          "REGIONAL_LABEL", "Label régional",
          "REFERENCED", "Référencé par le CSIRT");

  private final Messages messages;

  ProviderForm(Messages messages) {
    this.messages = messages;
  }

  /**
   * The form's model: what is typed (by field name), the choices, and the mistakes (the summary's
   * list, and each one's text next to its field).
   */
  public record View(
      Map<String, String> typed,
      List<Choice> labels,
      List<Choice> victimTypes,
      List<Choice> classes,
      List<FieldProblem> errors) {

    /** The mistake shown next to the input {@code id}, or null. */
    @Nullable
    public String error(String id) {
      for (FieldProblem p : errors) {
        if (p.fieldId().equals(id)) {
          return p.message();
        }
      }
      return null;
    }

    /** The value of {@code aria-describedby} for the input {@code id}: its help and its mistake. */
    @Nullable
    public String describedBy(String id, boolean help) {
      String ids = (help ? id + "-aide " : "") + (error(id) != null ? id + "-erreur" : "");
      return ids.isBlank() ? null : ids.strip();
    }
  }

  /** A checkbox, or a label's date input ({@code value}: the field name, the label's kind). */
  public record Choice(String id, String value, String label, boolean checked, String date) {}

  /** What was posted, by field name: one value each, several choices joined by commas. */
  static Map<String, String> read(Map<String, List<String>> form) {
    Map<String, String> typed = new LinkedHashMap<>();
    for (String key : NAMES) {
      String value = StaffPages.one(form, key);
      typed.put(key, value == null ? "" : value);
    }
    for (LabelKind kind : LabelKind.values()) {
      String value = StaffPages.one(form, "validite-" + kind.name());
      typed.put("validite-" + kind.name(), value == null ? "" : value);
    }
    typed.put("victimes", String.join(",", form.getOrDefault("victimes", List.of())));
    typed.put("classes", String.join(",", form.getOrDefault("classes", List.of())));
    return typed;
  }

  /** The form filled with a provider as the directory holds it. */
  static Map<String, String> typed(Provider p) {
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("nom", p.name());
    typed.put("siren", p.siren());
    typed.put("departements", String.join(", ", p.departements()));
    typed.put("siege", p.baseDepartement());
    typed.put("capacite", Integer.toString(p.capacity()));
    typed.put("horaires", String.join(", ", p.openingHours()));
    typed.put("courriel", p.email());
    typed.put("astreinte", p.onCall247() ? "oui" : "");
    typed.put("actif", p.active() ? "oui" : "");
    for (Provider.Label label : p.labels()) {
      typed.put("validite-" + label.kind().name(), label.validUntil().toString());
    }
    typed.put("victimes", String.join(",", p.victimTypes()));
    typed.put("classes", String.join(",", p.rsitClasses()));
    return typed;
  }

  /**
   * The API's request for what was typed. The webhook is not a page's: {@code webhookUrl} is the
   * provider's current one (its secret is kept by {@link ProviderDirectory#update}), null for a new
   * provider.
   */
  static ProviderRequest request(Map<String, String> typed, @Nullable String webhookUrl) {
    Integer capacity = null;
    if (typed.get("capacite").strip().matches("[0-9]{1,6}")) {
      capacity = Integer.valueOf(typed.get("capacite").strip());
    }
    List<ProviderRequest.Label> labels = new ArrayList<>();
    for (LabelKind kind : labelOrder(typed)) {
      labels.add(
          new ProviderRequest.Label(kind.name(), typed.get("validite-" + kind.name()).strip()));
    }
    return new ProviderRequest(
        blank(typed.get("nom")),
        blank(typed.get("siren")),
        labels,
        list(typed.get("departements")),
        blank(typed.get("siege")),
        list(typed.get("victimes")),
        list(typed.get("classes")),
        capacity,
        "oui".equals(typed.get("astreinte")),
        list(typed.get("horaires")),
        blank(typed.get("courriel")),
        webhookUrl,
        null,
        "oui".equals(typed.get("actif")));
  }

  /** The mistakes of a refused form, in French, each once, linked to its input. */
  List<FieldProblem> errors(ProblemException e, Map<String, String> typed) {
    List<LabelKind> order = labelOrder(typed);
    List<FieldProblem> errors = new ArrayList<>();
    for (FieldError f : e.errors()) {
      String field = f.field().replaceAll("[\\[.].*", "");
      String[] known = FIELDS.getOrDefault(field, new String[] {"f-nom", "Ce prestataire"});
      String id = known[0];
      String label = known[1];
      var index = java.util.regex.Pattern.compile("^labels\\[(\\d+)]").matcher(f.field());
      if (index.find() && Integer.parseInt(index.group(1)) < order.size()) {
        LabelKind kind = order.get(Integer.parseInt(index.group(1)));
        id = "f-label-" + kind.name();
        label = "Label " + LABELS.get(kind.name());
      }
      FieldProblem problem = new FieldProblem(id, label + " : " + french(f.field(), f.message()));
      if (errors.stream().noneMatch(p -> p.fieldId().equals(problem.fieldId()))) {
        errors.add(problem);
      }
    }
    if (errors.isEmpty()) {
      errors.add(new FieldProblem("f-nom", messages.get("console.error.generic")));
    }
    return errors;
  }

  /** The form's model for what is typed and the mistakes. */
  View view(Map<String, String> typed, List<FieldProblem> errors) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : NAMES) {
      values.put(key, typed.getOrDefault(key, ""));
    }
    List<String> chosenTypes = Arrays.asList(typed.getOrDefault("victimes", "").split(","));
    List<String> chosenClasses = Arrays.asList(typed.getOrDefault("classes", "").split(","));
    List<Choice> labels = new ArrayList<>();
    for (LabelKind k : LabelKind.values()) {
      String date = typed.getOrDefault("validite-" + k.name(), "");
      labels.add(
          new Choice(
              "f-label-" + k.name(),
              "validite-" + k.name(),
              LABELS.getOrDefault(k.name(), k.name()),
              !date.isBlank(),
              date));
    }
    List<Choice> types = new ArrayList<>();
    for (VictimType t : VictimType.values()) {
      String text = messages.find("console.victimType." + t.name());
      types.add(
          new Choice(
              types.isEmpty() ? "f-victimes" : "f-victimes-" + t.ordinal(),
              t.name(),
              text == null ? t.name() : text,
              chosenTypes.contains(t.name()),
              ""));
    }
    List<Choice> classes = new ArrayList<>();
    for (String c : RsitTaxonomy.classes().stream().sorted().toList()) {
      String text = messages.find("stats.rsitClass." + c);
      classes.add(
          new Choice(
              classes.isEmpty() ? "f-classes" : "f-classes-" + classes.size(),
              c,
              text == null ? c : text,
              chosenClasses.contains(c),
              ""));
    }
    return new View(values, labels, types, classes, errors);
  }

  /** The labels typed, in the order the request lists them (its errors name them by index). */
  private static List<LabelKind> labelOrder(Map<String, String> typed) {
    List<LabelKind> order = new ArrayList<>();
    for (LabelKind kind : LabelKind.values()) {
      String date = typed.get("validite-" + kind.name());
      if (date != null && !date.isBlank()) {
        order.add(kind);
      }
    }
    return order;
  }

  private static String french(String field, String english) {
    if (field.equals("capacity")) {
      return "un nombre de dossiers simultanés, de 1 à 10 000.";
    }
    if (field.equals("siren")) {
      return english.contains("already") ? "déjà dans l'annuaire." : "9 chiffres attendus.";
    }
    if (english.startsWith("is required") || english.startsWith("at least one")) {
      return "à renseigner.";
    }
    if (field.equals("name")) {
      return "200 caractères au plus, sans caractère de contrôle ni caractère invisible.";
    }
    if (field.startsWith("labels")) {
      return "une date de fin de validité (jj/mm/aaaa) pour chaque label détenu.";
    }
    if (field.startsWith("departements") || field.startsWith("baseDepartement")) {
      return "des codes de département, par exemple 29, 56.";
    }
    if (field.equals("email")) {
      return "une adresse électronique attendue.";
    }
    if (field.startsWith("openingHours")) {
      return "par exemple MON-FRI 09:00-18:00, séparés par des virgules.";
    }
    if (field.startsWith("victimTypes") || field.startsWith("rsitClasses")) {
      return "cochez parmi les choix proposés.";
    }
    return "valeur refusée.";
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static List<String> list(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
