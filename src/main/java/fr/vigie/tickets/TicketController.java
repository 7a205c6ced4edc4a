package fr.vigie.tickets;

import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

/** The analysts' queue and ticket page (DESIGN.md §10). Officials and providers never see it. */
@Controller("/api/v1/tickets")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class TicketController {

  private final Tickets tickets;

  TicketController(Tickets tickets) {
    this.tickets = tickets;
  }

  /** Newest first for now; the queue order by next due clock comes with the clocks. */
  @Get
  Page<TicketSummary> list(
      @QueryValue(defaultValue = "0") String page, @QueryValue(defaultValue = "50") String size) {
    return tickets.page(Page.Request.parse(page, size));
  }

  @Get("/{reference}")
  TicketDetail get(@PathVariable String reference) {
    return tickets.detail(reference).orElseThrow(() -> ProblemException.notFound("Ticket"));
  }
}
