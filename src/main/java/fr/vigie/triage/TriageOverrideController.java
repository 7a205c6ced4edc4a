package fr.vigie.triage;

import fr.vigie.http.ProblemException;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.Tickets;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code PATCH /api/v1/tickets/{reference}/triage}: an analyst overrides severity, RSIT class and
 * type, or kind, always with a reason (DESIGN.md §5). The computed triage is kept beside it.
 */
@Controller("/api/v1/tickets/{reference}/triage")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class TriageOverrideController {

  private final TriageChanges changes;

  TriageOverrideController(TriageChanges changes) {
    this.changes = changes;
  }

  /** The change an analyst asks for; absent fields stay as they are, unknown ones are refused. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record Request(
      @Nullable Severity severity,
      @Nullable String rsitClass,
      @Nullable String rsitType,
      @Nullable TicketKind kind,
      @Nullable String reason) {}

  @Patch
  HttpResponse<TicketDetail> override(
      @PathVariable String reference,
      @Body Request request,
      @Nullable @Header("If-Match") String ifMatch,
      Authentication analyst) {
    TicketDetail ticket =
        changes
            .override(
                reference,
                request.severity(),
                request.rsitClass(),
                request.rsitType(),
                request.kind(),
                request.reason(),
                Tickets.ifMatch(ifMatch),
                analyst.getName())
            .orElseThrow(() -> ProblemException.notFound("Ticket"));
    return HttpResponse.ok(ticket).header(HttpHeaders.ETAG, Tickets.etag(ticket.version()));
  }
}
