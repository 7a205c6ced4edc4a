package fr.vigie.tickets.internal;

import fr.vigie.tickets.AffectedService;
import fr.vigie.tickets.Classification;
import fr.vigie.tickets.ClockView;
import fr.vigie.tickets.Contact;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.Scope;
import fr.vigie.tickets.Sector;
import fr.vigie.tickets.ServiceImpact;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.TicketQuery;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.TicketSummary;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Queries behind the queue and the ticket page. */
final class TicketReader {

  private static final String SUMMARY_COLUMNS =
      "SELECT t.reference, t.status, t.kind, t.severity, v.name AS victim_name, v.departement,"
          + " t.threat, u.username AS assignee, t.next_due_at, t.created_at";

  private static final String DETAIL =
      """
      SELECT t.*, u.username AS assignee, r.received_at, t.triage::text AS triage_text,
             t.triage_override::text AS override_text,
             v.type AS v_type, v.name AS v_name, v.siren, v.commune_code, v.departement, v.region,
             v.population, v.headcount, v.nis2_declared, v.oiv, v.ose, v.sector,
             v.has_it_provider, v.cyber_insured,
             c.name AS c_name, c.role AS c_role, c.email AS c_email, c.phone AS c_phone,
             d.description, d.observables::text AS observables
      FROM ticket t
      JOIN report r ON r.id = t.report_id
      JOIN victim v ON v.ticket_id = t.id
      LEFT JOIN contact c ON c.ticket_id = t.id
      LEFT JOIN incident_detail d ON d.ticket_id = t.id
      LEFT JOIN app_user u ON u.id = t.assignee_id
      WHERE t.reference = ?
      """;

  private TicketReader() {}

  static List<TicketSummary> page(Connection c, TicketQuery q) throws SQLException {
    QueueQuery query = new QueueQuery(q);
    String sql = SUMMARY_COLUMNS + query.from() + QueueQuery.order(q.sort()) + " LIMIT ? OFFSET ?";
    try (var select = c.prepareStatement(sql)) {
      int next = query.bind(c, select);
      select.setInt(next, q.page().size());
      select.setLong(next + 1, (long) q.page().page() * q.page().size());
      List<TicketSummary> items = new ArrayList<>();
      try (var rows = select.executeQuery()) {
        while (rows.next()) {
          OffsetDateTime due = rows.getObject("next_due_at", OffsetDateTime.class);
          items.add(
              new TicketSummary(
                  rows.getString("reference"),
                  TicketStatus.valueOf(rows.getString("status")),
                  named(rows.getString("kind"), TicketKind::valueOf),
                  named(rows.getString("severity"), Severity::valueOf),
                  rows.getString("victim_name"),
                  rows.getString("departement"),
                  Threat.valueOf(rows.getString("threat")),
                  rows.getString("assignee"),
                  due == null ? null : due.toInstant(),
                  instant(rows, "created_at")));
        }
      }
      return items;
    }
  }

  /**
   * Counting is capped: a queue of more than this many matching tickets answers {@code COUNT_CAP +
   * 1} ("more than 10,000"), so the total never costs a scan of a million tickets (measured in
   * ops/bench/RESULTS.md). Nobody pages through 10,000 tickets; they narrow the filters.
   */
  static final int COUNT_CAP = 10_000;

