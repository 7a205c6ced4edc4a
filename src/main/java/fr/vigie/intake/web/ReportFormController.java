package fr.vigie.intake.web;

import fr.vigie.geo.Commune;
import fr.vigie.geo.GeoDirectory;
import fr.vigie.http.ProblemException;
import fr.vigie.intake.IntakeService;
import fr.vigie.intake.Receipt;
import fr.vigie.intake.web.FormDefinition.Question;
import fr.vigie.intake.web.FormDefinition.Step;
import fr.vigie.intake.web.FormViews.CheckRow;
import fr.vigie.intake.web.FormViews.CheckSection;
import fr.vigie.intake.web.FormViews.CheckView;
import fr.vigie.intake.web.FormViews.FieldView;
import fr.vigie.intake.web.FormViews.ObservableRow;
import fr.vigie.intake.web.FormViews.OptionView;
import fr.vigie.intake.web.FormViews.ReceiptView;
import fr.vigie.intake.web.FormViews.StepView;
import fr.vigie.security.ClientAddress;
import fr.vigie.web.FieldProblem;
import fr.vigie.web.FormBody;
import fr.vigie.web.Messages;
import fr.vigie.web.Pages;
import fr.vigie.web.SignedState;
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
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /signaler}: the guided report form (DESIGN.md §12), one step per page, each an HTML form
 * posted here; the answers travel in a signed hidden field ({@code etat}) and nothing is stored
 * until « Envoyer », which calls the same {@link IntakeService#submit} as {@code POST
 * /api/v1/reports} with the form's idempotency key. Works without JavaScript; the script only adds
 * commune suggestions and the live preview ({@code /signaler/apercu}).
 */
