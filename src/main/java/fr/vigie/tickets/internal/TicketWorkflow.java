package fr.vigie.tickets.internal;

import fr.vigie.tickets.Outcome;
import fr.vigie.tickets.TicketStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** SQL of status changes: the row is locked, changed and its timeline event written together. */
final class TicketWorkflow {

  private TicketWorkflow() {}

  /** What a change needs to know of the ticket, read under a row lock. */
  record Current(
      long id, TicketStatus status, int version, TicketStatus resumeStatus, Instant closedAt) {}

  static Optional<Current> lock(Connection c, String reference) throws SQLException {
    try (var select =
        c.prepareStatement(
            "SELECT id, status, version, resume_status, closed_at FROM ticket"
                + " WHERE reference = ? FOR UPDATE")) {
      select.setString(1, reference);
      try (var rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        String resume = rows.getString(4);
        OffsetDateTime closed = rows.getObject(5, OffsetDateTime.class);
        return Optional.of(
            new Current(
                rows.getLong(1),
                TicketStatus.valueOf(rows.getString(2)),
                rows.getInt(3),
                resume == null ? null : TicketStatus.valueOf(resume),
                closed == null ? null : closed.toInstant()));
      }
    }
  }

  static void transition(
      Connection c,
      Current current,
      TicketStatus to,
      String reason,
      Outcome outcome,
      Boolean prevented,
      String actor,
      Instant now)
      throws SQLException {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    TicketStatus resume = to == TicketStatus.WAITING_ON_VICTIM ? current.status() : null;
    try (var update =
        c.prepareStatement(
            """
            UPDATE ticket SET status = ?, resume_status = ?, status_reason = ?,
              closed_at = CASE WHEN ? = 'CLOSED' THEN ?::timestamptz ELSE NULL END,
              outcome = CASE WHEN ? = 'CLOSED' THEN ? ELSE outcome END,
              prevented = CASE WHEN ? = 'CLOSED' THEN ?::boolean ELSE prevented END,
              updated_at = ?, version = version + 1
            WHERE id = ?
            """)) {
      update.setString(1, to.name());
      update.setString(2, resume == null ? null : resume.name());
      update.setString(3, reason);
      update.setString(4, to.name());
      update.setObject(5, at);
      update.setString(6, to.name());
      update.setString(7, outcome == null ? null : outcome.name());
      update.setString(8, to.name());
      if (prevented == null) {
        update.setNull(9, Types.BOOLEAN);
      } else {
        update.setBoolean(9, prevented);
      }
      update.setObject(10, at);
      update.setLong(11, current.id());
      update.executeUpdate();
    }
    TimelineWriter.append(
        c,
        current.id(),
        now,
        actor,
        "STATUS_CHANGED",
        "from",
        current.status().name(),
        "to",
        to.name(),
        "reason",
        reason,
        "outcome",
        outcome == null ? null : outcome.name(),
        "prevented",
        prevented);
  }
}
