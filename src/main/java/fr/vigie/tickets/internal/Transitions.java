package fr.vigie.tickets.internal;

import fr.vigie.db.Database;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.Lifecycle;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.TransitionRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies a status change: 404 for an unknown ticket, 412 when the caller's version is stale, 409
 * naming the allowed statuses when the life cycle forbids it, 422 when closing without an outcome
 * or rejecting without a reason. The row is locked, so of two concurrent changes exactly one
 * applies and the other sees the new status.
 */
@Singleton
public final class Transitions {

  static final int MAX_REASON = 1_000;

  private final Database database;
  private final Clock clock;
  private final ChangeListeners listeners;

  Transitions(Database database, Clock clock, ChangeListeners listeners) {
    this.database = database;
    this.clock = clock;
    this.listeners = listeners;
  }

  public boolean apply(
      String reference, TransitionRequest request, Integer expectedVersion, String actor) {
    validate(request);
    return database.inTransaction(
        c -> {
          var found = TicketWorkflow.lock(c, reference);
          if (found.isEmpty()) {
            return false;
          }
          TicketWorkflow.Current current = found.get();
          Versions.check(expectedVersion, current.version());
          Set<TicketStatus> allowed =
              Lifecycle.allowed(
                  current.status(), current.resumeStatus(), current.closedAt(), clock.instant());
          allowed.remove(TicketStatus.MERGED); // merging has its own endpoint
          if (!allowed.contains(request.to())) {
            throw new ProblemException(
                HttpStatus.CONFLICT,
                "A " + current.status() + " ticket cannot become " + request.to() + ".",
                List.of(new FieldError("to", "allowed from " + current.status() + ": " + allowed)));
          }
          String reason = request.reason() == null ? null : request.reason().strip();
          TicketWorkflow.transition(
              c,
              current,
              request.to(),
              reason,
              request.to() == TicketStatus.CLOSED ? request.outcome() : null,
              request.to() == TicketStatus.CLOSED ? request.prevented() : null,
              actor,
              clock.instant());
          listeners.changed(c, current.id());
          return true;
        });
  }

  /** See {@link fr.vigie.tickets.Tickets#moveIn}. */
  public boolean moveIn(
      java.sql.Connection c, String reference, TicketStatus to, String reason, String actor)
      throws java.sql.SQLException {
    var found = TicketWorkflow.lock(c, reference);
    if (found.isEmpty()) {
      return false;
    }
    TicketWorkflow.Current current = found.get();
    Set<TicketStatus> allowed =
        Lifecycle.allowed(
            current.status(), current.resumeStatus(), current.closedAt(), clock.instant());
    if (current.status() == to || !allowed.contains(to) || to == TicketStatus.CLOSED) {
      return false;
    }
    TicketWorkflow.transition(c, current, to, reason, null, null, actor, clock.instant());
    listeners.changed(c, current.id());
    return true;
  }

  private static void validate(TransitionRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request.to() == null) {
      errors.add(new FieldError("to", "is required"));
    } else if (request.to() == TicketStatus.MERGED) {
      errors.add(new FieldError("to", "use POST /api/v1/tickets/{reference}/merge"));
    }
    if (request.to() == TicketStatus.CLOSED) {
      if (request.outcome() == null) {
        errors.add(new FieldError("outcome", "is required to close a ticket"));
      }
      if (request.outcome() == fr.vigie.tickets.Outcome.PREVENTED
          && Boolean.FALSE.equals(request.prevented())) {
        errors.add(new FieldError("prevented", "an attack PREVENTED was stopped before impact"));
      }
      if (request.prevented() == null) {
        errors.add(
            new FieldError("prevented", "say whether the attack was stopped before any impact"));
      }
    }
    String reason = request.reason() == null ? "" : request.reason().strip();
    if ((request.to() == TicketStatus.REJECTED || request.to() == TicketStatus.ORIENTED)
        && reason.length() < 3) {
      errors.add(new FieldError("reason", "say why, in a few words"));
    }
    if (reason.length() > MAX_REASON) {
      errors.add(new FieldError("reason", "at most " + MAX_REASON + " characters"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }
}
