package fr.vigie.clocks.internal;

import fr.vigie.clocks.ClockRules.Computed;
import fr.vigie.clocks.ClockRules.Event;
import fr.vigie.clocks.ClockRules.History;
import fr.vigie.clocks.ClockRules.LegalClock;
import fr.vigie.clocks.ClockRules.Phase;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The clocks' SQL: a ticket's history in, its computed clocks out. */
public final class ClockStore {

  private ClockStore() {}

  // Declared types: Micronaut Serde's lookup by runtime type is slow (see tickets' Json.write).
  private static final io.micronaut.core.type.Argument<Map<String, String>> DETAILS =
      io.micronaut.core.type.Argument.mapOf(String.class, String.class);
  private static final io.micronaut.core.type.Argument<List<Map<String, String>>> ROWS =
      io.micronaut.core.type.Argument.listOf(DETAILS);
  private static final java.nio.charset.Charset UTF_8 = java.nio.charset.StandardCharsets.UTF_8;

  /** The event types the clocks read; the rest of the timeline does not move a clock. */
  private static final String EVENTS =
      """
      SELECT at, actor, type, details->>'status', CASE WHEN type = 'STATUS_CHANGED'
        THEN details->>'to' END, details->>'from', details->>'at', details->>'code',
        details->>'reference', details->>'note', details->>'reason',
        CASE WHEN type = 'TRIAGE_OVERRIDDEN' THEN details->'to'->>'severity'
          ELSE details->>'severity' END
      FROM ticket_event WHERE ticket_id = ? AND type IN ('REPORT_RECEIVED', 'STATUS_CHANGED',
        'MERGED_INTO', 'CALL', 'MESSAGE_TO_VICTIM', 'REFERRAL_ACCEPTED', 'CLOCK_COMPLETED',
        'CLOCK_NOT_APPLICABLE', 'TRIAGE_OVERRIDDEN', 'PROMOTED', 'FACTS_CORRECTED')
      ORDER BY at, id
      """;

  private static final String[] DETAIL_KEYS = {
    "status", "to", "from", "at", "code", "reference", "note", "reason", "severity"
  };

  /** A stored clock as the recomputation needs it. */
  public record Stored(String code, String kind, Instant startedAt, Instant dueAt, int notified) {}

