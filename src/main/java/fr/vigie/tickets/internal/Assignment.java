package fr.vigie.tickets.internal;

import fr.vigie.db.Database;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/** Gives a ticket to an analyst (or back to the queue), with optimistic locking. */
@jakarta.inject.Singleton
public final class Assignment {

  /** Who may hold a ticket: an enabled account with one of these roles. */
  private static final String ASSIGNABLE =
      "enabled AND roles && ARRAY['ANALYST', 'COORDINATOR', 'ADMIN']";

  private final Database database;
  private final Clock clock;

  Assignment(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** False when there is no such ticket; {@code assignee} null means unassigned. */
  public boolean assign(String reference, String assignee, Integer expectedVersion, String actor) {
    return database.inTransaction(
        c -> {
          var current = TicketWorkflow.lock(c, reference);
          if (current.isEmpty()) {
            return false;
          }
          Versions.check(expectedVersion, current.get().version());
          Long userId = null;
          if (assignee != null) {
            try (var s =
                c.prepareStatement(
                    "SELECT id FROM app_user WHERE username = ? AND " + ASSIGNABLE)) {
              s.setString(1, assignee);
              try (var rows = s.executeQuery()) {
                if (!rows.next()) {
                  throw ProblemException.invalid(
                      List.of(new FieldError("assignee", "no analyst has this username")));
                }
                userId = rows.getLong(1);
              }
            }
          }
          try (var s =
              c.prepareStatement(
                  "UPDATE ticket SET assignee_id = ?, updated_at = ?, version = version + 1"
                      + " WHERE id = ?")) {
            s.setObject(1, userId);
            s.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
            s.setLong(3, current.get().id());
            s.executeUpdate();
          }
          TimelineWriter.append(
              c, current.get().id(), clock.instant(), actor, "ASSIGNED", "assignee", assignee);
          return true;
        });
  }

  /** The usernames a ticket can be given to, in alphabetical order (at most {@code limit}). */
  public List<String> assignees(int limit) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT username FROM app_user WHERE "
                      + ASSIGNABLE
                      + " ORDER BY username LIMIT ?")) {
            s.setInt(1, limit);
            List<String> names = new java.util.ArrayList<>();
            try (var rows = s.executeQuery()) {
              while (rows.next()) {
                names.add(rows.getString(1));
              }
            }
            return names;
          }
        });
  }
}
