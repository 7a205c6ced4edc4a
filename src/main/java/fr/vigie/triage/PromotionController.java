package fr.vigie.triage;

import fr.vigie.http.ProblemException;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.Tickets;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /api/v1/tickets/{reference}/promote}: a signalement turns out to be an incident. The
 * ticket is triaged again as an incident (orientations and legal deadlines follow), and the
 * promotion is recorded on the timeline with its reason.
 */
@Controller("/api/v1/tickets/{reference}/promote")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class PromotionController {

  private final TriageChanges changes;

  PromotionController(TriageChanges changes) {
    this.changes = changes;
  }

  /** Why the signalement is an incident after all. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record Request(@Nullable String reason) {}

  @Post
  HttpResponse<TicketDetail> promote(
      @PathVariable String reference,
      @Body Request request,
      @Nullable @Header("If-Match") String ifMatch,
      Authentication analyst) {
    TicketDetail promoted =
        changes
            .promote(reference, request.reason(), Tickets.ifMatch(ifMatch), analyst.getName())
            .orElseThrow(() -> ProblemException.notFound("Ticket"));
    return HttpResponse.ok(promoted).header(HttpHeaders.ETAG, Tickets.etag(promoted.version()));
  }
}
