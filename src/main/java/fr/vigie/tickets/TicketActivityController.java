package fr.vigie.tickets;

import fr.vigie.http.Page;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.tickets.internal.Assignment;
import fr.vigie.tickets.internal.Versions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** Notes, calls, messages to the victim, assignment and the timeline of a ticket. */
@Controller("/api/v1/tickets/{reference}")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class TicketActivityController {

  private final Activity activity;
  private final Assignment assignment;
  private final Tickets tickets;
  private final Clock clock;
  private final fr.vigie.audit.Audit audit;

  TicketActivityController(
      Activity activity,
      Assignment assignment,
      Tickets tickets,
      Clock clock,
      fr.vigie.audit.Audit audit) {
    this.activity = activity;
    this.assignment = assignment;
    this.tickets = tickets;
    this.clock = clock;
    this.audit = audit;
  }

  /** An internal note: never shown to the victim. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record Note(@Nullable String text, @Nullable String tlp) {}

  /** A human contact with the victim (phone call, visit). */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record Call(@Nullable OffsetDateTime at, @Nullable String summary) {}

  /** A message the victim will read on its follow-up page. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record Message(@Nullable String text) {}

  /** Who takes the ticket; null gives it back to the queue. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record Assign(@Nullable String assignee) {}

  @Post("/notes")
  HttpResponse<TimelineEvent> note(
      @PathVariable String reference, @Body Note note, Authentication who) {
    return created(activity.note(reference, who.getName(), note.text(), note.tlp()));
  }

  @Post("/calls")
  HttpResponse<TimelineEvent> call(
      @PathVariable String reference, @Body Call call, Authentication who) {
    String summary = text("summary", call.summary());
    if (call.at() == null || call.at().toInstant().isAfter(clock.instant().plusSeconds(300))) {
      throw ProblemException.invalid(
          List.of(new FieldError("at", "when the call took place, not in the future")));
    }
    return created(
        activity.record(
            reference,
            who.getName(),
            "CALL",
            "at",
            call.at().toInstant().toString(),
            "summary",
            summary));
  }

  @Post("/messages")
  HttpResponse<TimelineEvent> message(
      @PathVariable String reference, @Body Message message, Authentication who) {
    String text = text("text", message.text());
    return created(activity.record(reference, who.getName(), "MESSAGE_TO_VICTIM", "text", text));
  }

  @Post("/assign")
  HttpResponse<TicketDetail> assign(
      @PathVariable String reference,
      @Body Assign request,
      @Nullable @Header("If-Match") String ifMatch,
      Authentication who) {
    if (!assignment.assign(
        reference, request.assignee(), Versions.parseIfMatch(ifMatch), who.getName())) {
      throw ProblemException.notFound("Ticket");
    }
    return TicketController.withEtag(tickets.detail(reference).orElseThrow());
  }

  @Get("/timeline")
  Page<TimelineEvent> timeline(
      @PathVariable String reference,
      @QueryValue(defaultValue = "0") String page,
      @QueryValue(defaultValue = "200") String size,
      Authentication who) {
    Page.Request request = Page.Request.parse(page, size);
    List<TimelineEvent> events =
        activity
            .timeline(reference, request.page(), request.size())
            .orElseThrow(() -> ProblemException.notFound("Ticket"));
    // Notes, calls and the victim's messages: personal data read.
    audit.record(
        who.getName(),
        "TIMELINE_VIEWED",
        "ticket:" + reference,
        java.util.Map.of("page", request.page(), "size", request.size()));
    return new Page<>(events, request.page(), request.size(), activity.count(reference));
  }

  static String text(String field, String value) {
    String text = value == null ? "" : value.strip();
    String problem = text.isEmpty() ? "is required" : Texts.problem(text, Activity.MAX_TEXT, true);
    if (problem != null) {
      throw ProblemException.invalid(List.of(new FieldError(field, problem)));
    }
    return text;
  }

  private static HttpResponse<TimelineEvent> created(java.util.Optional<TimelineEvent> event) {
    return HttpResponse.created(event.orElseThrow(() -> ProblemException.notFound("Ticket")));
  }
}
