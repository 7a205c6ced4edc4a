package fr.vigie.clocks;

import fr.vigie.clocks.internal.ClockStore;
import fr.vigie.db.Database;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks clocks {@code WARNING} at 75 % of their target and {@code BREACHED} (regulatory: {@code
 * MISSED}) when due, writes a timeline event and one notification per level to the outbox, in one
 * transaction per batch (DESIGN.md §7). Rows are claimed with {@code FOR UPDATE SKIP LOCKED}
 * together with their ticket, so any number of instances can sweep: a clock is handled by one of
 * them, and its {@code notified_level} (raised only upwards, in the same statement that decides)
 * plus the outbox's unique {@code dedup_key} make each level notified exactly once.
 *
 * <p>The pass runs every {@code vigie.clocks.sweep-interval} (default 20 s), so a breach is
 * recorded at most that long (plus one pass) after its due time. A level crossed while the clock
 * was locked by a ticket change is picked up by the next pass.
 */
@Singleton
@Requires(property = "vigie.clocks.sweeper.enabled", notEquals = "false")
public final class Sweeper {

  private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
  static final int BATCH = 1_000;

  private static final String CLAIM =
      """
      SELECT c.id, c.ticket_id, c.code, c.kind, c.warn_at, c.due_at, c.notified_level,
        t.reference, u.username
      FROM clock c JOIN ticket t ON t.id = c.ticket_id
        LEFT JOIN app_user u ON u.id = t.assignee_id
      WHERE c.sweep_at <= ?
      ORDER BY c.sweep_at
      LIMIT ?
      FOR UPDATE OF c, t SKIP LOCKED
      """;

  private final Database database;
  private final Clock clock;
  private final ClockMetrics metrics;
  private final int batch;

  @jakarta.inject.Inject
  Sweeper(Database database, Clock clock, ClockMetrics metrics) {
    this(database, clock, metrics, BATCH);
  }

  /** Another instance, as a second server would run it (tests use small batches to interleave). */
  Sweeper(Database database, Clock clock, ClockMetrics metrics, int batch) {
    this.database = database;
    this.clock = clock;
    this.metrics = metrics;
    this.batch = batch;
  }

