package fr.vigie.routing.internal;

import fr.vigie.tickets.ImpactLevel;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.VictimType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** What routing reads of a ticket and its victim. */
public record TicketFacts(
    long id,
    String reference,
    TicketStatus status,
    TicketKind kind,
    Severity severity,
    ImpactLevel impact,
    String rsitClass,
    boolean inConstituency,
    VictimType victimType,
    String departement,
    Boolean hasItProvider,
    String assignee) {

  /** Alsace-Moselle keeps two more holidays (Good Friday, 26 December) on its calendar. */
  public boolean alsaceMoselle() {
    return "57".equals(departement) || "67".equals(departement) || "68".equals(departement);
  }

  /** Reads the ticket; with {@code lock}, its row stays locked until the transaction ends. */
  public static Optional<TicketFacts> read(Connection c, String reference, boolean lock)
      throws SQLException {
    return read(c, "t.reference = ?", reference, lock);
  }

  public static Optional<TicketFacts> read(Connection c, long id, boolean lock)
      throws SQLException {
    return read(c, "t.id = ?", id, lock);
  }

  private static Optional<TicketFacts> read(Connection c, String where, Object key, boolean lock)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT t.id, t.reference, t.status, t.kind, t.severity, t.impact_level, t.rsit_class,"
                + " coalesce(t.in_constituency, false), v.type, v.departement, v.has_it_provider,"
                + " u.username FROM ticket t JOIN victim v ON v.ticket_id = t.id"
                + " LEFT JOIN app_user u ON u.id = t.assignee_id WHERE "
                + where
                + (lock ? " FOR UPDATE OF t" : ""))) {
      s.setObject(1, key);
      try (var rows = s.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        String kind = rows.getString(4);
        String severity = rows.getString(5);
        String impact = rows.getString(6);
        return Optional.of(
            new TicketFacts(
                rows.getLong(1),
                rows.getString(2),
                TicketStatus.valueOf(rows.getString(3)),
                kind == null ? null : TicketKind.valueOf(kind),
                severity == null ? null : Severity.valueOf(severity),
                impact == null ? null : ImpactLevel.valueOf(impact),
                rows.getString(7),
                rows.getBoolean(8),
                VictimType.valueOf(rows.getString(9)),
                rows.getString(10),
                (Boolean) rows.getObject(11),
                rows.getString(12)));
      }
    }
  }
}
