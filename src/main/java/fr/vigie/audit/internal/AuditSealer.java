package fr.vigie.audit.internal;

import fr.vigie.db.Database;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chains the entries writers appended: gives each unsealed row, in id order, the next {@code seq},
 * the previous entry's hash and its own. Writers never wait for this (intake must not queue on a
 * global lock); a transaction-scoped advisory lock makes one sealer at a time work, whatever the
 * number of instances. A row committed late (its transaction started earlier) simply gets a later
 * seq: the chain is in sealing order, and {@code at} says when it happened.
 */
@Singleton
public final class AuditSealer {

  /** Advisory lock key: 'audit' in ASCII. */
  static final long LOCK = 0x6175646974L;

  static final int BATCH = 2000;

  private static final Logger LOG = LoggerFactory.getLogger(AuditSealer.class);

  private final Database database;

  AuditSealer(Database database) {
    this.database = database;
  }

  @Scheduled(
      fixedDelay = "${vigie.audit.seal-interval:1s}",
      initialDelay = "${vigie.audit.seal-initial-delay:1s}")
  void scheduled() {
    try {
      seal(false);
    } catch (RuntimeException e) {
      // The next run tries again; nothing is lost, rows wait unsealed.
      LOG.warn("Audit sealing failed ({}); retrying on the next run", e.getClass().getSimpleName());
    }
  }

  /**
   * Seals everything committed so far; returns how many entries it chained. With {@code wait},
   * waits for a sealer running elsewhere to finish first (then seals what it left); without, leaves
   * the work to it.
   */
  public int seal(boolean wait) {
    int total = 0;
    while (true) {
      int sealed = database.inTransaction(c -> batch(c, wait));
      total += sealed;
      if (sealed < BATCH) {
        return total;
      }
    }
  }

  private int batch(Connection c, boolean wait) throws SQLException {
    try (var lock =
        c.prepareStatement(
            wait
                ? "SELECT pg_advisory_xact_lock(?), true"
                : "SELECT pg_try_advisory_xact_lock(?)")) {
      lock.setLong(1, LOCK);
      try (var rows = lock.executeQuery()) {
        rows.next();
        if (!rows.getBoolean(wait ? 2 : 1)) {
          return 0;
        }
      }
    }
    long seq = 0;
    String prev = ChainHash.GENESIS;
    try (var last =
        c.prepareStatement(
            "SELECT seq, hash FROM audit_event WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1")) {
      try (var rows = last.executeQuery()) {
        if (rows.next()) {
          seq = rows.getLong(1);
          prev = rows.getString(2);
        }
      }
    }
    List<Long> ids = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    List<String> prevs = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    try (var select =
        c.prepareStatement(
            "SELECT id, at, actor, action, target, details::text FROM audit_event"
                + " WHERE seq IS NULL ORDER BY id LIMIT ?")) {
      select.setInt(1, BATCH);
      try (var rows = select.executeQuery()) {
        while (rows.next()) {
          seq++;
          String hash =
              ChainHash.of(
                  prev,
                  seq,
                  rows.getObject(2, OffsetDateTime.class).toInstant(),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6));
          ids.add(rows.getLong(1));
          seqs.add(seq);
          prevs.add(prev);
          hashes.add(hash);
          prev = hash;
        }
      }
    }
    if (ids.isEmpty()) {
      return 0;
    }
    try (var update =
        c.prepareStatement(
            "UPDATE audit_event a SET seq = u.seq, prev_hash = u.prev, hash = u.hash"
                + " FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[])"
                + " AS u(id, seq, prev, hash) WHERE a.id = u.id")) {
      update.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      update.setArray(2, c.createArrayOf("bigint", seqs.toArray()));
      update.setArray(3, c.createArrayOf("text", prevs.toArray()));
      update.setArray(4, c.createArrayOf("text", hashes.toArray()));
      update.executeUpdate();
    }
    return ids.size();
  }
}
