package fr.vigie.tickets.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/** Appends one event to a ticket's timeline, in the caller's transaction. */
public final class TimelineWriter {

  private TimelineWriter() {}

  /** {@code details} are key/value pairs; null values are kept as JSON null. Returns its id. */
  public static long append(
      Connection c, long ticketId, Instant at, String actor, String type, Object... details)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO ticket_event (ticket_id, at, actor, type, details)"
                + " VALUES (?, ?, ?, ?, jsonb_build_object(");
    for (int i = 0; i < details.length; i += 2) {
      sql.append(i == 0 ? "" : ", ").append("?::text, ?");
      if (details[i + 1] instanceof Boolean) {
        sql.append("::boolean");
      } else if (details[i + 1] instanceof Number) {
        sql.append("::numeric");
      } else {
        sql.append("::text");
      }
    }
    sql.append(")) RETURNING id");
    try (var insert = c.prepareStatement(sql.toString())) {
      insert.setLong(1, ticketId);
      insert.setObject(2, at.atOffset(ZoneOffset.UTC));
      insert.setString(3, actor);
      insert.setString(4, type);
      for (int i = 0; i < details.length; i++) {
        Object value = details[i];
        insert.setObject(5 + i, value == null ? null : value.toString(), java.sql.Types.VARCHAR);
      }
      try (var rows = insert.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
