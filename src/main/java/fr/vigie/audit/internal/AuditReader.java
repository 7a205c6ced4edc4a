package fr.vigie.audit.internal;

import fr.vigie.audit.AuditEntry;
import fr.vigie.audit.Verification;
import fr.vigie.db.Database;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the audit log: pages of entries with filters, and the verification of the chain. */
@Singleton
public final class AuditReader {

  private final Database database;
  private final JsonMapper json;

  AuditReader(Database database, JsonMapper json) {
    this.database = database;
    this.json = json;
  }

  /** Filters of a page; null means any. {@code from} inclusive, {@code to} exclusive. */
  public record Filter(String actor, String action, String target, Instant from, Instant to) {}

  /** Newest first. */
  public List<AuditEntry> page(Filter filter, int page, int size) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT seq, at, actor, action, target, details::text, prev_hash, hash"
                      + " FROM audit_event"
                      + where()
                      + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
            int i = bind(s, filter);
            s.setInt(i++, size);
            s.setLong(i, (long) page * size);
            List<AuditEntry> entries = new ArrayList<>();
            try (var rows = s.executeQuery()) {
              while (rows.next()) {
                entries.add(
                    new AuditEntry(
                        (Long) rows.getObject(1),
                        rows.getObject(2, OffsetDateTime.class).toInstant(),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        details(rows.getString(6)),
                        rows.getString(7),
                        rows.getString(8)));
              }
            }
            return entries;
          }
        });
  }

  public long count(Filter filter) {
    return database.read(
        c -> {
          try (var s = c.prepareStatement("SELECT count(*) FROM audit_event" + where())) {
            bind(s, filter);
            try (var rows = s.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  /**
   * Walks the sealed entries in order and recomputes each link: the entry must carry the next
   * number, the previous entry's hash, and the hash of its own content. The first that does not is
   * the first broken one; everything after it is unproven.
   */
  public Verification verify() {
    return database.inTransaction(
        c -> {
          long unsealed;
          try (var rows =
              c.createStatement()
                  .executeQuery("SELECT count(*) FROM audit_event WHERE seq IS NULL")) {
            rows.next();
            unsealed = rows.getLong(1);
          }
          try (var s =
              c.prepareStatement(
                  "SELECT seq, at, actor, action, target, details::text, prev_hash, hash"
                      + " FROM audit_event WHERE seq IS NOT NULL ORDER BY seq")) {
            // A cursor: the log may hold millions of entries.
            s.setFetchSize(5000);
            long expected = 1;
            String prev = ChainHash.GENESIS;
            try (var rows = s.executeQuery()) {
              while (rows.next()) {
                long seq = rows.getLong(1);
                String hash = rows.getString(8);
                String recomputed =
                    ChainHash.of(
                        prev,
                        seq,
                        rows.getObject(2, OffsetDateTime.class).toInstant(),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6));
                if (seq != expected) {
                  return new Verification(false, expected - 1, expected, unsealed);
                }
                if (!prev.equals(rows.getString(7)) || !recomputed.equals(hash)) {
                  return new Verification(false, seq - 1, seq, unsealed);
                }
                prev = hash;
                expected++;
              }
            }
            return new Verification(true, expected - 1, null, unsealed);
          }
        });
  }

  private static String where() {
    return " WHERE (?::text IS NULL OR actor = ?) AND (?::text IS NULL OR action = ?)"
        + " AND (?::text IS NULL OR target = ?)"
        + " AND (?::timestamptz IS NULL OR at >= ?) AND (?::timestamptz IS NULL OR at < ?)";
  }

  private static int bind(PreparedStatement s, Filter f) throws SQLException {
    int i = 1;
    for (String value : new String[] {f.actor(), f.action(), f.target()}) {
      s.setString(i++, value);
      s.setString(i++, value);
    }
    for (Instant value : new Instant[] {f.from(), f.to()}) {
      OffsetDateTime time = value == null ? null : value.atOffset(ZoneOffset.UTC);
      s.setObject(i++, time);
      s.setObject(i++, time);
    }
    return i;
  }

  private Map<String, Object> details(String text) {
    try {
      return json.readValue(text, Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
