package fr.vigie.intake;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.intake.internal.FollowUpTokens;
import fr.vigie.tickets.Activity;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.Tickets;
import fr.vigie.tickets.TimelineEvent;
import fr.vigie.tickets.VictimMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.List;

/** The public report form's endpoints: submit a report, then follow it with the token. */
@Controller("/api/v1/reports")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportController {

  private static final String REFERENCE = "[A-Z]{2,8}-[0-9]{4}-[0-9]{6}";

  static final int MAX_MESSAGE = 10_000;

  private final IntakeService intake;
  private final Tickets tickets;
  private final Activity activity;
  private final fr.vigie.audit.Audit audit;
  private final fr.vigie.security.ClientAddress clients;

  private final java.time.ZoneId zone;

  ReportController(
      IntakeService intake,
      Tickets tickets,
      Activity activity,
      fr.vigie.CsirtSettings csirt,
      fr.vigie.audit.Audit audit,
      fr.vigie.security.ClientAddress clients) {
    this.intake = intake;
    this.tickets = tickets;
    this.activity = activity;
    this.zone = csirt.zone();
    this.audit = audit;
    this.clients = clients;
  }

  @Post
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Receipt> submit(
      HttpRequest<?> request,
      @Body byte[] body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey) {
    IntakeService.Submission submission =
        intake.submit(body, idempotencyKey, clients.of(request).getHostAddress());
    Receipt receipt = submission.receipt();
    return HttpResponse.status(HttpStatus.CREATED)
        .body(receipt)
        .headers(
            h -> {
              h.location(URI.create("/api/v1/reports/" + receipt.reference()));
              if (submission.replayed()) {
                h.add("Idempotent-Replayed", "true");
              }
            });
  }

  /**
   * The victim's view. A wrong token and an unknown reference give the same 404 after the same
   * work, so the answer never tells whether a reference exists.
   */
  @Get("/{reference}")
  FollowUpView follow(
      @PathVariable String reference, @Nullable @Header("X-Follow-Up-Token") String token) {
    TicketDetail ticket = victimsTicket(reference, token);
    FollowUpView view = FollowUpView.of(ticket, activity.messages(ticket.reference()), zone);
    // Whoever holds the token sees the contact and the messages: a leaked token shows here.
    audit.record("victim", "FOLLOW_UP_VIEWED", "ticket:" + reference, java.util.Map.of());
    return view;
  }

  /** The victim adds information; the analysts see it on the timeline. */
  @Post("/{reference}/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<VictimMessage> message(
      @PathVariable String reference,
      @Nullable @Header("X-Follow-Up-Token") String token,
      @Body Message message) {
    TicketDetail ticket = victimsTicket(reference, token);
    String text = message.text() == null ? "" : message.text().strip();
    String problem = text.isEmpty() ? "is required" : Texts.problem(text, MAX_MESSAGE, true);
    if (problem != null) {
      throw ProblemException.invalid(List.of(new FieldError("text", problem)));
    }
    TimelineEvent event =
        activity
            .record(ticket.reference(), "victim", "MESSAGE_FROM_VICTIM", "text", text)
            .orElseThrow();
    return HttpResponse.created(new VictimMessage(event.at(), VictimMessage.From.VICTIM, text));
  }

  /** A message from the victim. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record Message(@Nullable String text) {}

  private TicketDetail victimsTicket(String reference, String token) {
    String safeReference =
        reference.length() <= 32 && reference.matches(REFERENCE) ? reference : "";
    byte[] hash = FollowUpTokens.hash(token == null ? "" : token);
    return tickets
        .detailForVictim(safeReference, hash)
        .orElseThrow(() -> ProblemException.notFound("Report"));
  }
}
