package fr.vigie.intake;

import fr.vigie.http.ProblemException;
import fr.vigie.tickets.TicketDetail;
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

/** The public report form's endpoints: submit a report, then follow it with the token. */
@Controller("/api/v1/reports")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportController {

  private final IntakeService intake;
  private final FollowUps followUps;
  private final fr.vigie.security.ClientAddress clients;

  ReportController(
      IntakeService intake, FollowUps followUps, fr.vigie.security.ClientAddress clients) {
    this.intake = intake;
    this.followUps = followUps;
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
    return followUps.view(victimsTicket(reference, token));
  }

  /** The victim adds information; the analysts see it on the timeline. */
  @Post("/{reference}/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<VictimMessage> message(
      @PathVariable String reference,
      @Nullable @Header("X-Follow-Up-Token") String token,
      @Body Message message) {
    TicketDetail ticket = victimsTicket(reference, token);
    return HttpResponse.created(followUps.write(ticket, message.text()));
  }

  /** A message from the victim. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record Message(@Nullable String text) {}

  /**
   * The victim's ticket. A wrong token and an unknown reference give the same 404 after the same
   * work, so the answer never tells whether a reference exists.
   */
  private TicketDetail victimsTicket(String reference, String token) {
    return followUps.find(reference, token).orElseThrow(() -> ProblemException.notFound("Report"));
  }
}
