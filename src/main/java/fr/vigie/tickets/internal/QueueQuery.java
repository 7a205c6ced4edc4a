package fr.vigie.tickets.internal;

import fr.vigie.tickets.TicketQuery;
import fr.vigie.tickets.TicketStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the queue's SQL from a {@link TicketQuery}: only bound parameters, never user text. */
final class QueueQuery {

  private final StringBuilder where = new StringBuilder(" WHERE t.status = ANY (?)");
  private final List<Object> params = new ArrayList<>();
  private boolean needsVictim;
  private boolean needsAssignee;

  QueueQuery(TicketQuery q) {
    params.add(q.statuses().stream().map(TicketStatus::name).toArray(String[]::new));
    condition(q.severity() != null, " AND t.severity = ?", q.severity());
    condition(q.kind() != null, " AND t.kind = ?", q.kind());
    // The copy on the ticket (V6): served by a partial index of open tickets.
    condition(q.departement() != null, " AND t.departement = ?", q.departement());
    condition(q.threat() != null, " AND t.threat = ?", q.threat());
    condition(q.assignee() != null, " AND u.username = ?", q.assignee());
    needsAssignee = q.assignee() != null;
    if (q.unassigned()) {
      where.append(" AND t.assignee_id IS NULL");
    }
    if (q.text() != null) {
      needsVictim = true;
      where.append(" AND (t.reference = ? OR v.name ILIKE ? ESCAPE '\\')");
      params.add(q.text().toUpperCase(Locale.ROOT));
      params.add("%" + q.text().replaceAll("([\\\\%_])", "\\\\$1") + "%");
    }
  }

  private void condition(boolean present, String sql, Object value) {
    if (present) {
      where.append(sql);
      params.add(value instanceof Enum<?> e ? e.name() : value);
    }
  }

  static String order(TicketQuery.Sort sort) {
    return switch (sort) {
      case DUE -> " ORDER BY t.next_due_at ASC NULLS LAST, t.severity, t.created_at, t.id";
      case CREATED -> " ORDER BY t.created_at DESC, t.id DESC";
      case SEVERITY -> " ORDER BY t.severity, t.next_due_at ASC NULLS LAST, t.created_at, t.id";
    };
  }

  String from() {
    return " FROM ticket t JOIN victim v ON v.ticket_id = t.id"
        + " LEFT JOIN app_user u ON u.id = t.assignee_id"
        + where;
  }

  /**
   * For counting: only the joins a filter needs (every ticket has exactly one victim). Joining
   * 10,000 victims to count them was most of the default page's time at a million tickets.
   */
  String countFrom() {
    return " FROM ticket t"
        + (needsVictim ? " JOIN victim v ON v.ticket_id = t.id" : "")
        + (needsAssignee ? " LEFT JOIN app_user u ON u.id = t.assignee_id" : "")
        + where;
  }

  /** Binds the filter parameters from index 1; returns the next free index. */
  int bind(Connection c, PreparedStatement statement) throws SQLException {
    int index = 1;
    for (Object param : params) {
      if (param instanceof String[] array) {
        statement.setArray(index++, c.createArrayOf("text", array));
      } else {
        statement.setObject(index++, param);
      }
    }
    return index;
  }
}
