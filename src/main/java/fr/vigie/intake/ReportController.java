package fr.vigie.intake;

import fr.vigie.http.ProblemException;
import fr.vigie.intake.internal.FollowUpTokens;
import fr.vigie.tickets.Tickets;
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
import java.net.URI;

/** The public report form's endpoints: submit a report, then follow it with the token. */
@Controller("/api/v1/reports")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportController {

  private static final String REFERENCE = "[A-Z]{2,8}-[0-9]{4}-[0-9]{6}";

  private final IntakeService intake;
  private final Tickets tickets;

  ReportController(IntakeService intake, Tickets tickets) {
    this.intake = intake;
    this.tickets = tickets;
  }

  @Post
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Receipt> submit(
      HttpRequest<?> request,
      @Body byte[] body,
      @Nullable @Header("Idempotency-Key") String idempotencyKey) {
    IntakeService.Submission submission =
        intake.submit(
            body, idempotencyKey, request.getRemoteAddress().getAddress().getHostAddress());
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
    String safeReference =
        reference.length() <= 32 && reference.matches(REFERENCE) ? reference : "";
    byte[] hash = FollowUpTokens.hash(token == null ? "" : token);
    return tickets
        .detailForVictim(safeReference, hash)
        .map(FollowUpView::of)
        .orElseThrow(() -> ProblemException.notFound("Report"));
  }
}
