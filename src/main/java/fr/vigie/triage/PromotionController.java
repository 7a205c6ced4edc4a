package fr.vigie.triage;

import fr.vigie.geo.GeoDirectory;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.Classification;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.Tickets;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
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
import java.time.Clock;
import java.util.List;

/**
 * {@code POST /api/v1/tickets/{reference}/promote}: a signalement turns out to be an incident. The
 * ticket is triaged again as an incident (orientations and legal deadlines follow), and the
 * promotion is recorded on the timeline with its reason.
 */
@Controller("/api/v1/tickets/{reference}/promote")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class PromotionController {

  private final Tickets tickets;
  private final TriageService triage;
  private final GeoDirectory geo;
  private final Clock clock;

  PromotionController(Tickets tickets, TriageService triage, GeoDirectory geo, Clock clock) {
    this.tickets = tickets;
    this.triage = triage;
    this.geo = geo;
    this.clock = clock;
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
    String reason = request.reason() == null ? "" : request.reason().strip();
    if (reason.length() < 3 || reason.length() > TriageOverrideController.MAX_REASON) {
      throw ProblemException.invalid(List.of(new FieldError("reason", "say why, in a few words")));
    }
    TicketDetail ticket =
        tickets.detail(reference).orElseThrow(() -> ProblemException.notFound("Ticket"));
    Victim victim = ticket.victim();
    Locality locality =
        victim.type() == VictimType.EPCI && victim.siren() != null
            ? geo.epciBySiren(victim.siren()).map(Locality::of).orElse(Locality.NONE)
            : Locality.NONE;
    Classification incident =
        triage.classify(
            victim, locality, ticket.incident(), ticket.receivedAt(), TicketKind.INCIDENT);
    TicketDetail promoted =
        tickets
            .promote(
                reference,
                incident,
                reason,
                analyst.getName(),
                clock.instant(),
                Tickets.ifMatch(ifMatch))
            .orElseThrow(() -> ProblemException.notFound("Ticket"));
    return HttpResponse.ok(promoted).header(HttpHeaders.ETAG, Tickets.etag(promoted.version()));
  }
}
