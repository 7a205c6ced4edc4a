package fr.vigie.tickets;

import fr.vigie.db.Database;
import fr.vigie.tickets.internal.TimelineWriter;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happens on a ticket besides status changes: notes, calls, messages, assignment. Each is a
 * timeline event, written with the ticket's {@code updated_at} in one transaction.
 */
@Singleton
public final class Activity {

  /** A ticket and every ticket merged into it, directly or through a chain of merges. */
  private static final String FAMILY =
      "WITH RECURSIVE family(id, depth) AS (SELECT id, 0 FROM ticket WHERE reference = ?"
          + " UNION ALL SELECT t.id, family.depth + 1 FROM ticket t"
          + " JOIN family ON t.merged_into = family.id WHERE family.depth < 50) ";

  private final Database database;
  private final Clock clock;
  private final JsonMapper json;
  private final fr.vigie.tickets.internal.ChangeListeners listeners;

  Activity(
      Database database,
      Clock clock,
      JsonMapper json,
      fr.vigie.tickets.internal.ChangeListeners listeners) {
    this.database = database;
    this.clock = clock;
    this.json = json;
    this.listeners = listeners;
  }

  /** The Traffic Light Protocol levels a note may carry (FIRST TLP 2.0), from open to closed. */
  public static final List<String> TLP = List.of("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED");

  /** Longest note, call summary or message (characters). */
  public static final int MAX_TEXT = 10_000;

  /**
   * An analyst's internal note with its TLP ({@code AMBER} when not said), as {@code POST …/notes}
   * and the ticket page write it: 422 naming {@code text} or {@code tlp} when refused. Empty when
   * there is no such ticket.
   */
  public Optional<TimelineEvent> note(String reference, String actor, String text, String tlp) {
    String level = tlp == null ? "AMBER" : tlp;
    List<fr.vigie.http.Problem.FieldError> errors = new ArrayList<>();
    String body = text == null ? "" : text.strip();
    String problem =
        body.isEmpty() ? "is required" : fr.vigie.http.Texts.problem(body, MAX_TEXT, true);
    if (problem != null) {
      errors.add(new fr.vigie.http.Problem.FieldError("text", problem));
    }
    if (!TLP.contains(level)) {
      errors.add(new fr.vigie.http.Problem.FieldError("tlp", "expected one of " + TLP));
    }
    if (!errors.isEmpty()) {
      throw fr.vigie.http.ProblemException.invalid(errors);
    }
    return record(reference, actor, "NOTE", "text", body, "tlp", level);
  }

  /** Appends an event to the ticket (empty when there is no such ticket). */
  public Optional<TimelineEvent> record(
      String reference, String actor, String type, Object... details) {
    return database.inTransaction(
        c -> {
          Optional<Long> id = ticketId(c, reference, true);
          if (id.isEmpty()) {
            return Optional.empty();
          }
          touch(c, id.get());
          long event = TimelineWriter.append(c, id.get(), clock.instant(), actor, type, details);
          listeners.changed(c, id.get());
          return Optional.of(event(c, event));
        });
  }

  /**
   * Appends an event inside the caller's transaction (another module's change that belongs on the
   * ticket's timeline, e.g. a referral accepted). Empty when there is no such ticket.
   */
  public Optional<Long> recordIn(
      Connection c, String reference, String actor, String type, Object... details)
      throws SQLException {
    Optional<Long> id = ticketId(c, reference, true);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    touch(c, id.get());
    long event = TimelineWriter.append(c, id.get(), clock.instant(), actor, type, details);
    listeners.changed(c, id.get());
    return Optional.of(event);
  }

  public Optional<List<TimelineEvent>> timeline(String reference, int page, int size) {
    return database.read(
        c -> {
          Optional<Long> id = ticketId(c, reference, false);
          if (id.isEmpty()) {
            return Optional.empty();
          }
          try (var s =
              c.prepareStatement(
                  FAMILY
                      + "SELECT id, at, actor, type, details::text FROM ticket_event"
                      + " WHERE ticket_id IN (SELECT id FROM family)"
                      + " ORDER BY at, id LIMIT ? OFFSET ?")) {
            s.setString(1, reference);
            s.setInt(2, size);
            s.setLong(3, (long) page * size);
            List<TimelineEvent> events = new ArrayList<>();
            try (var rows = s.executeQuery()) {
              while (rows.next()) {
                events.add(map(rows));
              }
            }
            return Optional.of(events);
          }
        });
  }

  public long count(String reference) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  FAMILY
                      + "SELECT count(*) FROM ticket_event WHERE ticket_id IN"
                      + " (SELECT id FROM family)")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  /** The exchange with the victim, oldest first; never internal notes. */
  public List<VictimMessage> messages(String reference) {
    return database.read(
        c -> {
          // The ticket's own thread only, never that of a ticket merged into it: each reporter
          // sees its own exchange with the desk, not another reporter's (issue 16, finding 3).
          try (var s =
              c.prepareStatement(
                  "SELECT e.at, e.type, e.details->>'text' FROM ticket_event e"
                      + " JOIN ticket t ON t.id = e.ticket_id WHERE t.reference = ?"
                      + " AND e.type IN ('MESSAGE_FROM_VICTIM', 'MESSAGE_TO_VICTIM')"
                      + " ORDER BY e.at, e.id")) {
            s.setString(1, reference);
            List<VictimMessage> messages = new ArrayList<>();
            try (var rows = s.executeQuery()) {
              while (rows.next()) {
                messages.add(
                    new VictimMessage(
                        rows.getObject(1, OffsetDateTime.class).toInstant(),
                        "MESSAGE_FROM_VICTIM".equals(rows.getString(2))
                            ? VictimMessage.From.VICTIM
                            : VictimMessage.From.CSIRT,
                        rows.getString(3)));
              }
            }
            return messages;
          }
        });
  }

  static Optional<Long> ticketId(Connection c, String reference, boolean lock) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT id FROM ticket WHERE reference = ?" + (lock ? " FOR UPDATE" : ""))) {
      s.setString(1, reference);
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
      }
    }
  }

  private void touch(Connection c, long id) throws SQLException {
    try (var s = c.prepareStatement("UPDATE ticket SET updated_at = ? WHERE id = ?")) {
      s.setObject(1, clock.instant().atOffset(java.time.ZoneOffset.UTC));
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  private TimelineEvent event(Connection c, long id) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT id, at, actor, type, details::text FROM ticket_event WHERE id = ?")) {
      s.setLong(1, id);
      try (var rows = s.executeQuery()) {
        rows.next();
        return map(rows);
      }
    }
  }

  private TimelineEvent map(java.sql.ResultSet rows) throws SQLException {
    try {
      Map<String, Object> details =
          json.readValue(rows.getString(5), Argument.mapOf(String.class, Object.class));
      return new TimelineEvent(
          rows.getLong(1),
          rows.getObject(2, OffsetDateTime.class).toInstant(),
          rows.getString(3),
          rows.getString(4),
          details);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
