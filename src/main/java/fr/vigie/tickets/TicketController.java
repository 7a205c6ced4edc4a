package fr.vigie.tickets;

import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.internal.Transitions;
import fr.vigie.tickets.internal.Versions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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
import java.util.List;

/** The analysts' queue and ticket page (DESIGN.md §10). Officials and providers never see it. */
@Controller("/api/v1/tickets")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class TicketController {

  private final Tickets tickets;
  private final Transitions transitions;
  private final fr.vigie.audit.Audit audit;

  TicketController(Tickets tickets, Transitions transitions, fr.vigie.audit.Audit audit) {
    this.tickets = tickets;
    this.transitions = transitions;
    this.audit = audit;
  }

  /**
   * The queue: open tickets by default, the earliest running clock first, then severity, then age.
   * Filters combine; {@code status} may repeat or list several values separated by commas.
   */
  @Get
  Page<TicketSummary> list(
      @Nullable @QueryValue List<String> status,
      @Nullable @QueryValue String severity,
      @Nullable @QueryValue String kind,
      @Nullable @QueryValue String assignee,
      @Nullable @QueryValue String unassigned,
      @Nullable @QueryValue String departement,
      @Nullable @QueryValue String threat,
      @Nullable @QueryValue String q,
      @Nullable @QueryValue String sort,
      @QueryValue(defaultValue = "0") String page,
      @QueryValue(defaultValue = "50") String size,
      Authentication who) {
    Page<TicketSummary> answer =
        tickets.page(
            QueueParameters.parse(
                status,
                severity,
                kind,
                assignee,
                unassigned,
                departement,
                threat,
                q,
                sort,
                Page.Request.parse(page, size)));
    // The queue names victims (a private individual's name is personal data): which ones were
    // shown to whom is on record.
    audit.record(
        who.getName(),
        "TICKETS_LISTED",
        "tickets",
        java.util.Map.of(
            "references", answer.items().stream().map(TicketSummary::reference).toList()));
    return answer;
  }

  @Get("/{reference}")
  HttpResponse<TicketDetail> get(@PathVariable String reference, Authentication who) {
    TicketDetail ticket =
        tickets.detail(reference).orElseThrow(() -> ProblemException.notFound("Ticket"));
    audit.record(
        who.getName(), "TICKET_VIEWED", "ticket:" + ticket.reference(), java.util.Map.of());
    return withEtag(ticket);
  }

  /** Changes the status; with {@code If-Match}, only if nobody changed the ticket meanwhile. */
  @Post("/{reference}/transitions")
  HttpResponse<TicketDetail> transition(
      @PathVariable String reference,
      @Body TransitionRequest request,
      @Nullable @Header("If-Match") String ifMatch,
      Authentication analyst) {
    Integer expected = Versions.parseIfMatch(ifMatch);
    if (!transitions.apply(reference, request, expected, analyst.getName())) {
      throw ProblemException.notFound("Ticket");
    }
    return withEtag(tickets.detail(reference).orElseThrow());
  }

  /**
   * Where a duplicate goes: the reference of the ticket that survives; {@code
   * confirmDifferentVictims} when the two reports are about different victims (refused otherwise).
   */
  @io.micronaut.serde.annotation.Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record MergeRequest(@Nullable String into, @Nullable Boolean confirmDifferentVictims) {}

  /** Merges this ticket, a duplicate, into {@code into}; answers the surviving ticket. */
  @Post("/{reference}/merge")
  HttpResponse<TicketDetail> merge(
      @PathVariable String reference,
      @Body MergeRequest request,
      @Nullable @Header("If-Match") String ifMatch,
      Authentication analyst) {
    if (!tickets.merge(
        reference,
        request.into(),
        Boolean.TRUE.equals(request.confirmDifferentVictims()),
        Versions.parseIfMatch(ifMatch),
        analyst.getName())) {
      throw ProblemException.notFound("Ticket");
    }
    return withEtag(tickets.detail(request.into()).orElseThrow());
  }

  static HttpResponse<TicketDetail> withEtag(TicketDetail ticket) {
    return HttpResponse.ok(ticket).header(HttpHeaders.ETAG, Versions.etag(ticket.version()));
  }
}