@Controller("/signaler")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportFormController {

  static final String CHECK = "verification";
  static final String CHANNEL = "channel";
  static final String PHONE = "PHONE";
  static final java.util.Set<String> DESK = java.util.Set.of("ANALYST", "COORDINATOR", "ADMIN");
  private static final String STATE = "report-form";

  private final FormDefinition form;
  private final ReportForm rules;
  private final CommuneFinder communes;
  private final GeoDirectory geo;
  private final IntakeService intake;
  private final VictimTexts texts;
  private final Messages messages;
  private final Pages pages;
  private final SignedState signer;
  private final JsonMapper json;
  private final ClientAddress clients;

  ReportFormController(
      FormDefinition form,
      ReportForm rules,
      CommuneFinder communes,
      GeoDirectory geo,
      IntakeService intake,
      VictimTexts texts,
      Messages messages,
      Pages pages,
      SignedState signer,
      JsonMapper json,
      ClientAddress clients) {
    this.form = form;
    this.rules = rules;
    this.communes = communes;
    this.geo = geo;
    this.intake = intake;
    this.texts = texts;
    this.messages = messages;
    this.pages = pages;
    this.signer = signer;
    this.json = json;
    this.clients = clients;
  }

  @Get
  MutableHttpResponse<?> start() {
    FormState state = new FormState(UUID.randomUUID().toString(), Map.of());
    return step(state, 0, List.of(), List.of(), 0);
  }

  /**
   * The same form for an analyst taking a call ({@code /console/signalement}): the signed state
   * carries the channel {@code PHONE}, which only a staff session may send (see {@link #send}).
   */
  MutableHttpResponse<?> startPhone() {
    FormState state = new FormState(UUID.randomUUID().toString(), Map.of(CHANNEL, List.of(PHONE)));
    return step(state, 0, List.of(), List.of(), 0);
  }

  /**
   * A step sent: kept, checked with the API's rules, then the next step or the same with errors.
   */
  @Post
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> next(@Body byte[] body) {
    Map<String, List<String>> posted = FormBody.parse(body);
    Optional<FormState> opened = open(FormBody.one(posted, "etat"));
    if (opened.isEmpty()) {
      return expired();
    }
    FormState state = opened.get();
    String action = Optional.ofNullable(FormBody.one(posted, "action")).orElse("continuer");
    if (action.startsWith("modifier-")) {
      int target = form.index(action.substring("modifier-".length()));
      return target < 0 ? bad() : step(state, target, List.of(), List.of(), 0);
    }
    int index = form.index(Optional.ofNullable(FormBody.one(posted, "etape")).orElse(""));
    if (index < 0) {
      return bad();
    }
    Step step = form.steps().get(index);
    List<OptionView> choices = new ArrayList<>();
    List<FieldProblem> problems = new ArrayList<>();
    keep(step, posted, state, choices, problems);
    int extraRows = action.equals("ajouter") ? 1 : 0;
    if (action.equals("retour")) {
      return step(state, Math.max(0, index - 1), List.of(), List.of(), 0);
    }
    if (action.equals("ajouter")) {
      return step(state, index, List.of(), choices, extraRows);
    }
    problems.addAll(rules.check(state.answers(), index));
    if (!problems.isEmpty()) {
      return step(state, index, problems, choices, 0);
    }
    return index + 1 < form.steps().size()
        ? step(state, index + 1, List.of(), List.of(), 0)
        : check(state, List.of());
  }

  /** « Envoyer »: the report is created, or the check page says what is missing. */
  @Post("/envoyer")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> send(HttpRequest<?> request, @Body byte[] body) {
    return send(request, body, false);
  }

  /**
   * Sends the report; {@code desk} when an analyst sends it from {@code /console/signalement}
   * (checked by the caller): only then may the state carry the channel {@code PHONE}, and only then
   * must it.
   */
  MutableHttpResponse<?> send(HttpRequest<?> request, byte[] body, boolean desk) {
    Map<String, List<String>> posted = FormBody.parse(body);
    Optional<FormState> opened = open(FormBody.one(posted, "etat"));
    if (opened.isEmpty()) {
      return expired();
    }
    FormState state = opened.get();
    if (PHONE.equals(ReportForm.first(state.answers(), CHANNEL)) != desk) {
      // A phone intake's state is handed to a signed-in analyst only, and sent from the desk.
      return expired();
    }
    int last = form.steps().size() - 1;
    List<FieldProblem> problems = rules.check(state.answers(), last);
    if (!problems.isEmpty()) {
      return check(state, problems);
    }
    Receipt receipt;
    try {
      receipt =
          intake
              .submit(
                  rules.build(state.answers(), last).body(),
                  state.key(),
                  clients.of(request).getHostAddress())
              .receipt();
    } catch (ProblemException e) {
      if (e.errors().isEmpty()) {
        throw e;
      }
      return check(state, e.errors().stream().map(rules::french).toList());
    }
    ReceiptView view =
        new ReceiptView(
            pages.chrome(),
            receipt.reference(),
            receipt.followUpToken(),
            texts.status(receipt.status().name()),
            texts.diagnosis(receipt.diagnosis()));
    return pages.page(HttpStatus.OK, "intake/receipt", view, true);
  }

  /** The live preview (script only): what the answers so far would mean; nothing stored. */
  @Post("/apercu")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> preview(@Body byte[] body) {
    Map<String, List<String>> posted = FormBody.parse(body);
    Optional<FormState> opened = open(FormBody.one(posted, "etat"));
    int index = form.index(Optional.ofNullable(FormBody.one(posted, "etape")).orElse(""));
    if (opened.isEmpty() || index < 0) {
      return pages.secure(HttpResponse.noContent(), true);
    }
    FormState state = opened.get();
    keep(form.steps().get(index), posted, state, new ArrayList<>(), new ArrayList<>());
    return rules
        .preview(state.answers(), index)
        .<MutableHttpResponse<?>>map(
            d -> pages.page(HttpStatus.OK, "intake/preview", texts.diagnosis(d), true))
        .orElseGet(() -> pages.secure(HttpResponse.noContent(), true));
  }

  /** Replaces the step's answers in the state with what was posted. */
  private void keep(
      Step step,
      Map<String, List<String>> posted,
      FormState state,
      List<OptionView> choices,
      List<FieldProblem> problems) {
    Map<String, List<String>> answers = state.answers();
    for (Question q : step.questions()) {
      if (q.hidden()) {
        continue;
      }
      if (q.type().equals("observables")) {
        answers.keySet().removeIf(k -> k.startsWith(q.field() + "["));
        for (int i = 0; i < 50; i++) {
          for (String part : List.of("type", "value")) {
            String name = q.field() + "[" + i + "]." + part;
            String value = FormBody.one(posted, name);
            if (value != null && !value.isBlank()) {
              answers.put(name, List.of(value));
            }
          }
        }
        continue;
      }
      List<String> values = posted.getOrDefault(q.field(), List.of());
      if (values.size() > 30) {
        values = values.subList(0, 30);
      }
      answers.put(q.field(), List.copyOf(values));
      if (q.type().equals("commune")) {
        commune(q, posted, answers, choices, problems);
      }
    }
  }

  private void commune(
      Question q,
      Map<String, List<String>> posted,
      Map<String, List<String>> answers,
      List<OptionView> choices,
      List<FieldProblem> problems) {
    answers.remove(ReportForm.COMMUNE_CODE);
    String chosen = FormBody.one(posted, q.field() + ".choix");
    Optional<Commune> picked =
        chosen == null || !chosen.matches("[0-9][0-9AB][0-9]{3}")
            ? Optional.empty()
            : geo.commune(chosen);
    if (picked.isPresent()) {
      answers.put(q.field(), List.of(CommuneFinder.label(picked.get())));
      answers.put(ReportForm.COMMUNE_CODE, List.of(picked.get().code()));
      return;
    }
    String typed = ReportForm.first(answers, q.field());
    if (typed.isBlank()) {
      return;
    }
    CommuneFinder.Found found = communes.find(typed);
    if (found.found() != null) {
      answers.put(ReportForm.COMMUNE_CODE, List.of(found.found().code()));
    } else if (!found.choices().isEmpty()) {
      for (Commune c : found.choices()) {
        String label =
            CommuneFinder.label(c) + ", " + messages.get("commune.departement", c.departement());
        choices.add(new OptionView(q.htmlId() + "-choix-" + c.code(), c.code(), label, false));
      }
      problems.add(new FieldProblem(q.htmlId(), messages.get("error.commune.choose", typed)));
    } else {
      problems.add(new FieldProblem(q.htmlId(), messages.get("error.commune.unknown", typed)));
    }
  }

  private MutableHttpResponse<?> step(
      FormState state,
      int index,
      List<FieldProblem> problems,
      List<OptionView> choices,
      int extraRows) {
    Step step = form.steps().get(index);
    List<FieldView> fields = new ArrayList<>();
    for (Question q : step.questions()) {
      if (q.hidden()) {
        continue;
      }
      boolean sameStep = q.showIf() != null && step.owns(q.showIf().field());
      if (!sameStep && !q.shown(state.answers())) {
        continue;
      }
      String error =
          problems.stream()
              .filter(p -> p.fieldId().equals(q.htmlId()))
              .map(FieldProblem::message)
              .findFirst()
              .orElse(null);
      fields.add(
          field(
              q,
              state,
              error,
              q.type().equals("commune") ? choices : List.of(),
              extraRows,
              sameStep));
    }
    StepView view =
        new StepView(
            pages.chrome(),
            step.id(),
            index + 1,
            form.steps().size(),
            step.title(),
            step.help(),
            fields,
            problems,
            seal(state),
            index == 0,
            base(state));
    return pages.page(HttpStatus.OK, "intake/step", view, true);
  }

  private FieldView field(
      Question q,
      FormState state,
      String error,
      List<OptionView> choices,
      int extraRows,
      boolean conditional) {
    Map<String, List<String>> answers = state.answers();
    List<String> values = answers.get(q.field());
    boolean answered = values != null;
    List<OptionView> options = new ArrayList<>();
    for (int i = 0; i < q.options().size(); i++) {
      var o = q.options().get(i);
      boolean checked = answered ? values.contains(o.value()) : o.value().equals(q.defaultValue());
      options.add(
          new OptionView(
              i == 0 ? q.htmlId() : q.htmlId() + "-" + (i + 1), o.value(), o.label(), checked));
    }
    if (q.type().equals("consent")) {
      options.add(new OptionView(q.htmlId(), "oui", q.label(), answered && values.contains("oui")));
    }
    List<ObservableRow> rows = new ArrayList<>();
    if (q.type().equals("observables")) {
      int filled = 0;
      for (int i = 0; i < 50; i++) {
        if (answers.containsKey(q.field() + "[" + i + "].value")) {
          filled = i + 1;
        }
      }
      int count = Math.min(50, Math.max(1, filled + extraRows));
      Question typeItem = q.items().get(0);
      for (int i = 0; i < count; i++) {
        String prefix = q.field() + "[" + i + "]";
        String type = ReportForm.first(answers, prefix + ".type");
        List<OptionView> types = new ArrayList<>();
        for (var o : typeItem.options()) {
          types.add(new OptionView(null, o.value(), o.label(), o.value().equals(type)));
        }
        rows.add(
            new ObservableRow(
                i + 1,
                prefix + ".type",
                prefix + ".value",
                types,
                ReportForm.first(answers, prefix + ".value")));
      }
    }
    return new FieldView(
        q.field(),
        q.htmlId(),
        q.label(),
        q.help(),
        q.type(),
        q.required() || q.requiredIf() != null && q.requiredIf().holds(answers),
        answered && !values.isEmpty() ? values.get(0) : null,
        options,
        error,
        q.maxLength(),
        choices,
        rows,
        conditional ? q.showIf().field() : null,
        conditional ? String.join(" ", q.showIf().in()) : null);
  }

  private MutableHttpResponse<?> check(FormState state, List<FieldProblem> problems) {
    List<CheckSection> sections = new ArrayList<>();
    for (Step step : form.steps()) {
      List<CheckRow> rows = new ArrayList<>();
      for (Question q : step.questions()) {
        if (q.hidden() || !q.shown(state.answers())) {
          continue;
        }
        rows.add(new CheckRow(q.label(), shown(q, state.answers())));
      }
      sections.add(new CheckSection(step.id(), step.title(), rows));
    }
    List<FieldProblem> linked =
        problems.stream()
            .map(
                p -> {
                  int s = stepOfHtmlId(p.fieldId());
                  return new FieldProblem(
                      s < 0 ? "envoi" : "section-" + form.steps().get(s).id(), p.message());
                })
            .toList();
    return pages.page(
        HttpStatus.OK,
        "intake/check",
        new CheckView(pages.chrome(), sections, linked, seal(state), base(state)),
        true);
  }

  private int stepOfHtmlId(String htmlId) {
    for (int i = 0; i < form.steps().size(); i++) {
      for (Question q : form.steps().get(i).questions()) {
        if (q.htmlId().equals(htmlId)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** An answer as the check page shows it: the option's label, « Non renseigné » when empty. */
  private String shown(Question q, Map<String, List<String>> answers) {
    List<String> values = answers.getOrDefault(q.field(), List.of());
    if (q.type().equals("observables")) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String value = ReportForm.first(answers, q.field() + "[" + i + "].value");
        if (!value.isBlank()) {
          items.add(value);
        }
      }
      return items.isEmpty() ? messages.get("answer.none") : String.join(" ; ", items);
    }
    if (q.type().equals("consent")) {
      return values.contains("oui") ? messages.get("answer.yes") : messages.get("answer.none");
    }
    List<String> labels = new ArrayList<>();
    for (String v : values) {
      if (q.options().isEmpty()) {
        if (!v.isBlank()) {
          labels.add(q.type().equals("date-time") ? v.replace('T', ' ') : v);
        }
      } else {
        q.options().stream()
            .filter(o -> o.value().equals(v))
            .findFirst()
            .ifPresent(o -> labels.add(o.label()));
      }
    }
    return labels.isEmpty() ? messages.get("answer.none") : String.join(", ", labels);
  }

  private String seal(FormState state) {
    try {
      return signer.sign(STATE, json.writeValueAsString(state));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Optional<FormState> open(String sealed) {
    return signer
        .open(STATE, sealed)
        .flatMap(
            text -> {
              try {
                return Optional.ofNullable(json.readValue(text, FormState.class));
              } catch (IOException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * Where the form posts: a phone intake's steps and « Envoyer » go to the desk's own paths, under
   * the staff session and outside the public rate limits (a desk behind one address takes many
   * calls); everyone else's to {@code /signaler}.
   */
  static String base(FormState state) {
    return PHONE.equals(ReportForm.first(state.answers(), CHANNEL))
        ? PhoneIntakeController.PATH
        : "/signaler";
  }

  /** The hidden state was altered or lost: start again, saying so. */
  private MutableHttpResponse<?> expired() {
    FormState state = new FormState(UUID.randomUUID().toString(), Map.of());
    MutableHttpResponse<?> response =
        step(
            state,
            0,
            List.of(new FieldProblem("f-victim-type", messages.get("error.state"))),
            List.of(),
            0);
    return response.status(HttpStatus.BAD_REQUEST);
  }

  private static MutableHttpResponse<?> bad() {
    throw ProblemException.malformed("etape", "unknown step");
  }
}
