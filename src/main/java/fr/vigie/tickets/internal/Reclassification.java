package fr.vigie.tickets.internal;

import fr.vigie.tickets.Classification;
import fr.vigie.tickets.Deadline;
import io.micronaut.json.JsonMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;

/**
 * Replaces a ticket's computed triage (a promoted signalement): classification, orientations, new
 * regulatory clocks (existing ones keep their state) and the next due time. An analyst's severity
 * override stays in force.
 */
final class Reclassification {

  private Reclassification() {}

  static void apply(
      Connection c, long ticketId, Classification triage, Instant now, JsonMapper json)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            UPDATE ticket SET kind = ?, impact_level = ?, criticality = ?, triage = ?::jsonb,
              severity = CASE WHEN triage_override->>'severity' IS NULL THEN ? ELSE severity END,
              updated_at = ?, version = version + 1
            WHERE id = ?
            """)) {
      s.setString(1, triage.kind().name());
      s.setString(2, triage.impact().name());
      s.setString(3, triage.criticality().name());
      s.setString(4, Json.write(json, Json.CLASSIFICATION, triage));
      s.setString(5, triage.severity().name());
      s.setObject(6, now.atOffset(ZoneOffset.UTC));
      s.setLong(7, ticketId);
      s.executeUpdate();
    }
    try (var s = c.prepareStatement("DELETE FROM orientation WHERE ticket_id = ?")) {
      s.setLong(1, ticketId);
      s.executeUpdate();
    }
    try (var s =
        c.prepareStatement(
            """
            WITH o AS (
              INSERT INTO orientation (ticket_id, code, urgent, reason)
              SELECT ?, x.code, x.urgent, x.reason
              FROM jsonb_to_recordset(?::jsonb) AS x(code text, urgent boolean, reason text))
            INSERT INTO clock (ticket_id, code, kind, started_at, due_at, state)
            SELECT ?, x.code, 'REGULATORY', t.discovered_at, x."dueAt", 'OPEN'
            FROM ticket t, jsonb_to_recordset(?::jsonb) AS x(code text, "dueAt" timestamptz)
            WHERE t.id = ?
            ON CONFLICT (ticket_id, code) DO NOTHING
            """)) {
      s.setLong(1, ticketId);
      s.setString(2, Json.write(json, Json.ORIENTATIONS, triage.orientations()));
      s.setLong(3, ticketId);
      s.setString(4, Json.write(json, Json.DEADLINES, triage.deadlines()));
      s.setLong(5, ticketId);
      s.executeUpdate();
    }
    var earliest = triage.deadlines().stream().map(Deadline::dueAt).min(Comparator.naturalOrder());
    if (earliest.isPresent()) {
      try (var s =
          c.prepareStatement(
              "UPDATE ticket SET next_due_at = least(coalesce(next_due_at, ?), ?) WHERE id = ?")) {
        s.setObject(1, earliest.get());
        s.setObject(2, earliest.get());
        s.setLong(3, ticketId);
        s.executeUpdate();
      }
    }
  }
}