  public static Optional<History> history(Connection c, long ticketId) throws SQLException {
    Instant created;
    TicketStatus status;
    Severity severity;
    boolean alsaceMoselle;
    try (var s =
        c.prepareStatement(
            "SELECT t.created_at, t.status, t.severity, v.departement FROM ticket t"
                + " LEFT JOIN victim v ON v.ticket_id = t.id WHERE t.id = ?")) {
      s.setLong(1, ticketId);
      try (var rows = s.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        created = rows.getObject(1, OffsetDateTime.class).toInstant();
        status = TicketStatus.valueOf(rows.getString(2));
        severity = rows.getString(3) == null ? null : Severity.valueOf(rows.getString(3));
        alsaceMoselle = fr.vigie.clocks.FrenchHolidays.isAlsaceMoselle(rows.getString(4));
      }
    }
    List<Event> events = new ArrayList<>();
    try (var s = c.prepareStatement(EVENTS)) {
      s.setLong(1, ticketId);
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          Map<String, String> details = new HashMap<>();
          for (int i = 0; i < DETAIL_KEYS.length; i++) {
            String value = rows.getString(4 + i);
            if (value != null) {
              details.put(DETAIL_KEYS[i], value);
            }
          }
          events.add(
              new Event(
                  rows.getObject(1, OffsetDateTime.class).toInstant(),
                  rows.getString(2),
                  rows.getString(3),
                  details));
        }
      }
    }
    return Optional.of(new History(created, status, severity, alsaceMoselle, events));
  }

  /** The ticket's clocks, locked: the sweeper skips them until this transaction ends. */
  public static Map<String, Stored> lock(Connection c, long ticketId) throws SQLException {
    Map<String, Stored> clocks = new LinkedHashMap<>();
    try (var s =
        c.prepareStatement(
            "SELECT code, kind, started_at, due_at, notified_level FROM clock"
                + " WHERE ticket_id = ? ORDER BY code FOR UPDATE")) {
      s.setLong(1, ticketId);
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          OffsetDateTime due = rows.getObject(4, OffsetDateTime.class);
          clocks.put(
              rows.getString(1),
              new Stored(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getObject(3, OffsetDateTime.class).toInstant(),
                  due == null ? null : due.toInstant(),
                  rows.getInt(5)));
        }
      }
    }
    return clocks;
  }

  /** The regulatory clocks triage created, with their legal due times. */
  public static List<LegalClock> legal(Map<String, Stored> stored) {
    return stored.values().stream()
        .filter(s -> s.kind().equals("REGULATORY"))
        .map(s -> new LegalClock(s.code(), s.startedAt(), s.dueAt()))
        .toList();
  }

  /** The level reached by time: 0 none, 1 warning (75 %), 2 due. */
  public static int level(Instant warnAt, Instant dueAt, Instant now) {
    if (dueAt != null && !dueAt.isAfter(now)) {
      return 2;
    }
    return warnAt != null && !warnAt.isAfter(now) ? 1 : 0;
  }

  /**
   * The state to show: an ended clock's phase; a live one's level, but only as far as the sweeper
   * has recorded and notified it (a breach appears with its notification, within one sweep).
   */
  public static String state(Computed clock, int notified, Instant now) {
    int shown = Math.min(level(clock.warnAt(), clock.dueAt(), now), notified);
    return switch (clock.phase()) {
      case RUNNING -> shown == 2 ? "BREACHED" : shown == 1 ? "WARNING" : "RUNNING";
      case OPEN -> shown == 2 ? "MISSED" : "OPEN";
      default -> clock.phase().name();
    };
  }

  /** When the sweeper must look at a live clock next: its next level not yet notified. */
  public static Instant sweepAt(Computed clock, int notified) {
    if (!(clock.phase() == Phase.RUNNING || clock.phase() == Phase.OPEN)) {
      return null;
    }
    return notified < 1 ? clock.warnAt() : notified < 2 ? clock.dueAt() : null;
  }

  private static final String UPSERT =
      """
      INSERT INTO clock (ticket_id, code, kind, target, started_at, due_at, warn_at, paused_ms,
        state, completed_at, ended_at, sweep_at, details)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
      ON CONFLICT (ticket_id, code) DO UPDATE SET target = EXCLUDED.target,
        started_at = EXCLUDED.started_at, due_at = EXCLUDED.due_at, warn_at = EXCLUDED.warn_at,
        paused_ms = EXCLUDED.paused_ms, state = EXCLUDED.state,
        completed_at = EXCLUDED.completed_at, ended_at = EXCLUDED.ended_at,
        sweep_at = EXCLUDED.sweep_at, details = EXCLUDED.details
      """;

  public static void save(
      Connection c,
      long ticketId,
      List<Computed> clocks,
      Map<String, Stored> stored,
      Instant now,
      io.micronaut.json.JsonMapper json)
      throws SQLException {
    try (var s = c.prepareStatement(UPSERT)) {
      for (Computed clock : clocks) {
        int notified = stored.containsKey(clock.code()) ? stored.get(clock.code()).notified() : 0;
        s.setLong(1, ticketId);
        s.setString(2, clock.code());
        s.setString(3, clock.kind());
        s.setString(4, clock.target());
        s.setObject(5, utc(clock.startedAt()));
        s.setObject(6, utc(clock.dueAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        s.setObject(7, utc(clock.warnAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        s.setLong(8, clock.pausedMs());
        s.setString(9, state(clock, notified, now));
        s.setObject(10, utc(clock.completedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        s.setObject(11, utc(clock.endedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        s.setObject(12, utc(sweepAt(clock, notified)), Types.TIMESTAMP_WITH_TIMEZONE);
        try {
          s.setString(13, new String(json.writeValueAsBytes(DETAILS, clock.details()), UTF_8));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        s.addBatch();
      }
      s.executeBatch();
    }
    nextDue(c, ticketId);
  }

  private static final String INSERT_NEW =
      """
      INSERT INTO clock (ticket_id, code, kind, target, started_at, due_at, warn_at, paused_ms,
        state, completed_at, ended_at, sweep_at)
      SELECT ?, x.code, x.kind, x.target, x.started, x.due, x.warn, 0, x.state, x.completed,
        x.ended, x.sweep
      FROM jsonb_to_recordset(?::jsonb) AS x(code text, kind text, target text,
        started timestamptz, due timestamptz, warn timestamptz, state text,
        completed timestamptz, ended timestamptz, sweep timestamptz)
      """;

  /**
   * The clocks of a ticket opened in this transaction (nothing notified yet), in one statement: the
   * intake's hot path. The ticket row already holds {@link #nextDue(List)} of them.
   */
  public static void insertNew(
      Connection c,
      long ticketId,
      List<Computed> clocks,
      Instant now,
      io.micronaut.json.JsonMapper json)
      throws SQLException {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Computed k : clocks) {
      Map<String, String> row = new HashMap<>();
      row.put("code", k.code());
      row.put("kind", k.kind());
      row.put("target", k.target());
      row.put("started", text(k.startedAt()));
      row.put("due", text(k.dueAt()));
      row.put("warn", text(k.warnAt()));
      row.put("state", state(k, 0, now));
      row.put("completed", text(k.completedAt()));
      row.put("ended", text(k.endedAt()));
      row.put("sweep", text(sweepAt(k, 0)));
      rows.add(row);
    }
    try (var s = c.prepareStatement(INSERT_NEW)) {
      s.setLong(1, ticketId);
      try {
        s.setString(2, new String(json.writeValueAsBytes(ROWS, rows), UTF_8));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      s.executeUpdate();
    }
  }

  /** The queue's order key of clocks not yet notified: the earliest due time of a live one. */
  public static Instant nextDue(List<Computed> clocks) {
    Instant next = null;
    for (Computed k : clocks) {
      if (k.live() && k.dueAt() != null && (next == null || k.dueAt().isBefore(next))) {
        next = k.dueAt();
      }
    }
    return next;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** The queue's order key: the earliest due time among the ticket's live, unmissed clocks. */
  public static void nextDue(Connection c, long ticketId) throws SQLException {
    try (var s =
        c.prepareStatement(
            "UPDATE ticket SET next_due_at = (SELECT min(due_at) FROM clock WHERE ticket_id = ?"
                + " AND ended_at IS NULL AND state <> 'MISSED') WHERE id = ?")) {
      s.setLong(1, ticketId);
      s.setLong(2, ticketId);
      s.executeUpdate();
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