  static long count(Connection c, TicketQuery q) throws SQLException {
    QueueQuery query = new QueueQuery(q);
    try (var select =
        c.prepareStatement(
            "SELECT count(*) FROM (SELECT 1"
                + query.countFrom()
                + " LIMIT "
                + (COUNT_CAP + 1)
                + ") x")) {
      query.bind(c, select);
      try (var rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /**
   * How many open tickets of each status match the query's other filters, in one pass. The literal
   * list of open statuses lets PostgreSQL use the partial indexes of open tickets (a bound array
   * cannot prove their predicate): with a département or severity filter that is the few matching
   * rows, where one capped count per status read every ticket of the status.
   */
  static java.util.Map<TicketStatus, Long> openCounts(Connection c, TicketQuery q)
      throws SQLException {
    QueueQuery query = new QueueQuery(q);
    String open =
        TicketQuery.OPEN.stream()
            .map(s -> "'" + s.name() + "'")
            .collect(java.util.stream.Collectors.joining(", "));
    java.util.Map<TicketStatus, Long> counts = new java.util.EnumMap<>(TicketStatus.class);
    try (var select =
        c.prepareStatement(
            "SELECT t.status, count(*)"
                + query.countFrom()
                + " AND t.status IN ("
                + open
                + ") GROUP BY t.status")) {
      query.bind(c, select);
      try (var rows = select.executeQuery()) {
        while (rows.next()) {
          counts.put(TicketStatus.valueOf(rows.getString(1)), rows.getLong(2));
        }
      }
    }
    return counts;
  }

  static Optional<TicketStore.Found> byReference(
      Connection c, String reference, JsonMapper json, java.time.ZoneId zone) throws SQLException {
    return byReference(c, reference, null, json, zone);
  }

  /** One query with both conditions: no row is read for a wrong token (issue 16, finding 4). */
  static Optional<TicketStore.Found> byReferenceAndToken(
      Connection c, String reference, byte[] tokenHash, JsonMapper json, java.time.ZoneId zone)
      throws SQLException {
    return byReference(c, reference, tokenHash, json, zone);
  }

  private static Optional<TicketStore.Found> byReference(
      Connection c, String reference, byte[] tokenHash, JsonMapper json, java.time.ZoneId zone)
      throws SQLException {
    String sql = tokenHash == null ? DETAIL : DETAIL + " AND t.follow_up_token_hash = ?";
    try (var select = c.prepareStatement(sql)) {
      select.setString(1, reference);
      if (tokenHash != null) {
        select.setBytes(2, tokenHash);
      }
      try (var rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        TicketDetail detail =
            new TicketDetail(
                rows.getString("reference"),
                TicketStatus.valueOf(rows.getString("status")),
                named(rows.getString("kind"), TicketKind::valueOf),
                named(rows.getString("severity"), Severity::valueOf),
                rows.getString("rsit_class"),
                rows.getString("rsit_type"),
                rows.getString("tlp"),
                rows.getString("assignee"),
                instant(rows, "received_at"),
                instant(rows, "created_at"),
                instant(rows, "updated_at"),
                rows.getInt("version"),
                victim(rows),
                contact(rows),
                incident(rows, json, zone),
                read(json, rows.getString("triage_text"), Classification.class),
                read(json, rows.getString("override_text"), Classification.Override.class),
                clocks(c, rows.getLong("id")),
                referrals(c, rows.getLong("id")),
                List.of());
        return Optional.of(new TicketStore.Found(detail, rows.getBytes("follow_up_token_hash")));
      }
    }
  }

  private static List<ClockView> clocks(Connection c, long ticketId) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT code, kind, started_at, due_at, state, completed_at FROM clock"
                + " WHERE ticket_id = ? ORDER BY due_at, code")) {
      s.setLong(1, ticketId);
      List<ClockView> clocks = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          OffsetDateTime completed = rows.getObject(6, OffsetDateTime.class);
          OffsetDateTime due = rows.getObject(4, OffsetDateTime.class); // null while paused
          clocks.add(
              new ClockView(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getObject(3, OffsetDateTime.class).toInstant(),
                  due == null ? null : due.toInstant(),
                  rows.getString(5),
                  completed == null ? null : completed.toInstant()));
        }
      }
      return clocks;
    }
  }

  private static List<fr.vigie.tickets.ReferralView> referrals(Connection c, long ticketId)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT r.id, r.provider_id, p.name, r.state, r.proposed_at, r.decided_at,"
                + " r.engaged_at FROM referral r JOIN provider p ON p.id = r.provider_id"
                + " WHERE r.ticket_id = ? ORDER BY r.id")) {
      s.setLong(1, ticketId);
      List<fr.vigie.tickets.ReferralView> out = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          OffsetDateTime decided = rows.getObject(6, OffsetDateTime.class);
          OffsetDateTime engaged = rows.getObject(7, OffsetDateTime.class);
          out.add(
              new fr.vigie.tickets.ReferralView(
                  rows.getLong(1),
                  rows.getLong(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getObject(5, OffsetDateTime.class).toInstant(),
                  decided == null ? null : decided.toInstant(),
                  engaged == null ? null : engaged.toInstant()));
        }
      }
      return out;
    }
  }

  private static Victim victim(ResultSet rows) throws SQLException {
    return new Victim(
        VictimType.valueOf(rows.getString("v_type")),
        rows.getString("v_name"),
        rows.getString("siren"),
        rows.getString("commune_code"),
        rows.getString("departement"),
        rows.getString("region"),
        (Integer) rows.getObject("population"),
        (Integer) rows.getObject("headcount"),
        Nis2Status.valueOf(rows.getString("nis2_declared")),
        rows.getBoolean("oiv"),
        rows.getBoolean("ose"),
        named(rows.getString("sector"), Sector::valueOf),
        (Boolean) rows.getObject("has_it_provider"),
        (Boolean) rows.getObject("cyber_insured"));
  }

  private static Contact contact(ResultSet rows) throws SQLException {
    String name = rows.getString("c_name");
    String email = rows.getString("c_email");
    String phone = rows.getString("c_phone");
    if (name == null && email == null && phone == null) {
      return null; // purged by retention
    }
    return new Contact(name, rows.getString("c_role"), email, phone);
  }

  /** Times are shown in the desk's time zone (the victim's own offset is not kept). */
  private static Incident incident(ResultSet rows, JsonMapper json, java.time.ZoneId zone)
      throws SQLException {
    BigDecimal amount = rows.getBigDecimal("funds_amount_eur");
    OffsetDateTime fundsAt = local(rows, "funds_transferred_at", zone);
    String observables = rows.getString("observables");
    return new Incident(
        Threat.valueOf(rows.getString("threat")),
        local(rows, "discovered_at", zone),
        (Boolean) rows.getObject("ongoing"),
        (Boolean) rows.getObject("attacker_present"),
        named(rows.getString("service_impact"), ServiceImpact::valueOf),
        Arrays.stream((String[]) rows.getArray("affected_services").getArray())
            .map(AffectedService::valueOf)
            .toList(),
        named(rows.getString("scope"), Scope::valueOf),
        named(rows.getString("personal_data"), PersonalData::valueOf),
        (Boolean) rows.getObject("data_exfiltrated"),
        (Boolean) rows.getObject("ransom_demanded"),
        amount == null ? null : new Incident.FundsTransfer(amount, fundsAt),
        rows.getString("description"),
        observables == null ? List.of() : observables(json, observables));
  }

  private static List<Incident.Observable> observables(JsonMapper json, String text) {
    try {
      return json.readValue(text, Argument.listOf(Incident.Observable.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(JsonMapper json, String text, Class<T> type) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <E> E named(String value, Function<String, E> parse) {
    return value == null ? null : parse.apply(value);
  }

  private static OffsetDateTime local(ResultSet rows, String column, java.time.ZoneId zone)
      throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.atZoneSameInstant(zone).toOffsetDateTime();
  }

  private static java.time.Instant instant(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }
}
