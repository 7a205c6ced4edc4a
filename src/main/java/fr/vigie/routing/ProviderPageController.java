package fr.vigie.routing;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.security.BrowserSessions;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.RsitTaxonomy;
import fr.vigie.web.Chrome;
import fr.vigie.web.FieldProblem;
import fr.vigie.web.Messages;
import fr.vigie.web.StaffChrome;
import fr.vigie.web.StaffPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /console/prestataires/nouveau}: a coordinator adds a provider to the directory
 * (COORDINATOR, ADMIN, like {@code POST /api/v1/providers}), through {@link
 * ProviderDirectory#create}, which checks every field as for the API. A webhook is set over the API
 * (its secret is not a page's).
 */
@Controller("/console/prestataires")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class ProviderPageController {

  static final Set<String> ROLES = Set.of("COORDINATOR", "ADMIN");

  /** Form fields by the API's field: their id on the page and their label. */
  private static final Map<String, String[]> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("name", new String[] {"f-nom", "Nom du prestataire"});
    FIELDS.put("siren", new String[] {"f-siren", "SIREN"});
    FIELDS.put("labels", new String[] {"f-label", "Label"});
    FIELDS.put("departements", new String[] {"f-departements", "Départements couverts"});
    FIELDS.put("baseDepartement", new String[] {"f-siege", "Département du siège"});
    FIELDS.put("victimTypes", new String[] {"f-victimes", "Types de victimes"});
    FIELDS.put("rsitClasses", new String[] {"f-classes", "Classes d'incidents"});
    FIELDS.put("capacity", new String[] {"f-capacite", "Capacité"});
    FIELDS.put("onCall247", new String[] {"f-astreinte", "Astreinte"});
    FIELDS.put("openingHours", new String[] {"f-horaires", "Horaires d'intervention"});
    FIELDS.put("email", new String[] {"f-courriel", "Courriel"});
  }

  private final StaffPages staff;
  private final BrowserSessions sessions;
  private final ProviderDirectory directory;
  private final Messages messages;

  ProviderPageController(
      StaffPages staff, BrowserSessions sessions, ProviderDirectory directory, Messages messages) {
    this.staff = staff;
    this.sessions = sessions;
    this.directory = directory;
    this.messages = messages;
  }

  /** The page's model: the choices, what was typed, the mistakes, or what was done. */
  public record NewProviderView(
      Chrome chrome,
      StaffChrome staff,
      Map<String, String> typed,
      List<Choice> labels,
      List<Choice> victimTypes,
      List<Choice> classes,
      List<FieldProblem> errors,
      @Nullable String done) {}

  public record Choice(String id, String value, String label, boolean checked) {}

  @Get("/nouveau")
  MutableHttpResponse<?> form(
      HttpRequest<?> request, @Nullable Authentication who, @Nullable @QueryValue String ajoute) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    String done =
        ajoute != null && ajoute.matches("[0-9]{1,18}")
            ? "Le prestataire est ajouté à l'annuaire (n° " + ajoute + ")."
            : null;
    return page(who, HttpStatus.OK, Map.of(), List.of(), done);
  }

  @Post
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> create(
      HttpRequest<?> request, @Nullable Authentication who, @Body byte[] body) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, List<String>> form = StaffPages.form(body);
    if (!sessions.formAccepted(request, who, StaffPages.one(form, BrowserSessions.FIELD))) {
      return staff.forbidden(
          who, "Ce formulaire ne vient pas de cette page : rechargez-la et recommencez.");
    }
    Map<String, String> typed = new LinkedHashMap<>();
    for (String key :
        List.of(
            "nom",
            "siren",
            "label",
            "validite",
            "departements",
            "siege",
            "capacite",
            "horaires",
            "courriel",
            "astreinte")) {
      String value = StaffPages.one(form, key);
      typed.put(key, value == null ? "" : value);
    }
    List<String> victimTypes = form.getOrDefault("victimes", List.of());
    List<String> classes = form.getOrDefault("classes", List.of());
    typed.put("victimes", String.join(",", victimTypes));
    typed.put("classes", String.join(",", classes));
    Integer capacity = null;
    if (typed.get("capacite").matches("[0-9]{1,6}")) {
      capacity = Integer.valueOf(typed.get("capacite"));
    }
    String label = typed.get("label");
    ProviderRequest provider =
        new ProviderRequest(
            blank(typed.get("nom")),
            blank(typed.get("siren")),
            label.isBlank()
                ? List.of()
                : List.of(new ProviderRequest.Label(label, blank(typed.get("validite")))),
            list(typed.get("departements")),
            blank(typed.get("siege")),
            victimTypes,
            classes,
            capacity,
            "oui".equals(typed.get("astreinte")),
            list(typed.get("horaires")),
            blank(typed.get("courriel")),
            null,
            null,
            true);
    try {
      Provider created = directory.create(provider, who.getName());
      return staff
          .pages()
          .secure(
              HttpResponse.seeOther(
                  URI.create("/console/prestataires/nouveau?ajoute=" + created.id())),
              false);
    } catch (ProblemException e) {
      List<FieldProblem> errors = new ArrayList<>();
      for (FieldError f : e.errors()) {
        String field = f.field().replaceAll("[\\[.].*", "");
        String[] known = FIELDS.getOrDefault(field, new String[] {"f-nom", "Ce prestataire"});
        FieldProblem problem =
            new FieldProblem(known[0], known[1] + " : " + french(f.field(), f.message()));
        if (!errors.contains(problem)) {
          errors.add(problem);
        }
      }
      if (errors.isEmpty()) {
        errors.add(new FieldProblem("f-nom", messages.get("console.error.generic")));
      }
      return page(who, HttpStatus.UNPROCESSABLE_ENTITY, typed, errors, null);
    }
  }

  private static String french(String field, String english) {
    if (english.startsWith("is required") || english.startsWith("at least one")) {
      return "à renseigner.";
    }
    if (field.equals("siren")) {
      return english.contains("already") ? "déjà dans l'annuaire." : "9 chiffres attendus.";
    }
    if (field.startsWith("labels")) {
      return "choisissez un label et sa date de fin de validité (jj/mm/aaaa).";
    }
    if (field.startsWith("departements") || field.startsWith("baseDepartement")) {
      return "des codes de département, par exemple 29, 56.";
    }
    if (field.equals("capacity")) {
      return "un nombre de dossiers simultanés, de 1 à 10 000.";
    }
    if (field.equals("email")) {
      return "une adresse électronique attendue.";
    }
    if (field.startsWith("openingHours")) {
      return "par exemple MON-FRI 09:00-18:00, séparés par des virgules.";
    }
    return "valeur refusée.";
  }

  private MutableHttpResponse<?> page(
      Authentication who,
      HttpStatus status,
      Map<String, String> typed,
      List<FieldProblem> errors,
      String done) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key :
        List.of(
            "nom",
            "siren",
            "label",
            "validite",
            "departements",
            "siege",
            "capacite",
            "horaires",
            "courriel",
            "astreinte",
            "victimes",
            "classes")) {
      values.put(key, typed.getOrDefault(key, ""));
    }
    List<String> chosenTypes = Arrays.asList(values.get("victimes").split(","));
    List<String> chosenClasses = Arrays.asList(values.get("classes").split(","));
    List<Choice> labels = new ArrayList<>();
    for (LabelKind k : LabelKind.values()) {
      labels.add(
          new Choice(
              "f-label-" + k.ordinal(),
              k.name(),
              LABELS.getOrDefault(k.name(), k.name()),
              k.name().equals(values.get("label"))));
    }
    List<Choice> types = new ArrayList<>();
    for (VictimType t : VictimType.values()) {
      String text = messages.find("console.victimType." + t.name());
      types.add(
          new Choice(
              types.isEmpty() ? "f-victimes" : "f-victimes-" + t.ordinal(),
              t.name(),
              text == null ? t.name() : text,
              chosenTypes.contains(t.name())));
    }
    List<Choice> classes = new ArrayList<>();
    for (String c : RsitTaxonomy.classes().stream().sorted().toList()) {
      String text = messages.find("stats.rsitClass." + c);
      classes.add(
          new Choice(
              classes.isEmpty() ? "f-classes" : "f-classes-" + classes.size(),
              c,
              text == null ? c : text,
              chosenClasses.contains(c)));
    }
    return staff
        .pages()
        .page(
            status,
            "routing/newProvider",
            new NewProviderView(
                staff.pages().chrome(),
                staff.chrome(who),
                values,
                labels,
                types,
                classes,
                errors,
                done),
            false);
  }

  private static final Map<String, String> LABELS =
      Map.of(
          "PRIS_ELEVE", "PRIS, niveau élevé",
          "PRIS_SUBSTANTIEL", "PRIS, niveau substantiel",
          "EXPERTCYBER", "ExpertCyber",
          "REGIONAL_LABEL", "Label régional",
          "REFERENCED", "Référencé par le CSIRT");

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
