package fr.vigie.routing.internal;

import fr.vigie.routing.Reason;
import fr.vigie.routing.ReferralState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of referrals, shortlists and routing gaps. */
@jakarta.inject.Singleton
public final class ReferralStore {

  /** A referral row as the service works on it. */
  public record Row(
      long id,
      long ticketId,
      long providerId,
      String mode,
      ReferralState state,
      Instant proposedAt,
      Instant respondBy,
      Instant decidedAt,
      Instant contactBy,
      Instant engagedAt,
      int version) {}

  private static final String COLUMNS =
      "id, ticket_id, provider_id, mode, state, proposed_at, respond_by, decided_at, contact_by,"
          + " engaged_at, version";

  public Optional<Row> lock(Connection c, long id) throws SQLException {
    try (var s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM referral WHERE id = ? FOR UPDATE")) {
      s.setLong(1, id);
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(map(rows)) : Optional.empty();
      }
    }
  }

  public Optional<Row> live(Connection c, long ticketId) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM referral WHERE ticket_id = ?"
                + " AND state IN ('PROPOSED', 'ACCEPTED', 'ENGAGED')")) {
      s.setLong(1, ticketId);
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(map(rows)) : Optional.empty();
      }
    }
  }

  /** Providers that declined, let a proposal expire or abandoned this ticket, with why. */
  public Map<Long, Reason> tried(Connection c, long ticketId) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT provider_id, state, decided_at FROM referral WHERE ticket_id = ?"
                + " AND state IN ('DECLINED', 'EXPIRED', 'ABANDONED') ORDER BY id")) {
      s.setLong(1, ticketId);
      Map<Long, Reason> out = new LinkedHashMap<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          Instant at = rows.getObject(3, OffsetDateTime.class).toInstant();
          out.put(
              rows.getLong(1),
              switch (rows.getString(2)) {
                case "DECLINED" -> Reason.declined(at);
                case "EXPIRED" -> Reason.expired(at);
                default -> Reason.abandoned(at);
              });
        }
      }
      return out;
    }
  }

  public long insert(
      Connection c,
      long ticketId,
      long providerId,
      String mode,
      Long contractId,
      Integer rank,
      long shortlistId,
      String reasonsJson,
      String actor,
      Instant now,
      Instant respondBy)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            INSERT INTO referral (ticket_id, provider_id, mode, contract_id, rank, shortlist_id,
              reasons, state, proposed_by, proposed_at, respond_by)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, 'PROPOSED', ?, ?, ?) RETURNING id
            """)) {
      s.setLong(1, ticketId);
      s.setLong(2, providerId);
      s.setString(3, mode);
      s.setObject(4, contractId);
      s.setObject(5, rank);
      s.setLong(6, shortlistId);
      s.setString(7, reasonsJson);
      s.setString(8, actor);
      s.setObject(9, now.atOffset(ZoneOffset.UTC));
      s.setObject(10, respondBy.atOffset(ZoneOffset.UTC));
      try (var rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** Moves a referral to {@code to}, setting the columns that state dates. */
  public void move(
      Connection c,
      long id,
      ReferralState to,
      Instant now,
      Instant contactBy,
      String note,
      String outcome)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            UPDATE referral SET state = ?,
              decided_at = CASE WHEN ? IN ('ACCEPTED', 'DECLINED', 'EXPIRED') THEN ? ELSE decided_at END,
              contact_by = coalesce(?, contact_by),
              engaged_at = CASE WHEN ? = 'ENGAGED' THEN ? ELSE engaged_at END,
              ended_at = CASE WHEN ? IN ('COMPLETED', 'ABANDONED', 'DECLINED', 'EXPIRED') THEN ?
                ELSE ended_at END,
              note = coalesce(?, note), outcome = coalesce(?, outcome), version = version + 1
            WHERE id = ?
            """)) {
      OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
      s.setString(1, to.name());
      s.setString(2, to.name());
      s.setObject(3, at);
      s.setObject(4, contactBy == null ? null : contactBy.atOffset(ZoneOffset.UTC));
      s.setString(5, to.name());
      s.setObject(6, at);
      s.setString(7, to.name());
      s.setObject(8, at);
      s.setString(9, note);
      s.setString(10, outcome);
      s.setLong(11, id);
      s.executeUpdate();
    }
  }

  public long saveShortlist(
      Connection c, long ticketId, Instant now, String actor, String mode, String answerJson)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "INSERT INTO referral_shortlist (ticket_id, at, actor, mode, answer)"
                + " VALUES (?, ?, ?, ?, ?::jsonb) RETURNING id")) {
      s.setLong(1, ticketId);
      s.setObject(2, now.atOffset(ZoneOffset.UTC));
      s.setString(3, actor);
      s.setString(4, mode);
      s.setString(5, answerJson);
      try (var rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** Flags the ticket as needing a provider; false when it already was. */
  public boolean flagGap(Connection c, long ticketId, Instant now, String reason)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "INSERT INTO routing_gap (ticket_id, flagged_at, reason) VALUES (?, ?, ?)"
                + " ON CONFLICT (ticket_id) DO NOTHING")) {
      s.setLong(1, ticketId);
      s.setObject(2, now.atOffset(ZoneOffset.UTC));
      s.setString(3, reason);
      return s.executeUpdate() == 1;
    }
  }

  public void clearGap(Connection c, long ticketId) throws SQLException {
    try (var s = c.prepareStatement("DELETE FROM routing_gap WHERE ticket_id = ?")) {
      s.setLong(1, ticketId);
      s.executeUpdate();
    }
  }

  public Optional<fr.vigie.routing.ReferralOptions.Gap> gap(Connection c, long ticketId)
      throws SQLException {
    try (var s =
        c.prepareStatement("SELECT flagged_at, reason FROM routing_gap WHERE ticket_id = ?")) {
      s.setLong(1, ticketId);
      try (var rows = s.executeQuery()) {
        return rows.next()
            ? Optional.of(
                fr.vigie.routing.ReferralOptions.Gap.of(
                    rows.getObject(1, OffsetDateTime.class).toInstant(), rows.getString(2)))
            : Optional.empty();
      }
    }
  }

  /** Proposals past their answer time, claimed so that one sweeper handles each. */
  public List<Long> claimExpired(Connection c, Instant now, int limit) throws SQLException {
    return claim(
        c,
        "SELECT id FROM referral WHERE state = 'PROPOSED' AND respond_by <= ?"
            + " ORDER BY respond_by LIMIT ? FOR UPDATE SKIP LOCKED",
        now,
        limit);
  }

  /** Accepted referrals whose first contact is late and not yet reported. */
  public List<Long> claimContactLate(Connection c, Instant now, int limit) throws SQLException {
    return claim(
        c,
        "SELECT id FROM referral WHERE state = 'ACCEPTED' AND NOT contact_late_notified"
            + " AND contact_by <= ? ORDER BY contact_by LIMIT ? FOR UPDATE SKIP LOCKED",
        now,
        limit);
  }

  public void contactLateNotified(Connection c, long id) throws SQLException {
    try (var s =
        c.prepareStatement("UPDATE referral SET contact_late_notified = true WHERE id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  private static List<Long> claim(Connection c, String sql, Instant now, int limit)
      throws SQLException {
    try (var s = c.prepareStatement(sql)) {
      s.setObject(1, now.atOffset(ZoneOffset.UTC));
      s.setInt(2, limit);
      List<Long> ids = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
      return ids;
    }
  }

  private static Row map(java.sql.ResultSet rows) throws SQLException {
    return new Row(
        rows.getLong(1),
        rows.getLong(2),
        rows.getLong(3),
        rows.getString(4),
        ReferralState.valueOf(rows.getString(5)),
        instant(rows, 6),
        instant(rows, 7),
        instant(rows, 8),
        instant(rows, 9),
        instant(rows, 10),
        rows.getInt(11));
  }

  static Instant instant(java.sql.ResultSet rows, int column) throws SQLException {
    OffsetDateTime t = rows.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
