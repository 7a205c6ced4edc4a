package fr.vigie.console;

import fr.vigie.audit.Audit;
import fr.vigie.clocks.ClockFilings;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.routing.Referrals;
import fr.vigie.security.BrowserSessions;
import fr.vigie.tickets.Activity;
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

  TicketPageController(
      StaffPages staff,
      Tickets tickets,
      Activity activity,
      Referrals referrals,
      BrowserSessions sessions,
      TicketPages views,
      Audit audit,
      TriageChanges triage,
      ClockFilings filings) {
    this.staff = staff;
    this.tickets = tickets;
    this.activity = activity;
    this.referrals = referrals;
    this.sessions = sessions;
    this.views = views;
    this.audit = audit;
    this.triage = triage;
    this.filings = filings;
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

  @Post("/prendre")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> take(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "assigned",
        (form, version) -> tickets.assign(reference, who.getName(), version, who.getName()));
  }

  @Post("/statut")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> status(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "status",
        (form, version) -> {
          TicketStatus to = enumValue(TicketStatus.class, StaffPages.one(form, "statut"), "to");
          Outcome outcome = enumValue(Outcome.class, StaffPages.one(form, "issue"), "outcome");
          String prevented = StaffPages.one(form, "evite");
          String reason = StaffPages.one(form, "motif");
          return tickets.transition(
              reference,
              new TransitionRequest(
                  to,
                  reason == null || reason.isBlank() ? null : reason,
                  outcome,
                  prevented == null || prevented.isBlank() ? null : prevented.equals("oui")),
              version,
              who.getName());
        });
  }

  @Post("/appel")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> call(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "call",
        (form, version) -> {
          List<FieldError> errors = new ArrayList<>();
          String summary = text(form, "resume", "summary", errors);
          java.time.Instant at = null;
          try {
            String typed = StaffPages.one(form, "date");
            at = LocalDateTime.parse(typed == null ? "" : typed).atZone(views.zone()).toInstant();
            if (at.isAfter(views.now().plusSeconds(300))) {
              errors.add(new FieldError("at", "in the future"));
            }
          } catch (DateTimeParseException e) {
            errors.add(new FieldError("at", "not a date"));
          }
          if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
          }
          return activity
              .record(reference, who.getName(), "CALL", "at", at.toString(), "summary", summary)
              .isPresent();
        });
  }

  @Post("/message")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> message(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "message",
        (form, version) -> {
          List<FieldError> errors = new ArrayList<>();
          String text = text(form, "texte", "text", errors);
          if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
          }
          return activity
              .record(reference, who.getName(), "MESSAGE_TO_VICTIM", "text", text)
              .isPresent();
        });
  }

  @Post("/orientation")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> refer(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "referral",
        (form, version) -> {
          String chosen = StaffPages.one(form, "prestataire");
          if (chosen == null || !chosen.matches("[0-9]{1,18}")) {
            throw ProblemException.invalid(List.of(new FieldError("providerId", "required")));
          }
          referrals.propose(reference, Long.parseLong(chosen), who.getName());
          return true;
        });
  }

  @Post("/affecter")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> assign(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "reassigned",
        (form, version) -> {
          String to = StaffPages.one(form, "analyste");
          return tickets.assign(
              reference, to == null || to.isBlank() ? null : to, version, who.getName());
        });
  }

  @Post("/note")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> note(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "note",
        (form, version) ->
            activity
                .note(
                    reference,
                    who.getName(),
                    StaffPages.one(form, "note"),
                    StaffPages.one(form, "tlp"))
                .isPresent());
  }

  @Post("/tri")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> triage(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "triage",
        (form, version) -> {
          Severity severity =
              enumValue(Severity.class, StaffPages.one(form, "gravite"), "severity");
          TicketKind kind = enumValue(TicketKind.class, StaffPages.one(form, "type"), "kind");
          String rsit = StaffPages.one(form, "rsit");
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
                  reference,
                  severity,
                  rsitClass,
                  rsitType,
                  kind,
                  StaffPages.one(form, "motif"),
                  version,
                  who.getName())
              .isPresent();
        });
  }

  @Post("/promotion")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> promote(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "promoted",
        (form, version) ->
            triage
                .promote(reference, StaffPages.one(form, "motif"), version, who.getName())
                .isPresent());
  }

  @Post("/fusion")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> merge(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "merged",
        (form, version) -> {
          String into = StaffPages.one(form, "dans");
          into = into == null ? "" : into.strip().toUpperCase(java.util.Locale.ROOT);
          if (!into.matches("[A-Z0-9-]{1,40}")) {
            throw ProblemException.invalid(List.of(new FieldError("into", "no such ticket")));
          }
          return tickets.merge(
              reference,
              into,
              "oui".equals(StaffPages.one(form, "victimes")),
              version,
              who.getName());
        },
        form -> StaffPages.one(form, "dans").strip().toUpperCase(java.util.Locale.ROOT));
  }

  @Post("/echeances/{code}/faite")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> filed(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @PathVariable String code,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "filed",
        (form, version) -> {
          java.time.Instant at = null;
          String typed = StaffPages.one(form, "date");
          if (typed != null && !typed.isBlank()) {
            try {
              at = LocalDateTime.parse(typed).atZone(views.zone()).toInstant();
            } catch (DateTimeParseException e) {
              throw ProblemException.invalid(List.of(new FieldError("at", "not a date")));
            }
          }
          filings.complete(
              reference,
              clockCode(code),
              at,
              StaffPages.one(form, "reference"),
              StaffPages.one(form, "note"),
              who.getName());
          return true;
        });
  }

  @Post("/echeances/{code}/sans-objet")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> notApplicable(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String reference,
      @PathVariable String code,
      @Body byte[] body) {
    return act(
        request,
        who,
        reference,
        body,
        "notapplicable",
        (form, version) -> {
          filings.notApplicable(
              reference, clockCode(code), StaffPages.one(form, "motif"), who.getName());
          return true;
        });
  }

  /** A clock's code as the path carries it; anything else is no such clock. */
  private static String clockCode(String code) {
    if (!code.matches("[A-Z0-9_]{1,60}")) {
      throw ProblemException.notFound("Clock");
    }
    return code;
  }

  /** A form's work: true when done, false when there is no such ticket. */
  private interface Action {
    boolean run(Map<String, List<String>> form, Integer version);
  }

  private MutableHttpResponse<?> act(
      HttpRequest<?> request,
      @Nullable Authentication who,
      String reference,
      byte[] body,
      String done,
      Action action) {
    return act(request, who, reference, body, done, action, form -> reference);
  }

  /** Runs a form's action; once done, shows {@code landing}'s ticket (e.g. the merge's target). */
  private MutableHttpResponse<?> act(
      HttpRequest<?> request,
      @Nullable Authentication who,
      String reference,
      byte[] body,
      String done,
      Action action,
      java.util.function.Function<Map<String, List<String>>, String> landing) {
    var refused = staff.refusal(request, who, ConsoleController.ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, List<String>> form = StaffPages.form(body);
    if (!sessions.formAccepted(request, who, StaffPages.one(form, BrowserSessions.FIELD))) {
      return staff.forbidden(
          who, "Ce formulaire ne vient pas de cette page : rechargez-la et recommencez.");
    }
    String typed = StaffPages.one(form, "version");
    Integer version = typed != null && typed.matches("[0-9]{1,9}") ? Integer.valueOf(typed) : null;
    if (version == null) {
      return page(who, reference, HttpStatus.UNPROCESSABLE_ENTITY, null, generic(), false, false);
    }
    try {
      if (!action.run(form, version)) {
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
    return staff
        .pages()
        .secure(
            HttpResponse.seeOther(
                URI.create(
                    "/console/tickets/" + landing.apply(form) + "?fait=" + done + "#resultat")),
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
            done == null ? null : views.texts().say("console.done", done),
            errors,
            conflict);
    return staff.pages().page(status, "console/ticket", view, false);
  }

  private static String text(
      Map<String, List<String>> form, String name, String field, List<FieldError> errors) {
    String value = StaffPages.one(form, name);
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
