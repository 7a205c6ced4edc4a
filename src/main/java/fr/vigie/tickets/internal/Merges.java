package fr.vigie.tickets.internal;

import fr.vigie.db.Database;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.Lifecycle;
import fr.vigie.tickets.TicketStatus;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Merges a duplicate into the ticket that survives: the duplicate becomes MERGED and points to it;
 * its timeline and messages show on the survivor; its victim's token keeps working and shows the
 * survivor. Both rows are locked in id order, so crossed merges cannot deadlock.
 */
@Singleton
public final class Merges {

  private static final Set<TicketStatus> FINAL =
      Set.of(TicketStatus.CLOSED, TicketStatus.REJECTED, TicketStatus.MERGED);

  private final Database database;
  private final Clock clock;
  private final ChangeListeners listeners;

  Merges(Database database, Clock clock, ChangeListeners listeners) {
    this.database = database;
    this.clock = clock;
    this.listeners = listeners;
  }

  /** False when the duplicate does not exist. */
  public boolean merge(String duplicate, String into, Integer expectedVersion, String actor) {
    if (into == null || into.equals(duplicate)) {
      throw ProblemException.invalid(
          List.of(new FieldError("into", "the reference of another ticket")));
    }
    return database.inTransaction(
        c -> {
          lockInIdOrder(c, duplicate, into);
          var dup = TicketWorkflow.lock(c, duplicate);
          if (dup.isEmpty()) {
            return false;
          }
          var target = TicketWorkflow.lock(c, into);
          if (target.isEmpty()) {
            throw ProblemException.invalid(List.of(new FieldError("into", "no such ticket")));
          }
          Versions.check(expectedVersion, dup.get().version());
          var allowed =
              Lifecycle.allowed(
                  dup.get().status(),
                  dup.get().resumeStatus(),
                  dup.get().closedAt(),
                  clock.instant());
          if (!allowed.contains(TicketStatus.MERGED)) {
            throw new ProblemException(
                HttpStatus.CONFLICT, "A " + dup.get().status() + " ticket cannot be merged.");
          }
          if (FINAL.contains(target.get().status())) {
            throw new ProblemException(
                HttpStatus.CONFLICT,
                "Merge into an open ticket, not a " + target.get().status() + " one.",
                List.of(new FieldError("into", "is " + target.get().status())));
          }
          apply(c, dup.get().id(), target.get().id());
          var now = clock.instant();
          TimelineWriter.append(c, dup.get().id(), now, actor, "MERGED_INTO", "into", into);
          TimelineWriter.append(
              c, target.get().id(), now, actor, "MERGED_FROM", "duplicate", duplicate);
          listeners.changed(c, dup.get().id());
          listeners.changed(c, target.get().id());
          return true;
        });
  }

  private void apply(Connection c, long duplicate, long target) throws SQLException {
    try (var s =
        c.prepareStatement(
            "UPDATE ticket SET status = 'MERGED', merged_into = ?, resume_status = NULL,"
                + " updated_at = ?, version = version + 1 WHERE id = ?")) {
      s.setLong(1, target);
      s.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
      s.setLong(3, duplicate);
      s.executeUpdate();
    }
    // The survivor changed too (new history): whoever edits it from an older read gets a 412.
    try (var s =
        c.prepareStatement(
            "UPDATE ticket SET updated_at = ?, version = version + 1 WHERE id = ?")) {
      s.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
      s.setLong(2, target);
      s.executeUpdate();
    }
  }

  private static void lockInIdOrder(Connection c, String a, String b) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT id FROM ticket WHERE reference IN (?, ?) ORDER BY id FOR UPDATE")) {
      s.setString(1, a);
      s.setString(2, b);
      s.executeQuery().close();
    }
  }
}
