package fr.vigie.security;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.security.internal.Retention;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A ticket's retention and legal hold: the desk reads it; coordinators and administrators set or
 * lift the hold (a judicial requisition, a dispute), which keeps its personal data past retention.
 */
@Controller("/api/v1/tickets/{reference}/legal-hold")
@ExecuteOn(TaskExecutors.BLOCKING)
final class LegalHoldController {

  private final Retention retention;

  LegalHoldController(Retention retention) {
    this.retention = retention;
  }

  /** The hold to set ({@code reason} required) or lift. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record Hold(@Nullable Boolean legalHold, @Nullable String reason) {}

  @Get
  @Secured({"ANALYST", "COORDINATOR", "ADMIN"})
  RetentionView get(@PathVariable String reference) {
    return retention.view(reference).orElseThrow(() -> ProblemException.notFound("Ticket"));
  }

  @Put
  @Secured({"COORDINATOR", "ADMIN"})
  RetentionView put(@PathVariable String reference, @Body Hold hold, Authentication who) {
    if (hold.legalHold() == null) {
      throw ProblemException.invalid(List.of(new FieldError("legalHold", "is required")));
    }
    String reason = hold.reason() == null ? null : hold.reason().strip();
    String problem =
        reason == null || reason.isEmpty()
            ? (hold.legalHold() ? "is required to set a hold" : null)
            : Texts.problem(reason, 1000, true);
    if (problem != null) {
      throw ProblemException.invalid(List.of(new FieldError("reason", problem)));
    }
    return retention
        .hold(
            reference,
            hold.legalHold(),
            reason == null || reason.isEmpty() ? null : reason,
            who.getName())
        .orElseThrow(() -> ProblemException.notFound("Ticket"));
  }
}
