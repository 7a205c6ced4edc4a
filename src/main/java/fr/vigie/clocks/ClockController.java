package fr.vigie.clocks;

import fr.vigie.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code /api/v1/tickets/{reference}/clocks}: a ticket's clocks, and what the analyst records of
 * the victim's legal filings; the rules are {@link ClockFilings}'s, shared with the ticket page.
 */
@Controller("/api/v1/tickets/{reference}/clocks")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class ClockController {

  private final ClockFilings filings;

  ClockController(ClockFilings filings) {
    this.filings = filings;
  }

  /** A filing the victim made: when, its reference with the authority, a note. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record Completion(
      @Nullable OffsetDateTime at, @Nullable String reference, @Nullable String note) {}

  /** Why a legal deadline does not concern this victim after all. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record NotApplicable(@Nullable String reason) {}

  @Get
  List<ClockDetail> list(@PathVariable String reference) {
    return filings.list(reference).orElseThrow(() -> ProblemException.notFound("Ticket"));
  }

  @Post("/{code}/complete")
  List<ClockDetail> complete(
      @PathVariable String reference,
      @PathVariable String code,
      @Body Completion body,
      Authentication who) {
    return filings.complete(
        reference,
        code,
        body.at() == null ? null : body.at().toInstant(),
        body.reference(),
        body.note(),
        who.getName());
  }

  @Post("/{code}/not-applicable")
  List<ClockDetail> notApplicable(
      @PathVariable String reference,
      @PathVariable String code,
      @Body NotApplicable body,
      Authentication who) {
    return filings.notApplicable(reference, code, body.reason(), who.getName());
  }
}
