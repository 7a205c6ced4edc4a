package fr.vigie.tickets.internal;

import fr.vigie.tickets.Classification;
import fr.vigie.tickets.Contact;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.NewTicket;
import fr.vigie.tickets.OpenedTicket;
import fr.vigie.tickets.Victim;
import io.micronaut.json.JsonMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Opens a ticket with its victim, contact, free text and first timeline event in a single statement
 * (data-modifying CTEs), so an intake costs one round trip beyond the raw report.
 */
final class TicketWriter {

  private static final String OPEN =
      """
      WITH t AS (
        INSERT INTO ticket (reference, report_id, status, follow_up_token_hash, created_at,
            updated_at, threat, discovered_at, ongoing, attacker_present, service_impact,
            affected_services, scope, personal_data, data_exfiltrated, ransom_demanded,
            funds_amount_eur, funds_transferred_at, kind, severity, impact_level, criticality,
            rsit_class, rsit_type, in_constituency, triage, next_due_at, departement)
        VALUES (? || '-' || ? || '-' || lpad(next_ticket_number(?)::text, 6, '0'), ?, ?, ?, ?, ?,
            ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
        RETURNING id, reference),
      v AS (
        INSERT INTO victim (ticket_id, type, name, siren, commune_code, departement, region,
            population, headcount, nis2_declared, oiv, ose, sector, has_it_provider, cyber_insured,
            nis2_derived, nis2_effective)
        SELECT id, ?, ?, ?, ?, ?, ?, ?::integer, ?::integer, ?, ?::boolean, ?::boolean, ?,
            ?::boolean, ?::boolean, ?, ? FROM t),
      o AS (
        INSERT INTO orientation (ticket_id, code, urgent, reason)
        SELECT t.id, x.code, x.urgent, x.reason
        FROM t, jsonb_to_recordset(?::jsonb) AS x(code text, urgent boolean, reason text)),
      c AS (
        INSERT INTO contact (ticket_id, name, role, email, phone) SELECT id, ?, ?, ?, ? FROM t),
      d AS (
        INSERT INTO incident_detail (ticket_id, description, observables)
        SELECT id, ?, ?::jsonb FROM t),
      e AS (
        INSERT INTO ticket_event (ticket_id, at, actor, type, details)
        SELECT id, ?::timestamptz, ?, 'REPORT_RECEIVED', ?::jsonb FROM t)
      SELECT id, reference FROM t
      """;

  private TicketWriter() {}

  /** The details of the {@code REPORT_RECEIVED} event. */
  @io.micronaut.serde.annotation.Serdeable
  record Received(
      long reportId,
      fr.vigie.tickets.Severity severity,
      fr.vigie.tickets.TicketKind kind,
      fr.vigie.tickets.TicketStatus status) {}

  private static final io.micronaut.core.type.Argument<Received> RECEIVED =
      io.micronaut.core.type.Argument.of(Received.class);

  /**
   * {@code firstDue} is the queue key the clocks module computed; the clock rows themselves, the
   * regulatory ones included, are written by it right after ({@code TicketChangeListener}).
   */
  static OpenedTicket open(
      Connection c,
      NewTicket ticket,
      String prefix,
      int year,
      JsonMapper json,
      java.time.Instant firstDue)
      throws SQLException {
    Victim victim = ticket.victim();
    Contact contact = ticket.contact();
    Incident incident = ticket.incident();
    Classification triage = ticket.classification();
    OffsetDateTime received = ticket.receivedAt().atOffset(ZoneOffset.UTC);
    try (var insert = c.prepareStatement(OPEN)) {
      Params p = new Params(insert);
      p.string(prefix).string(Integer.toString(year)).integer(year);
      p.object(ticket.reportId()).name(triage.initialStatus()).bytes(ticket.followUpTokenHash());
      p.time(received).time(received);
      p.string(incident.threat().name()).time(incident.discoveredAt());
      p.bool(incident.ongoing()).bool(incident.attackerStillPresent());
      p.name(incident.serviceImpact());
      p.array(c, incident.affectedServices().stream().map(Enum::name).toList());
      p.name(incident.scope()).name(incident.personalData());
      p.bool(incident.dataExfiltrated()).bool(incident.ransomDemanded());
      var funds = incident.fundsTransferred();
      p.object(funds == null ? null : funds.amountEur());
      p.time(funds == null ? null : funds.at());
      p.name(triage.kind()).name(triage.severity()).name(triage.impact());
      p.name(triage.criticality()).string(triage.rsitClass()).string(triage.rsitType());
      p.bool(triage.inConstituency()).string(Json.write(json, Json.CLASSIFICATION, triage));
      p.time(
          firstDue != null
              ? firstDue.atOffset(ZoneOffset.UTC)
              : triage.deadlines().stream()
                  .map(fr.vigie.tickets.Deadline::dueAt)
                  .min(java.util.Comparator.naturalOrder())
                  .orElse(null));
      p.string(victim.departement());
      p.string(victim.type().name()).string(victim.name()).string(victim.siren());
      p.string(victim.communeCode()).string(victim.departement()).string(victim.region());
      p.object(victim.population()).object(victim.headcount()).string(victim.nis2().name());
      p.bool(victim.oiv()).bool(victim.ose()).name(victim.sector());
      p.bool(victim.hasItProvider()).bool(victim.cyberInsured());
      p.name(triage.nis2().derived()).name(triage.nis2().effective());
      p.string(Json.write(json, Json.ORIENTATIONS, triage.orientations()));
      p.string(contact.name()).string(contact.role()).string(contact.email());
      p.string(contact.phone());
      p.string(incident.description())
          .string(Json.write(json, Json.OBSERVABLES, incident.observables()));
      p.time(received).string(ticket.actor());
      p.string(
          Json.write(
              json,
              RECEIVED,
              new Received(
                  ticket.reportId(), triage.severity(), triage.kind(), triage.initialStatus())));
      try (var rows = insert.executeQuery()) {
        rows.next();
        return new OpenedTicket(rows.getLong(1), rows.getString(2), triage.initialStatus());
      }
    }
  }

  /** Positional parameters set in order, with SQL NULL for absent values. */
  private static final class Params {
    private final java.sql.PreparedStatement statement;
    private int index = 1;

    Params(java.sql.PreparedStatement statement) {
      this.statement = statement;
    }

    Params string(String value) throws SQLException {
      statement.setString(index++, value);
      return this;
    }

    Params integer(int value) throws SQLException {
      statement.setInt(index++, value);
      return this;
    }

    Params object(Object value) throws SQLException {
      statement.setObject(index++, value);
      return this;
    }

    Params bool(Boolean value) throws SQLException {
      if (value == null) {
        statement.setNull(index++, Types.BOOLEAN);
      } else {
        statement.setBoolean(index++, value);
      }
      return this;
    }

    Params name(Enum<?> value) throws SQLException {
      return string(value == null ? null : value.name());
    }

    Params bytes(byte[] value) throws SQLException {
      statement.setBytes(index++, value);
      return this;
    }

    Params time(OffsetDateTime value) throws SQLException {
      if (value == null) {
        statement.setNull(index++, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setObject(index++, value);
      }
      return this;
    }

    Params array(Connection c, java.util.List<String> values) throws SQLException {
      statement.setArray(index++, c.createArrayOf("text", values.toArray()));
      return this;
    }
  }
}
