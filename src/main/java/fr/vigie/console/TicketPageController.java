package fr.vigie.console;

import fr.vigie.audit.Audit;
import fr.vigie.clocks.ClockFilings;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.intake.FactsCorrection;
import fr.vigie.observables.Observables;
import fr.vigie.observables.Sharing;
import fr.vigie.observables.SharingSettings;
import fr.vigie.observables.Tlp;
import fr.vigie.routing.Referrals;
import fr.vigie.security.BrowserSessions;
import fr.vigie.tickets.Activity;
import fr.vigie.tickets.ObservableType;
import fr.vigie.tickets.Outcome;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.Tickets;
import fr.vigie.tickets.TransitionRequest;
import fr.vigie.triage.TriageChanges;
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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ticket page {@code /console/tickets/{reference}} and its forms, each calling the service the
 * API's endpoint calls (assignment, transitions, calls, messages, referrals) with the same checks.
 * Every form carries the session's anti-forgery token and the ticket's version: a change made by
 * someone else meanwhile (the API's 412) is shown as « modifié entre-temps », nothing written.
 */
@Controller("/console/tickets/{reference}")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class TicketPageController {

  private final StaffPages staff;
  private final Tickets tickets;
  private final Activity activity;
  private final Referrals referrals;
  private final BrowserSessions sessions;
  private final TicketPages views;
  private final Audit audit;
  private final TriageChanges triage;
  private final ClockFilings filings;
  private final Observables observables;
  private final Sharing sharing;
  private final SharingSettings sharingSettings;
  private final FactsCorrection facts;

  TicketPageController(
      StaffPages staff,
      Tickets tickets,
      Activity activity,
      Referrals referrals,
      BrowserSessions sessions,
      TicketPages views,
      Audit audit,
      TriageChanges triage,
      ClockFilings filings,
      Observables observables,
      Sharing sharing,
      SharingSettings sharingSettings,
      FactsCorrection facts) {
    this.staff = staff;
    this.tickets = tickets;
    this.activity = activity;
    this.referrals = referrals;
    this.sessions = sessions;
    this.views = views;
    this.audit = audit;
    this.triage = triage;
    this.filings = filings;
    this.observables = observables;
    this.sharing = sharing;
    this.sharingSettings = sharingSettings;
    this.facts = facts;
  }

  @Get
  MutableHttpResponse<?> show(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @Nullable @QueryValue String fait,
      @Nullable @QueryValue String prestataires) {
    var refused = staff.refusal(request, who, ConsoleController.ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    String done = fait != null && fait.matches("[a-z]{1,20}") ? fait : null;
    return page(who, reference, HttpStatus.OK, done, List.of(), false, prestataires != null);
  }

  /**
   * What a form posts, with the ticket and the person; {@code code} is a clock's, from the path.
   */
  private record Posted(
      String reference, String actor, Map<String, List<String>> fields, int version, String code) {
    String one(String name) {
      return StaffPages.one(fields, name);
    }
  }

  /** A form's work: true when done, false when there is no such ticket. */
  private interface Action {
    boolean run(Posted posted);
  }

  /**
   * A form of the page: the word its result is announced by ({@code console.done.*}, and its
   * errors' {@code console.error.<done>.*}), its work, and whether the page then shows the ticket
   * named by the form's {@code dans} (a merge lands on the ticket kept).
   */
  private record Form(String done, Action action, boolean landsOnTarget) {}

  /** The page's forms by the last segment of their path (clock forms: {@code echeances/…}). */
  private final Map<String, Form> forms =
      Map.ofEntries(
          Map.entry("prendre", new Form("assigned", this::take, false)),
          Map.entry("affecter", new Form("reassigned", this::assign, false)),
          Map.entry("statut", new Form("status", this::status, false)),
          Map.entry("appel", new Form("call", this::call, false)),
          Map.entry("message", new Form("message", this::message, false)),
          Map.entry("note", new Form("note", this::note, false)),
          Map.entry("orientation", new Form("referral", this::refer, false)),
          Map.entry("tri", new Form("triage", this::triage, false)),
          Map.entry("promotion", new Form("promoted", this::promote, false)),
          Map.entry("fusion", new Form("merged", this::merge, true)),
          Map.entry("observable", new Form("observable", this::addObservable, false)),
          Map.entry("misp", new Form("shared", this::share, false)),
          Map.entry("faits", new Form("facts", this::facts, false)),
          Map.entry("echeances/faite", new Form("filed", this::filed, false)),
          Map.entry("echeances/sans-objet", new Form("notapplicable", this::notApplicable, false)));

  @Post("/{form}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> post(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @PathVariable String form,
      @Body byte[] body) {
    return act(request, who, reference, body, forms.get(form), null);
  }

  @Post("/echeances/{code}/{form}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> postClock(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @PathVariable String code,
      @PathVariable String form,
      @Body byte[] body) {
    return act(request, who, reference, body, forms.get("echeances/" + form), code);
  }

  private boolean take(Posted p) {
    return tickets.assign(p.reference(), p.actor(), p.version(), p.actor());
  }

  private boolean assign(Posted p) {
    String to = p.one("analyste");
    return tickets.assign(
        p.reference(), to == null || to.isBlank() ? null : to, p.version(), p.actor());
  }

  private boolean status(Posted p) {
    TicketStatus to = enumValue(TicketStatus.class, p.one("statut"), "to");
    Outcome outcome = enumValue(Outcome.class, p.one("issue"), "outcome");
    String prevented = p.one("evite");
    String reason = p.one("motif");
    return tickets.transition(
        p.reference(),
        new TransitionRequest(
            to,
            reason == null || reason.isBlank() ? null : reason,
            outcome,
            prevented == null || prevented.isBlank() ? null : prevented.equals("oui")),
        p.version(),
        p.actor());
  }

  private boolean call(Posted p) {
    List<FieldError> errors = new ArrayList<>();
    String summary = text(p, "resume", "summary", errors);
    java.time.Instant at = localTime(p.one("date"));
    if (at == null) {
      errors.add(new FieldError("at", "not a date"));
    } else if (at.isAfter(views.now().plusSeconds(300))) {
      errors.add(new FieldError("at", "in the future"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return activity
        .record(p.reference(), p.actor(), "CALL", "at", at.toString(), "summary", summary)
        .isPresent();
  }

  private boolean message(Posted p) {
    List<FieldError> errors = new ArrayList<>();
    String text = text(p, "texte", "text", errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return activity.record(p.reference(), p.actor(), "MESSAGE_TO_VICTIM", "text", text).isPresent();
  }

  private boolean note(Posted p) {
    return activity.note(p.reference(), p.actor(), p.one("note"), p.one("tlp")).isPresent();
  }

  private boolean refer(Posted p) {
    String chosen = p.one("prestataire");
    if (chosen == null || !chosen.matches("[0-9]{1,18}")) {
      throw ProblemException.invalid(List.of(new FieldError("providerId", "required")));
    }
    referrals.propose(p.reference(), Long.parseLong(chosen), p.actor());
    return true;
  }

  private boolean triage(Posted p) {
    Severity severity = enumValue(Severity.class, p.one("gravite"), "severity");
    TicketKind kind = enumValue(TicketKind.class, p.one("type"), "kind");
    String rsit = p.one("rsit");
    String rsitClass = null;
    String rsitType = null;
    if (rsit != null && !rsit.isBlank()) {
      int slash = rsit.indexOf('/');
      if (slash < 1) {
        throw ProblemException.invalid(List.of(new FieldError("rsitType", "unknown value")));
      }
      rsitClass = rsit.substring(0, slash);
      rsitType = rsit.substring(slash + 1);
    }
    return triage
        .override(
            p.reference(),
            severity,
            rsitClass,
            rsitType,
            kind,
            p.one("motif"),
            p.version(),
            p.actor())
        .isPresent();
  }

  private boolean promote(Posted p) {
    return triage.promote(p.reference(), p.one("motif"), p.version(), p.actor()).isPresent();
  }

  /**
   * The facts form: every field it shows is sent as a report's field (blank is unknown), judged by
   * the API's {@link FactsCorrection}. A value that is not a number, a yes/no or a date is passed
   * as typed, so the same check names the field. The discovery time is sent only when changed: the
   * form shows it to the minute.
   */
  private boolean facts(Posted p) {
    Map<String, Object> victim = new java.util.LinkedHashMap<>();
    victim.put("type", blank(p.one("type_victime")));
    victim.put("name", p.one("nom") == null ? "" : p.one("nom"));
    String commune = blank(p.one("commune"));
    victim.put("communeCode", commune == null ? null : commune.toUpperCase(java.util.Locale.ROOT));
    String siren = blank(p.one("siren"));
    victim.put("siren", siren == null ? null : siren.replace(" ", ""));
    String headcount = blank(p.one("effectif"));
    victim.put(
        "headcount",
        headcount != null && headcount.matches("[0-9]{1,9}")
            ? (Object) Integer.valueOf(headcount)
            : headcount);
    victim.put("cyberInsured", yesNo(p.one("assurance")));
    victim.put("hasItProvider", yesNo(p.one("prestataire")));
    Map<String, Object> incident = new java.util.LinkedHashMap<>();
    incident.put("threat", blank(p.one("menace")));
    incident.put("personalData", blank(p.one("donnees")));
    String typed = blank(p.one("decouverte"));
    if (typed == null || !typed.equals(p.one("decouverte_avant"))) {
      java.time.Instant at = localTime(typed);
      incident.put("discoveredAt", at == null ? typed : at.atZone(views.zone()).toOffsetDateTime());
    }
    return facts
        .correct(p.reference(), victim, incident, p.one("motif"), p.version(), p.actor())
        .isPresent();
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** {@code oui}, {@code non}, blank (unknown); anything else as typed, for the check to name. */
  private static Object yesNo(String value) {
    String v = blank(value);
    return v == null ? null : v.equals("oui") ? Boolean.TRUE : v.equals("non") ? Boolean.FALSE : v;
  }

  private boolean merge(Posted p) {
    String into = target(p.fields());
    if (!into.matches("[A-Z0-9-]{1,40}")) {
      throw ProblemException.invalid(List.of(new FieldError("into", "no such ticket")));
    }
    return tickets.merge(
        p.reference(), into, "oui".equals(p.one("victimes")), p.version(), p.actor());
  }

  private boolean addObservable(Posted p) {
    ObservableType type = enumValue(ObservableType.class, p.one("type"), "type");
    String value = p.one("valeur");
    if (type == null || value == null || value.isBlank()) {
      throw ProblemException.invalid(
          List.of(new FieldError(type == null ? "type" : "value", "is required")));
    }
    Tlp tlp = null;
    String level = p.one("tlp");
    if (level != null && !level.isBlank()) {
      tlp = Tlp.parse(level);
      if (tlp == null) {
        throw ProblemException.invalid(List.of(new FieldError("tlp", "unknown value")));
      }
    }
    if (value.length() > 2_000) {
      throw ProblemException.invalid(List.of(new FieldError("value", "too long")));
    }
    return observables
        .add(p.reference(), new Observables.Addition(type, value, tlp, List.of()), p.actor())
        .isPresent();
  }

  private boolean share(Posted p) {
    return sharing.push("ticket:" + p.reference(), p.actor()).isPresent();
  }

  private boolean filed(Posted p) {
    String typed = p.one("date");
    java.time.Instant at = localTime(typed);
    if (at == null && typed != null && !typed.isBlank()) {
      throw ProblemException.invalid(List.of(new FieldError("at", "not a date")));
    }
    filings.complete(
        p.reference(), clockCode(p.code()), at, p.one("reference"), p.one("note"), p.actor());
    return true;
  }

  private boolean notApplicable(Posted p) {
    filings.notApplicable(p.reference(), clockCode(p.code()), p.one("motif"), p.actor());
    return true;
  }

  /** A clock's code as the path carries it; anything else is no such clock. */
  private static String clockCode(String code) {
    if (code == null || !code.matches("[A-Z0-9_]{1,60}")) {
      throw ProblemException.notFound("Clock");
    }
    return code;
  }

  /** A {@code datetime-local} value read in the desk's zone; null when absent or not a date. */
  private java.time.Instant localTime(String typed) {
    try {
      return typed == null ? null : LocalDateTime.parse(typed).atZone(views.zone()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The reference a merge form names, as references are written. */
  private static String target(Map<String, List<String>> fields) {
    String into = StaffPages.one(fields, "dans");
    return into == null ? "" : into.strip().toUpperCase(java.util.Locale.ROOT);
  }

  /** Runs a form: role, anti-forgery token, version, then its work; the page says how it went. */
  private MutableHttpResponse<?> act(
      HttpRequest<?> request,
      @Nullable Authentication who,
      String reference,
      byte[] body,
      @Nullable Form chosen,
      @Nullable String code) {
    var refused = staff.refusal(request, who, ConsoleController.ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (chosen == null) {
      return views.missing(who);
    }
    String done = chosen.done();
    Map<String, List<String>> form = StaffPages.form(body);
    if (!sessions.formAccepted(request, who, StaffPages.one(form, BrowserSessions.FIELD))) {
      return staff.forgedForm(who);
    }
    String typed = StaffPages.one(form, "version");
    Integer version = typed != null && typed.matches("[0-9]{1,9}") ? Integer.valueOf(typed) : null;
    if (version == null) {
      return page(who, reference, HttpStatus.UNPROCESSABLE_ENTITY, null, generic(), false, false);
    }
    try {
      if (!chosen.action().run(new Posted(reference, who.getName(), form, version, code))) {
        return views.missing(who);
      }
    } catch (ProblemException e) {
      if (e.status() == HttpStatus.PRECONDITION_FAILED) {
        return page(who, reference, HttpStatus.CONFLICT, null, List.of(), true, false);
      }
      if (e.status() == HttpStatus.NOT_FOUND) {
        return views.missing(who);
      }
      List<String> errors = new ArrayList<>();
      if (e.status() == HttpStatus.CONFLICT
          && e.errors().stream().allMatch(f -> f.field().equals("to"))) {
        errors.add(views.texts().get("console.error.lifecycle"));
      }
      for (FieldError f : e.errors()) {
        // A form's own wording first (« at » is a call's time or a filing's), then the common one.
        String text = views.texts().say("console.error." + done, f.field());
        if (text.equals(f.field())) {
          text = views.texts().say("console.error", f.field());
        }
        if (!errors.contains(text) && !text.equals(f.field()) && !f.field().equals("to")) {
          errors.add(text);
        }
      }
      if (errors.isEmpty()) {
        errors.addAll(generic());
      }
      HttpStatus status =
          e.status() == HttpStatus.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
      return page(who, reference, status, null, errors, false, done.equals("referral"));
    }
    String landing = chosen.landsOnTarget() ? target(form) : reference;
    return staff
        .pages()
        .secure(
            HttpResponse.seeOther(
                URI.create("/console/tickets/" + landing + "?fait=" + done + "#resultat")),
            false);
  }

  private List<String> generic() {
    return List.of(views.texts().get("console.error.generic"));
  }

  private MutableHttpResponse<?> page(
      Authentication who,
      String reference,
      HttpStatus status,
      String done,
      List<String> errors,
      boolean conflict,
      boolean shortlist) {
    Optional<TicketDetail> ticket = tickets.detail(reference);
    if (ticket.isEmpty()) {
      return views.missing(who);
    }
    // The page shows the victim, the contact and the timeline: personal data read, as the API's.
    audit.record(who.getName(), "TICKET_VIEWED", "ticket:" + reference, Map.of("page", true));
    audit.record(
        who.getName(), "TIMELINE_VIEWED", "ticket:" + reference, Map.of("page", 0, "size", 200));
    var options =
        shortlist
            ? referrals.options(reference, who.getName())
            : Optional.<fr.vigie.routing.ReferralOptions>empty();
    TicketView view =
        views.view(
            staff.pages().chrome(),
            staff.chrome(who),
            who.getName(),
            ticket.get(),
            activity.timeline(reference, 0, 200).orElse(List.of()),
            options.orElse(null),
            tickets.assignees(),
            observables.list(reference, who.getName()).orElse(null),
            sharingSettings.mispConfigured(),
            done == null ? null : views.texts().say("console.done", done),
            errors,
            conflict);
    return staff.pages().page(status, "console/ticket", view, false);
  }

  private static String text(Posted p, String name, String field, List<FieldError> errors) {
    String value = p.one(name);
    String text = value == null ? "" : value.strip();
    String problem = text.isEmpty() ? "is required" : Texts.problem(text, Activity.MAX_TEXT, true);
    if (problem != null) {
      errors.add(new FieldError(field, problem));
    }
    return text;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid(List.of(new FieldError(field, "unknown value")));
    }
  }
}
