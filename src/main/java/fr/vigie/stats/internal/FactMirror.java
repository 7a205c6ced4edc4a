package fr.vigie.stats.internal;

import fr.vigie.CsirtSettings;
import fr.vigie.db.Database;
import fr.vigie.stats.Dimension;
import fr.vigie.tickets.OrientationCode;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * This instance's copy of the {@code stat_fact} table (V7) in a {@link FactTable}. Before each
 * question it reads what changed since its last look — only rows written by transactions it may not
 * have seen then ({@code changed_xid} at or after that snapshot's xmin, in one repeatable-read
 * transaction), so a busy desk costs a few rows per question and nothing is missed, whatever order
 * transactions commit in. Several instances each keep their own copy; the database stays the truth.
 * The first question loads everything (about 2 s for a million facts).
 */
@Singleton
public final class FactMirror {

  private static final String COLUMNS =
      """
      SELECT ticket_id, counted, victim_key, created_at, departement, region, victim_category,
        size_band, threat, rsit_class, severity, kind, outcome, prevented, orientations,
        first_contact_minutes, provider_engagement_minutes, sla_met, sla_breached
      FROM stat_fact
      """;

  private static final int BATCH = 10_000;
  private final Database database;
  private final ZoneId zone;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Object refreshing = new Object();
  private final AtomicLong versions = new AtomicLong();
  private FactTable table = new FactTable(versions::incrementAndGet); // replaced under write lock
  private String since;

  FactMirror(Database database, CsirtSettings csirt) {
    this.database = database;
    this.zone = csirt.zone();
  }

  /** Runs {@code query} on the facts as they are now in the database. */
  public <T> T read(Function<FactTable, T> query) {
    refresh();
    lock.readLock().lock();
    try {
      return query.apply(table);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The version of a year's facts as they are now in the database (see {@link FactTable#version}).
   */
  public long version(int year) {
    return read(t -> t.version(year));
  }

  private void refresh() {
    synchronized (refreshing) {
      String next =
          database.inTransaction(
              c -> {
                try (var s = c.createStatement()) {
                  s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                String xmin;
                try (var s = c.createStatement();
                    var rows =
                        s.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")) {
                  rows.next();
                  xmin = rows.getString(1);
                }
                read(c);
                return xmin;
              });
      since = next;
    }
  }

  /**
   * Reads the changed facts and applies them in batches, so a first load of a million facts never
   * holds them all as objects; a question running meanwhile sees whole facts, old or new.
   */
  private void read(Connection c) throws SQLException {
    String sql = since == null ? COLUMNS : COLUMNS + " WHERE changed_xid >= ?::xid8";
    try (var s = c.prepareStatement(sql)) {
      s.setFetchSize(BATCH);
      if (since != null) {
        s.setString(1, since);
      }
      try (var rows = s.executeQuery()) {
        List<Fact> batch = new ArrayList<>(BATCH);
        boolean more = true;
        while (more) {
          more = rows.next();
          if (more) {
            batch.add(fact(rows));
          }
          if (batch.size() == BATCH || (!more && !batch.isEmpty())) {
            lock.writeLock().lock();
            try {
              batch.forEach(table::put);
              if (!more) {
                table.prepare();
              }
            } catch (RuntimeException | Error e) {
              // A fact half applied (memory short while an array grows, a bug) must not stay:
              // the next question starts again from an empty copy and reads every fact.
              table = new FactTable(versions::incrementAndGet);
              since = null;
              throw e;
            } finally {
              lock.writeLock().unlock();
            }
            batch.clear();
          }
        }
      }
    }
  }

  private Fact fact(ResultSet rows) throws SQLException {
    LocalDate day = rows.getObject(4, OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate();
    String[] values = new String[Dimension.values().length];
    values[Dimension.DEPARTEMENT.ordinal()] = orUnknown(rows.getString(5));
    values[Dimension.REGION.ordinal()] = orUnknown(rows.getString(6));
    values[Dimension.VICTIM_CATEGORY.ordinal()] = rows.getString(7);
    values[Dimension.SIZE_BAND.ordinal()] = rows.getString(8);
    values[Dimension.THREAT.ordinal()] = rows.getString(9);
    String rsit = rows.getString(10);
    values[Dimension.RSIT_CLASS.ordinal()] =
        rsit != null && Dimension.RSIT_CLASS.accepts(rsit) ? rsit : "UNKNOWN";
    values[Dimension.SEVERITY.ordinal()] = orUnknown(rows.getString(11));
    values[Dimension.KIND.ordinal()] = orUnknown(rows.getString(12));
    String outcome = rows.getString(13);
    values[Dimension.OUTCOME.ordinal()] =
        outcome == null ? Dimension.Constants.NOT_CLOSED : outcome;
    boolean prevented = rows.getBoolean(14);
    values[Dimension.PREVENTED.ordinal()] =
        rows.wasNull() ? Dimension.Constants.NOT_CLOSED : prevented ? "PREVENTED" : "AFTER_IMPACT";
    return new Fact(
        rows.getLong(1),
        rows.getBoolean(2),
        rows.getLong(3),
        day.getYear() * 12 + day.getMonthValue() - 1,
        values,
        minutes(rows, 16),
        minutes(rows, 17),
        rows.getInt(18),
        rows.getInt(19),
        orientations(rows.getArray(15)));
  }

  private static int minutes(ResultSet rows, int column) throws SQLException {
    int value = rows.getInt(column);
    return rows.wasNull() ? -1 : value;
  }

  private static int orientations(Array array) throws SQLException {
    int mask = 0;
    if (array != null) {
      for (Object code : (Object[]) array.getArray()) {
        for (OrientationCode o : OrientationCode.values()) {
          if (o.name().equals(code)) {
            mask |= 1 << o.ordinal();
          }
        }
      }
    }
    return mask;
  }

  private static String orUnknown(String value) {
    return value == null ? "UNKNOWN" : value;
  }
}
