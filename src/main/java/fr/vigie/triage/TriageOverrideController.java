package fr.vigie.triage;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.Classification;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PATCH /api/v1/tickets/{reference}/triage}: an analyst overrides severity, RSIT class and
 * type, or kind, always with a reason (DESIGN.md §5). The computed triage is kept beside it.
 */
@Controller("/api/v1/tickets/{reference}/triage")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class TriageOverrideController {

  static final int MAX_REASON = 1_000;

  private final Tickets tickets;
  private final Clock clock;

  TriageOverrideController(Tickets tickets, Clock clock) {
    this.tickets = tickets;
    this.clock = clock;
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
    List<FieldError> errors = new ArrayList<>();
    String reason = request.reason() == null ? "" : request.reason().strip();
    if (reason.length() < 3 || reason.length() > MAX_REASON) {
      errors.add(new FieldError("reason", "say why, in 3 to " + MAX_REASON + " characters"));
    }
    if ((request.rsitClass() == null) != (request.rsitType() == null)) {
      errors.add(new FieldError("rsitType", "give the RSIT class and type together"));
    } else if (request.rsitClass() != null
        && !RsitTaxonomy.isValid(request.rsitClass(), request.rsitType())) {
      errors.add(new FieldError("rsitType", "not a type of this RSIT class (ENISA taxonomy)"));
    }
    if (request.severity() == null && request.kind() == null && request.rsitClass() == null) {
      errors.add(new FieldError("severity", "change at least severity, RSIT class or kind"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    Classification.Override override =
        new Classification.Override(
            request.severity(),
            request.kind(),
            request.rsitClass(),
            request.rsitType(),
            reason,
            analyst.getName(),
            clock.instant());
    TicketDetail ticket =
        tickets
            .overrideTriage(reference, override, Tickets.ifMatch(ifMatch))
            .orElseThrow(() -> ProblemException.notFound("Ticket"));
    return HttpResponse.ok(ticket).header(HttpHeaders.ETAG, Tickets.etag(ticket.version()));
  }
}
