package fr.vigie.intake.internal;

import fr.vigie.intake.Channel;
import fr.vigie.tickets.TicketStatus;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;

/** SQL for the immutable {@code report} table. */
@Singleton
public final class ReportStore {

  /** The ticket an earlier report with the same idempotency key opened. */
  public record Earlier(String payloadHash, String reference, TicketStatus status, String triage) {}

  /**
   * Inserts the raw report; empty when a report with the same idempotency key exists (a concurrent
   * insert with the same key is waited for, then seen as existing).
   */
  public OptionalLong insert(
      Connection c,
      Channel channel,
      String payload,
      String payloadHash,
      Instant receivedAt,
      String clientHash,
      String idempotencyKey)
      throws SQLException {
    try (var insert =
        c.prepareStatement(
            "INSERT INTO report (channel, payload, payload_hash, received_at, client_ip_hash,"
                + " idempotency_key) VALUES (?, ?::jsonb, ?, ?, ?, ?)"
                + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING id")) {
      insert.setString(1, channel.name());
      insert.setString(2, payload);
      insert.setString(3, payloadHash);
      insert.setObject(4, receivedAt.atOffset(ZoneOffset.UTC));
      insert.setString(5, clientHash);
      insert.setString(6, idempotencyKey);
      try (var rows = insert.executeQuery()) {
        return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  public Optional<Earlier> byIdempotencyKey(Connection c, String key) throws SQLException {
    try (var select =
        c.prepareStatement(
            "SELECT r.payload_hash, t.reference, t.status, t.triage::text FROM report r"
                + " JOIN ticket t ON t.report_id = r.id WHERE r.idempotency_key = ?")) {
      select.setString(1, key);
      try (var rows = select.executeQuery()) {
        return rows.next()
            ? Optional.of(
                new Earlier(
                    rows.getString(1),
                    rows.getString(2),
                    TicketStatus.valueOf(rows.getString(3)),
                    rows.getString(4)))
            : Optional.empty();
      }
    }
  }
}
