package fr.vigie.observables.internal;

import fr.vigie.observables.ObservableView;
import fr.vigie.observables.ObservableView.Sighting;
import fr.vigie.observables.TicketObservables;
import fr.vigie.observables.Tlp;
import fr.vigie.tickets.ObservableType;
import fr.vigie.tickets.RelatedTicket;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The SQL of observables: insert, read with their sightings, tag and retract. */
public final class ObservableStore {

  private ObservableStore() {}

  /** The facts of a ticket the observables need: never the victim's name or free text. */
  public record TicketFacts(
      long id,
      String reference,
      String threat,
      Instant createdAt,
      String victimType,
      String departement,
      String tlp) {}

  /** A new observable, already normalised. */
  public record Insert(
      ObservableType type,
      String raw,
      Normalizer.Result normal,
      Tlp tlp,
      List<String> tags,
      String source,
      String actor) {}

  public static Optional<TicketFacts> ticket(Connection c, String reference) throws SQLException {
    return ticket(c, "t.reference = ?", reference);
  }

  public static Optional<TicketFacts> ticket(Connection c, long id) throws SQLException {
    return ticket(c, "t.id = ?", id);
  }

  private static Optional<TicketFacts> ticket(Connection c, String where, Object key)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT t.id, t.reference, t.threat, t.created_at, v.type, v.departement, t.tlp"
                + " FROM ticket t JOIN victim v ON v.ticket_id = t.id WHERE "
                + where)) {
      s.setObject(1, key);
      try (var r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new TicketFacts(
                r.getLong(1),
                r.getString(2),
                r.getString(3),
                r.getObject(4, OffsetDateTime.class).toInstant(),
                r.getString(5),
                r.getString(6),
                r.getString(7)));
      }
    }
  }

  /**
   * The victim's own e-mail address and phone number in normal form: they are never observables of
   * its ticket. Read here only to compare, never returned.
   */
  public static List<String> contactValues(Connection c, long ticketId) throws SQLException {
    List<String> out = new ArrayList<>();
    try (var s = c.prepareStatement("SELECT email, phone FROM contact WHERE ticket_id = ?")) {
      s.setLong(1, ticketId);
      try (var r = s.executeQuery()) {
        while (r.next()) {
          contactValue(ObservableType.EMAIL, r.getString(1), out);
          contactValue(ObservableType.PHONE, r.getString(2), out);
        }
      }
    }
    return out;
  }

  public static void contactValue(ObservableType type, String raw, List<String> into) {
    if (raw != null && !raw.isBlank()) {
      Normalizer.Result n = Normalizer.normalize(type, raw);
      if (n.valid()) {
        into.add(type + ":" + n.value());
      }
    }
  }

  /** Inserts unless the ticket already holds this normal form; the new id, or empty. */
  public static Optional<Long> insert(Connection c, long ticketId, Insert o, Instant now)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            INSERT INTO observable (uuid, ticket_id, type, raw, normalized, problem, flags, tlp,
              tags, source, added_by, added_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (ticket_id, type, normalized) WHERE normalized IS NOT NULL DO NOTHING
            RETURNING id
            """)) {
      s.setObject(1, UUID.randomUUID());
      s.setLong(2, ticketId);
      s.setString(3, o.type().name());
      s.setString(4, o.raw());
      s.setString(5, o.normal().value());
      s.setString(6, o.normal().problem());
      s.setArray(7, c.createArrayOf("text", o.normal().flags().toArray()));
      s.setString(8, o.tlp().name());
      s.setArray(9, c.createArrayOf("text", o.tags().toArray()));
      s.setString(10, o.source());
      s.setString(11, o.actor());
      s.setObject(12, now.atOffset(ZoneOffset.UTC));
      try (var r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Changes tags, TLP or retracts; false when the observable is not this ticket's. */
  public static boolean update(
      Connection c,
      long ticketId,
      long id,
      List<String> tags,
      Tlp tlp,
      boolean retract,
      String reason,
      String actor,
      Instant now)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            UPDATE observable SET
              tags = COALESCE(?, tags),
              tlp = COALESCE(?, tlp),
              retracted_at = CASE WHEN ? AND retracted_at IS NULL THEN ? ELSE retracted_at END,
              retracted_by = CASE WHEN ? AND retracted_at IS NULL THEN ? ELSE retracted_by END,
              retraction_reason = CASE WHEN ? AND retracted_at IS NULL THEN ?
                ELSE retraction_reason END
            WHERE id = ? AND ticket_id = ?
            """)) {
      s.setArray(1, tags == null ? null : c.createArrayOf("text", tags.toArray()));
      s.setString(2, tlp == null ? null : tlp.name());
      s.setBoolean(3, retract);
      s.setObject(4, now.atOffset(ZoneOffset.UTC));
      s.setBoolean(5, retract);
      s.setString(6, actor);
      s.setBoolean(7, retract);
      s.setString(8, reason);
      s.setLong(9, id);
      s.setLong(10, ticketId);
      return s.executeUpdate() == 1;
    }
  }

  /** A stored observable (the export's input as well as the page's). */
  public record Row(
      long id,
      UUID uuid,
      long ticketId,
      String type,
      String raw,
      String value,
      String problem,
      List<String> flags,
      Tlp tlp,
      List<String> tags,
      String source,
      String addedBy,
      Instant addedAt,
      Instant retractedAt,
      String retractedBy,
      String retractionReason) {}

  private static final String COLUMNS =
      "o.id, o.uuid, o.ticket_id, o.type, o.raw, o.normalized, o.problem, o.flags, o.tlp, o.tags,"
          + " o.source, o.added_by, o.added_at, o.retracted_at, o.retracted_by,"
          + " o.retraction_reason";

  public static List<Row> rows(Connection c, List<Long> ticketIds) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM observable o WHERE o.ticket_id = ANY (?) ORDER BY o.ticket_id, o.id")) {
      s.setArray(1, c.createArrayOf("bigint", ticketIds.toArray()));
      List<Row> out = new ArrayList<>();
      try (var r = s.executeQuery()) {
        while (r.next()) {
          out.add(row(r));
        }
      }
      return out;
    }
  }

  private static Row row(ResultSet r) throws SQLException {
    OffsetDateTime retracted = r.getObject(14, OffsetDateTime.class);
    return new Row(
        r.getLong(1),
        r.getObject(2, UUID.class),
        r.getLong(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        r.getString(7),
        strings(r.getArray(8)),
        Tlp.valueOf(r.getString(9)),
        strings(r.getArray(10)),
        r.getString(11),
        r.getString(12),
        r.getObject(13, OffsetDateTime.class).toInstant(),
        retracted == null ? null : retracted.toInstant(),
        r.getString(15),
        r.getString(16));
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  /**
   * The other tickets holding one of the normal forms of ticket {@code reference} (neither side
   * retracted), oldest first: reference, victim category and département, nothing more.
   */
  public static List<RelatedTicket> related(Connection c, String reference) throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            SELECT t.reference, v.type, v.departement
            FROM ticket me
            JOIN observable mine ON mine.ticket_id = me.id
              AND mine.retracted_at IS NULL AND mine.normalized IS NOT NULL
            JOIN observable other ON other.type = mine.type AND other.normalized = mine.normalized
              AND other.ticket_id <> me.id AND other.retracted_at IS NULL
            JOIN ticket t ON t.id = other.ticket_id
            JOIN victim v ON v.ticket_id = t.id
            WHERE me.reference = ?
            GROUP BY t.id, t.reference, t.created_at, v.type, v.departement
            ORDER BY t.created_at, t.id
            """)) {
      s.setString(1, reference);
      List<RelatedTicket> out = new ArrayList<>();
      try (var r = s.executeQuery()) {
        while (r.next()) {
          out.add(new RelatedTicket(r.getString(1), Categories.of(r.getString(2)), r.getString(3)));
        }
      }
      return out;
    }
  }

  /** The ticket's observables with, for each, the other tickets holding the same normal form. */
  public static TicketObservables view(Connection c, TicketFacts ticket) throws SQLException {
    List<Row> rows = rows(c, List.of(ticket.id()));
    Map<Long, List<Sighting>> sightings = new LinkedHashMap<>();
    Map<String, TicketObservables.Related> related = new LinkedHashMap<>();
    try (var s =
        c.prepareStatement(
            """
            SELECT mine.id, t.reference, v.type, v.departement, mine.type, mine.normalized
            FROM observable mine
            JOIN observable other ON other.type = mine.type AND other.normalized = mine.normalized
              AND other.ticket_id <> mine.ticket_id AND other.retracted_at IS NULL
            JOIN ticket t ON t.id = other.ticket_id
            JOIN victim v ON v.ticket_id = t.id
            WHERE mine.ticket_id = ? AND mine.retracted_at IS NULL AND mine.normalized IS NOT NULL
            ORDER BY t.created_at, t.id
            """)) {
      s.setLong(1, ticket.id());
      try (var r = s.executeQuery()) {
        while (r.next()) {
          String category = Categories.of(r.getString(3));
          Sighting seen = new Sighting(r.getString(2), category, r.getString(4));
          sightings.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(seen);
          TicketObservables.Related before = related.get(seen.reference());
          List<String> shared = new ArrayList<>(before == null ? List.of() : before.shared());
          String value = r.getString(5) + ":" + r.getString(6);
          if (!shared.contains(value)) {
            shared.add(value);
          }
          related.put(
              seen.reference(),
              new TicketObservables.Related(
                  seen.reference(), category, seen.departement(), List.copyOf(shared)));
        }
      }
    }
    List<ObservableView> items = new ArrayList<>();
    for (Row o : rows) {
      items.add(
          new ObservableView(
              o.id(),
              o.uuid().toString(),
              o.type(),
              o.raw(),
              o.value(),
              o.problem(),
              o.flags(),
              o.tlp().name(),
              o.tags(),
              o.source(),
              o.addedBy(),
              o.addedAt(),
              o.retractedAt(),
              o.retractedBy(),
              o.retractionReason(),
              List.copyOf(sightings.getOrDefault(o.id(), List.of()))));
    }
    List<TicketObservables.CampaignRef> campaigns = new ArrayList<>();
    try (var s =
        c.prepareStatement(
            "SELECT k.id, k.state FROM campaign_ticket ct JOIN campaign k ON k.id = ct.campaign_id"
                + " WHERE ct.ticket_id = ? ORDER BY k.id")) {
      s.setLong(1, ticket.id());
      try (var r = s.executeQuery()) {
        while (r.next()) {
          campaigns.add(new TicketObservables.CampaignRef(r.getLong(1), r.getString(2)));
        }
      }
    }
    return new TicketObservables(
        ticket.reference(), items, List.copyOf(related.values()), campaigns);
  }
}
