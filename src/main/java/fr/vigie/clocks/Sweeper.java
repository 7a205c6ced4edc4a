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
  static final int BATCH = 500;

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
    int recorded = 0;
    for (Claimed k : claimed) {
      int level = ClockStore.level(k.warnAt(), k.dueAt(), now);
      boolean regulatory = k.kind().equals("REGULATORY");
      if (level > k.notified()) {
        String state =
            level == 2 ? (regulatory ? "MISSED" : "BREACHED") : (regulatory ? "OPEN" : "WARNING");
        update(c, k.id(), state, level, level < 2 ? k.dueAt() : null);
        String type =
            level == 2 ? (regulatory ? "CLOCK_MISSED" : "CLOCK_BREACHED") : "CLOCK_WARNING";
        event(c, k, type, now);
        notify(c, k, level, now);
        metrics.recorded(k.code(), k.kind(), level);
        if (regulatory && level == 2) {
          ClockStore.nextDue(c, k.ticketId());
        }
        recorded++;
      } else {
        // Re-targeted since it was scheduled: look again at its next level.
        update(c, k.id(), null, k.notified(), k.notified() < 1 ? k.warnAt() : k.dueAt());
      }
    }
    return new int[] {claimed.size(), recorded};
  }

  private static void update(Connection c, long id, String state, int level, Instant sweepAt)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "UPDATE clock SET state = coalesce(?, state), notified_level = ?, sweep_at = ?"
                + " WHERE id = ?")) {
      s.setString(1, state);
      s.setInt(2, level);
      s.setObject(
          3,
          sweepAt == null ? null : sweepAt.atOffset(ZoneOffset.UTC),
          java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
      s.setLong(4, id);
      s.executeUpdate();
    }
  }

  private static void event(Connection c, Claimed k, String type, Instant now) throws SQLException {
    try (var s =
        c.prepareStatement(
            "INSERT INTO ticket_event (ticket_id, at, actor, type, details)"
                + " VALUES (?, ?, 'vigie', ?, jsonb_build_object('code', ?::text, 'dueAt', ?::text))")) {
      s.setLong(1, k.ticketId());
      s.setObject(2, now.atOffset(ZoneOffset.UTC));
      s.setString(3, type);
      s.setString(4, k.code());
      s.setString(5, k.dueAt().toString());
      s.executeUpdate();
    }
  }

  /** One notification per clock and level: to the assignee, else to the coordinators. */
  private static void notify(Connection c, Claimed k, int level, Instant now) throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            INSERT INTO outbox (created_at, dedup_key, channel, topic, ticket_id, recipient,
              payload, next_attempt_at)
            VALUES (?, ?, 'EMAIL', ?, ?, ?::jsonb, jsonb_build_object('reference', ?::text,
              'code', ?::text, 'kind', ?::text, 'dueAt', ?::text, 'level', ?::text), ?)
            ON CONFLICT (dedup_key) DO NOTHING
            """)) {
      s.setObject(1, now.atOffset(ZoneOffset.UTC));
      s.setString(2, "clock:" + k.id() + ":" + level);
      s.setString(3, level == 2 ? "CLOCK_BREACHED" : "CLOCK_WARNING");
      s.setLong(4, k.ticketId());
      s.setString(
          5,
          k.assignee() == null
              ? "{\"role\": \"COORDINATOR\"}"
              : "{\"user\": \"" + k.assignee() + "\"}");
      s.setString(6, k.reference());
      s.setString(7, k.code());
      s.setString(8, k.kind());
      s.setString(9, k.dueAt().toString());
      s.setString(
          10, level < 2 ? "WARNING" : k.kind().equals("REGULATORY") ? "MISSED" : "BREACHED");
      s.setObject(11, now.atOffset(ZoneOffset.UTC));
      s.executeUpdate();
    }
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