  @Scheduled(
      fixedDelay = "${vigie.clocks.sweep-interval:20s}",
      initialDelay = "${vigie.clocks.sweep-initial-delay:5s}")
  void scheduled() {
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.error("Clock sweep failed; the next pass retries", e);
    }
  }

  /** One pass: every clock whose next level is due, in batches. Returns the levels recorded. */
  public int sweep() {
    long started = System.nanoTime();
    int recorded = 0;
    while (true) {
      int[] batch = database.inTransaction(this::batch);
      recorded += batch[1];
      if (batch[0] < this.batch) {
        if (recorded > 0) {
          LOG.info(
              "Clock sweep: {} levels recorded in {} ms",
              recorded,
              (System.nanoTime() - started) / 1_000_000);
        }
        return recorded;
      }
    }
  }

  private record Claimed(
      long id,
      long ticketId,
      String code,
      String kind,
      Instant warnAt,
      Instant dueAt,
      int notified,
      String reference,
      String assignee) {}

  /** {claimed, levels recorded}. */
  private int[] batch(Connection c) throws SQLException {
    Instant now = clock.instant();
    List<Claimed> claimed = new ArrayList<>();
    try (var s = c.prepareStatement(CLAIM)) {
      s.setObject(1, now.atOffset(ZoneOffset.UTC));
      s.setInt(2, batch);
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          claimed.add(
              new Claimed(
                  rows.getLong(1),
                  rows.getLong(2),
                  rows.getString(3),
                  rows.getString(4),
                  instant(rows.getObject(5, OffsetDateTime.class)),
                  instant(rows.getObject(6, OffsetDateTime.class)),
                  rows.getInt(7),
                  rows.getString(8),
                  rows.getString(9)));
        }
      }
    }
    // Decide in memory, then write the whole batch in four statements (clocks, timeline events,
    // notifications, queue keys): a sweep of 100,000 due clocks took 62 s one statement at a time.
    Levels levels = new Levels();
    int recorded = 0;
    for (Claimed k : claimed) {
      int level = ClockStore.level(k.warnAt(), k.dueAt(), now);
      boolean regulatory = k.kind().equals("REGULATORY");
      if (level > k.notified()) {
        String state =
            level == 2 ? (regulatory ? "MISSED" : "BREACHED") : (regulatory ? "OPEN" : "WARNING");
        String type =
            level == 2 ? (regulatory ? "CLOCK_MISSED" : "CLOCK_BREACHED") : "CLOCK_WARNING";
        levels.clock(k.id(), state, level, level < 2 ? k.dueAt() : null);
        levels.recorded(k, type, level);
        metrics.recorded(k.code(), k.kind(), level);
        if (regulatory && level == 2) {
          levels.missed.add(k.ticketId());
        }
        recorded++;
      } else {
        // Re-targeted since it was scheduled: look again at its next level.
        levels.clock(k.id(), null, k.notified(), k.notified() < 1 ? k.warnAt() : k.dueAt());
      }
    }
    levels.write(c, now);
    return new int[] {claimed.size(), recorded};
  }

  /** What a batch writes, column by column, for {@code unnest}. */
  private static final class Levels {
    final List<Long> ids = new ArrayList<>();
    final List<String> states = new ArrayList<>();
    final List<Integer> notified = new ArrayList<>();
    final List<String> sweeps = new ArrayList<>();
    final List<Long> eventTickets = new ArrayList<>();
    final List<String> eventTypes = new ArrayList<>();
    final List<String> codes = new ArrayList<>();
    final List<String> dues = new ArrayList<>();
    final List<String> dedupKeys = new ArrayList<>();
    final List<String> topics = new ArrayList<>();
    final List<String> recipients = new ArrayList<>();
    final List<String> references = new ArrayList<>();
    final List<String> kinds = new ArrayList<>();
    final List<String> levelNames = new ArrayList<>();
    final java.util.Set<Long> missed = new java.util.LinkedHashSet<>();

    void clock(long id, String state, int level, Instant sweepAt) {
      ids.add(id);
      states.add(state);
      notified.add(level);
      sweeps.add(sweepAt == null ? null : sweepAt.toString());
    }

    /**
     * The timeline event and the one notification of a level (to the assignee, else the
     * coordinators).
     */
    void recorded(Claimed k, String type, int level) {
      eventTickets.add(k.ticketId());
      eventTypes.add(type);
      codes.add(k.code());
      dues.add(k.dueAt().toString());
      dedupKeys.add("clock:" + k.id() + ":" + level);
      topics.add(level == 2 ? "CLOCK_BREACHED" : "CLOCK_WARNING");
      recipients.add(
          k.assignee() == null
              ? "{\"role\": \"COORDINATOR\"}"
              : "{\"user\": \"" + k.assignee() + "\"}");
      references.add(k.reference());
      kinds.add(k.kind());
      levelNames.add(level < 2 ? "WARNING" : k.kind().equals("REGULATORY") ? "MISSED" : "BREACHED");
    }

    void write(Connection c, Instant now) throws SQLException {
      if (!ids.isEmpty()) {
        try (var s =
            c.prepareStatement(
                """
                UPDATE clock SET state = coalesce(x.state, clock.state),
                  notified_level = x.level, sweep_at = x.sweep
                FROM unnest(?::bigint[], ?::text[], ?::int[], ?::text[]::timestamptz[])
                  AS x(id, state, level, sweep)
                WHERE clock.id = x.id
                """)) {
          s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
          s.setArray(2, c.createArrayOf("text", states.toArray()));
          s.setArray(3, c.createArrayOf("integer", notified.toArray()));
          s.setArray(4, c.createArrayOf("text", sweeps.toArray()));
          s.executeUpdate();
        }
      }
      if (eventTickets.isEmpty()) {
        return;
      }
      OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
      try (var s =
          c.prepareStatement(
              """
              INSERT INTO ticket_event (ticket_id, at, actor, type, details)
              SELECT x.ticket, ?, 'vigie', x.type, jsonb_build_object('code', x.code, 'dueAt', x.due)
              FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS x(ticket, type, code, due)
              """)) {
        s.setObject(1, at);
        s.setArray(2, c.createArrayOf("bigint", eventTickets.toArray()));
        s.setArray(3, c.createArrayOf("text", eventTypes.toArray()));
        s.setArray(4, c.createArrayOf("text", codes.toArray()));
        s.setArray(5, c.createArrayOf("text", dues.toArray()));
        s.executeUpdate();
      }
      try (var s =
          c.prepareStatement(
              """
              INSERT INTO outbox (created_at, dedup_key, channel, topic, ticket_id, recipient,
                payload, next_attempt_at)
              SELECT ?, x.dedup, 'EMAIL', x.topic, x.ticket, x.recipient::jsonb,
                jsonb_build_object('reference', x.reference, 'code', x.code, 'kind', x.kind,
                  'dueAt', x.due, 'level', x.level), ?
              FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::text[], ?::text[])
                AS x(dedup, topic, ticket, recipient, reference, code, kind, due, level)
              ON CONFLICT (dedup_key) DO NOTHING
              """)) {
        s.setObject(1, at);
        s.setObject(2, at);
        s.setArray(3, c.createArrayOf("text", dedupKeys.toArray()));
        s.setArray(4, c.createArrayOf("text", topics.toArray()));
        s.setArray(5, c.createArrayOf("bigint", eventTickets.toArray()));
        s.setArray(6, c.createArrayOf("text", recipients.toArray()));
        s.setArray(7, c.createArrayOf("text", references.toArray()));
        s.setArray(8, c.createArrayOf("text", codes.toArray()));
        s.setArray(9, c.createArrayOf("text", kinds.toArray()));
        s.setArray(10, c.createArrayOf("text", dues.toArray()));
        s.setArray(11, c.createArrayOf("text", levelNames.toArray()));
        s.executeUpdate();
      }
      for (long ticket : missed) {
        ClockStore.nextDue(c, ticket);
      }
    }
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
