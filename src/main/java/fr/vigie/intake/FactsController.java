package fr.vigie.intake;

import fr.vigie.audit.Audit;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.Tickets;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

/**
 * {@code PATCH /api/v1/tickets/{reference}/facts}: an analyst completes or corrects the victim's
 * and the incident's facts, with a reason; the triage follows ({@link FactsCorrection}).
 */
@Controller("/api/v1/tickets/{reference}/facts")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class FactsController {

  private final FactsCorrection facts;
  private final Audit audit;

  FactsController(FactsCorrection facts, Audit audit) {
    this.facts = facts;
    this.audit = audit;
  }

  @Patch
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<TicketDetail> correct(
      @PathVariable String reference,
      @Body byte[] body,
      @Nullable @Header("If-Match") String ifMatch,
      Authentication analyst) {
    TicketDetail ticket =
        facts
            .correct(reference, body, Tickets.ifMatch(ifMatch), analyst.getName())
            .orElseThrow(() -> ProblemException.notFound("Ticket"));
    // The answer is the whole ticket, its contact included: read as GET's is, audited as it is.
    audit.record(
        analyst.getName(),
        "TICKET_VIEWED",
        "ticket:" + ticket.reference(),
        java.util.Map.of("factsCorrected", true));
    return HttpResponse.ok(ticket).header(HttpHeaders.ETAG, Tickets.etag(ticket.version()));
  }
}
