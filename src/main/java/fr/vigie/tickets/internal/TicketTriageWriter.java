package fr.vigie.tickets.internal;

import fr.vigie.tickets.Classification;
import io.micronaut.json.JsonMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;

/** Writes an analyst's triage override and its timeline event (in the caller's transaction). */
final class TicketTriageWriter {

  private static final String OVERRIDE =
      """
      WITH before AS (
        SELECT id, severity, kind, rsit_class, rsit_type FROM ticket WHERE reference = ?
        FOR UPDATE),
      t AS (
        UPDATE ticket SET
          severity = coalesce(?, ticket.severity),
          kind = coalesce(?, ticket.kind),
          rsit_class = coalesce(?, ticket.rsit_class),
          rsit_type = coalesce(?, ticket.rsit_type),
          triage_override = ?::jsonb,
          updated_at = ?,
          version = ticket.version + 1
        FROM before WHERE ticket.id = before.id
        RETURNING ticket.id, ticket.severity, ticket.kind, ticket.rsit_class, ticket.rsit_type)
      INSERT INTO ticket_event (ticket_id, at, actor, type, details)
      SELECT t.id, ?, ?, 'TRIAGE_OVERRIDDEN', jsonb_build_object(
        'from', jsonb_build_object('severity', before.severity, 'kind', before.kind,
          'rsitClass', before.rsit_class, 'rsitType', before.rsit_type),
        'to', jsonb_build_object('severity', t.severity, 'kind', t.kind,
          'rsitClass', t.rsit_class, 'rsitType', t.rsit_type),
        'reason', ?::text)
      FROM t JOIN before ON before.id = t.id
      RETURNING ticket_id
      """;

  private TicketTriageWriter() {}

  static boolean override(
      Connection c, String reference, Classification.Override change, JsonMapper json)
      throws SQLException {
    var at = change.at().atOffset(ZoneOffset.UTC);
    try (var update = c.prepareStatement(OVERRIDE)) {
      update.setString(1, reference);
      update.setString(2, change.severity() == null ? null : change.severity().name());
      update.setString(3, change.kind() == null ? null : change.kind().name());
      update.setString(4, change.rsitClass());
      update.setString(5, change.rsitType());
      update.setString(
          6,
          Json.write(
              json, io.micronaut.core.type.Argument.of(Classification.Override.class), change));
      update.setObject(7, at);
      update.setObject(8, at);
      update.setString(9, change.by());
      update.setString(10, change.reason());
      try (var rows = update.executeQuery()) {
        return rows.next();
      }
    }
  }
}
