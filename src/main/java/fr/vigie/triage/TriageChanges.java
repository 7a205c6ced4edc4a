package fr.vigie.triage;

import fr.vigie.geo.GeoDirectory;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.Classification;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.Tickets;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an analyst changes in a ticket's triage (DESIGN.md §5), with the same checks whether it
 * comes from the API ({@code PATCH …/triage}, {@code POST …/promote}) or the console's ticket page:
 * an override of severity, RSIT class and type or kind, always with a reason, the computed triage
 * kept beside it; a signalement promoted to an incident and triaged again.
 */
@Singleton
public final class TriageChanges {

  /** Longest reason (characters); the shortest is 3. */
  public static final int MAX_REASON = 1_000;

  private final Tickets tickets;
  private final TriageService triage;
  private final GeoDirectory geo;
  private final Clock clock;

  TriageChanges(Tickets tickets, TriageService triage, GeoDirectory geo, Clock clock) {
    this.tickets = tickets;
    this.triage = triage;
    this.geo = geo;
    this.clock = clock;
  }

  /**
   * Overrides what is given (null stays as it is): 422 naming {@code reason}, {@code rsitType} or
   * {@code severity}, 412 for a stale version; empty when there is no such ticket.
   */
  public Optional<TicketDetail> override(
      String reference,
      @Nullable Severity severity,
      @Nullable String rsitClass,
      @Nullable String rsitType,
      @Nullable TicketKind kind,
      @Nullable String reason,
      @Nullable Integer expectedVersion,
      String actor) {
    List<FieldError> errors = new ArrayList<>();
    String why = reason(reason);
    if (why == null) {
      errors.add(new FieldError("reason", "say why, in 3 to " + MAX_REASON + " characters"));
    }
    if ((rsitClass == null) != (rsitType == null)) {
      errors.add(new FieldError("rsitType", "give the RSIT class and type together"));
    } else if (rsitClass != null && !RsitTaxonomy.isValid(rsitClass, rsitType)) {
      errors.add(new FieldError("rsitType", "not a type of this RSIT class (ENISA taxonomy)"));
    }
    if (severity == null && kind == null && rsitClass == null) {
      errors.add(new FieldError("severity", "change at least severity, RSIT class or kind"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return tickets.overrideTriage(
        reference,
        new Classification.Override(
            severity, kind, rsitClass, rsitType, why, actor, clock.instant()),
        expectedVersion);
  }

  /**
   * Promotes a signalement to an incident, triaged again as one (orientations and legal deadlines
   * follow), with the reason on the timeline: 422 naming {@code reason}, 412 for a stale version;
   * empty when there is no such ticket.
   */
  public Optional<TicketDetail> promote(
      String reference, @Nullable String reason, @Nullable Integer expectedVersion, String actor) {
    String why = reason(reason);
    if (why == null) {
      throw ProblemException.invalid(List.of(new FieldError("reason", "say why, in a few words")));
    }
    Optional<TicketDetail> found = tickets.detail(reference);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TicketDetail ticket = found.get();
    Victim victim = ticket.victim();
    Locality locality =
        victim.type() == VictimType.EPCI && victim.siren() != null
            ? geo.epciBySiren(victim.siren()).map(Locality::of).orElse(Locality.NONE)
            : Locality.NONE;
    Classification incident =
        triage.classify(
            victim, locality, ticket.incident(), ticket.receivedAt(), TicketKind.INCIDENT);
    return tickets.promote(reference, incident, why, actor, clock.instant(), expectedVersion);
  }

  /** The reason stripped, or null when shorter than 3 or longer than {@link #MAX_REASON}. */
  private static String reason(String reason) {
    String why = reason == null ? "" : reason.strip();
    return why.length() < 3 || why.length() > MAX_REASON ? null : why;
  }
}
