package fr.vigie.clocks;

import fr.vigie.db.Database;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.tickets.Activity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A ticket's clocks, and what the analyst records of the victim's legal filings (DESIGN.md §7),
 * with the same checks from the API ({@link ClockController}) and the console's ticket page: a
 * regulatory clock is {@code DONE} when the filing is recorded (when it was made, its reference, a
 * note) or {@code NOT_APPLICABLE} with a reason. SLA clocks are met by the ticket's own events, not
 * by hand (409). Each recording is a timeline event, so the clocks stay a replay of the history.
 */
@Singleton
public final class ClockFilings {

  public static final int MAX_REFERENCE = 200;
  public static final int MAX_NOTE = 2_000;
  private static final Set<String> FINAL = Set.of("DONE", "NOT_APPLICABLE");

  private final Database database;
  private final Activity activity;
  private final Clock clock;
  private final JsonMapper json;

  ClockFilings(Database database, Activity activity, Clock clock, JsonMapper json) {
    this.database = database;
    this.activity = activity;
    this.clock = clock;
    this.json = json;
  }

  /** The ticket's clocks, soonest due first; empty when there is no such ticket. */
  public Optional<List<ClockDetail>> list(String reference) {
    return database.read(c -> clocks(c, reference));
  }

  /**
   * Records the victim's filing for the regulatory clock {@code code}: when it was made (not in the
   * future, not before the victim knew), its reference with the authority, a note. 422 naming the
   * field, 404 for no such ticket or clock, 409 for an SLA clock or one already settled.
   */
  public List<ClockDetail> complete(
      String reference,
      String code,
      @Nullable Instant at,
      @Nullable String filingReference,
      @Nullable String filingNote,
      String actor) {
    List<FieldError> errors = new ArrayList<>();
    Instant now = clock.instant();
    if (at == null) {
      errors.add(new FieldError("at", "when the filing was made is required"));
    } else if (at.isAfter(now.plusSeconds(300))) {
      errors.add(new FieldError("at", "a filing already made, not one in the future"));
    }
    String filing = optional("reference", filingReference, MAX_REFERENCE, false, errors);
    String note = optional("note", filingNote, MAX_NOTE, true, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return record(
        reference,
        code,
        (c, started) -> {
          if (at.isBefore(started)) {
            throw ProblemException.invalid(
                List.of(
                    new FieldError(
                        "at", "before the victim became aware of the incident (" + started + ")")));
          }
          activity.recordIn(
              c,
              reference,
              actor,
              "CLOCK_COMPLETED",
              "code",
              code,
              "at",
              at.toString(),
              "reference",
              filing,
              "note",
              note);
        });
  }

  /**
   * Marks the regulatory clock {@code code} as not concerning this victim, with why: 422 naming
   * {@code reason}, 404 for no such ticket or clock, 409 for an SLA clock or one already settled.
   */
  public List<ClockDetail> notApplicable(
      String reference, String code, @Nullable String why, String actor) {
    List<FieldError> errors = new ArrayList<>();
    String reason = optional("reason", why, MAX_NOTE, true, errors);
    if (errors.isEmpty() && (reason == null || reason.length() < 3)) {
      errors.add(new FieldError("reason", "say why, in a few words"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return record(
        reference,
        code,
        (c, started) ->
            activity.recordIn(
                c, reference, actor, "CLOCK_NOT_APPLICABLE", "code", code, "reason", reason));
  }

  private interface Recording {
    void record(Connection c, Instant startedAt) throws SQLException;
  }

  /** Locks the ticket, checks the clock can take it, records the event; answers the clocks. */
  private List<ClockDetail> record(String reference, String code, Recording recording) {
    return database.inTransaction(
        c -> {
          try (var s = c.prepareStatement("SELECT id FROM ticket WHERE reference = ? FOR UPDATE")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              if (!rows.next()) {
                throw notFound("Ticket");
              }
            }
          }
          String kind;
          String state;
          Instant started;
          try (var s =
              c.prepareStatement(
                  "SELECT k.kind, k.state, k.started_at FROM clock k JOIN ticket t"
                      + " ON t.id = k.ticket_id WHERE t.reference = ? AND k.code = ?")) {
            s.setString(1, reference);
            s.setString(2, code);
            try (var rows = s.executeQuery()) {
              if (!rows.next()) {
                throw notFound("Clock");
              }
              kind = rows.getString(1);
              state = rows.getString(2);
              started = rows.getObject(3, OffsetDateTime.class).toInstant();
            }
          }
          if (!kind.equals("REGULATORY")) {
            throw new ProblemException(
                HttpStatus.CONFLICT,
                "An SLA clock is met by the ticket's own events (a call, a status change), not by"
                    + " hand.");
          }
          if (FINAL.contains(state)) {
            throw new ProblemException(
                HttpStatus.CONFLICT,
                "This legal deadline is already " + state + ".",
                List.of(new FieldError("code", "is " + state)));
          }
          recording.record(c, started);
          return clocks(c, reference).orElseThrow();
        });
  }

  private static String optional(
      String field, String value, int max, boolean multiline, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    String problem = Texts.problem(text, max, multiline);
    if (problem != null) {
      errors.add(new FieldError(field, problem));
    }
    return text;
  }

  private static ProblemException notFound(String what) {
    return ProblemException.notFound(what);
  }

  private Optional<List<ClockDetail>> clocks(Connection c, String reference) throws SQLException {
    try (var s = c.prepareStatement("SELECT id FROM ticket WHERE reference = ?")) {
      s.setString(1, reference);
      try (var rows = s.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
      }
    }
    List<ClockDetail> clocks = new ArrayList<>();
    try (var s =
        c.prepareStatement(
            """
            SELECT k.code, k.kind, k.target, k.started_at, k.due_at, k.warn_at, k.paused_ms,
              k.state, k.completed_at, k.ended_at, k.details::text
            FROM clock k JOIN ticket t ON t.id = k.ticket_id WHERE t.reference = ?
            ORDER BY k.due_at NULLS LAST, k.code
            """)) {
      s.setString(1, reference);
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          clocks.add(
              new ClockDetail(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  instant(rows.getObject(4, OffsetDateTime.class)),
                  instant(rows.getObject(5, OffsetDateTime.class)),
                  instant(rows.getObject(6, OffsetDateTime.class)),
                  rows.getLong(7) / 60_000,
                  rows.getString(8),
                  instant(rows.getObject(9, OffsetDateTime.class)),
                  instant(rows.getObject(10, OffsetDateTime.class)),
                  details(rows.getString(11))));
        }
      }
    }
    return Optional.of(clocks);
  }

  private Map<String, String> details(String text) {
    try {
      return json.readValue(text, Argument.mapOf(String.class, String.class));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
