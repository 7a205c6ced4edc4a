package fr.vigie.tickets.internal;

import fr.vigie.tickets.CorrectedFacts;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.Victim;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes an analyst's correction of a ticket's facts (in the caller's transaction, the ticket
 * locked): the victim row, the ticket's incident columns, its département and RSIT class (unless an
 * analyst overrode the class), then the new triage ({@link Reclassification}) and the {@code
 * FACTS_CORRECTED} event.
 */
final class FactsWriter {

  private static final Argument<List<CorrectedFacts.Change>> CHANGES =
      Argument.listOf(CorrectedFacts.Change.class);

  private FactsWriter() {}

  static void write(Connection c, long ticketId, CorrectedFacts facts, JsonMapper json)
      throws SQLException {
    Victim v = facts.victim();
    try (var s =
        c.prepareStatement(
            """
            UPDATE victim SET type = ?, name = ?, siren = ?, commune_code = ?, departement = ?,
              region = ?, population = ?, headcount = ?, nis2_declared = ?, oiv = ?, ose = ?,
              sector = ?, has_it_provider = ?, cyber_insured = ?, nis2_derived = ?,
              nis2_effective = ?
            WHERE ticket_id = ?
            """)) {
      int i = 1;
      s.setString(i++, v.type().name());
      s.setString(i++, v.name());
      s.setString(i++, v.siren());
      s.setString(i++, v.communeCode());
      s.setString(i++, v.departement());
      s.setString(i++, v.region());
      s.setObject(i++, v.population(), Types.INTEGER);
      s.setObject(i++, v.headcount(), Types.INTEGER);
      s.setString(i++, v.nis2().name());
      s.setBoolean(i++, v.oiv());
      s.setBoolean(i++, v.ose());
      s.setString(i++, name(v.sector()));
      s.setObject(i++, v.hasItProvider(), Types.BOOLEAN);
      s.setObject(i++, v.cyberInsured(), Types.BOOLEAN);
      s.setString(i++, name(facts.triage().nis2().derived()));
      s.setString(i++, name(facts.triage().nis2().effective()));
      s.setLong(i, ticketId);
      s.executeUpdate();
    }
    Incident n = facts.incident();
    var funds = n.fundsTransferred();
    try (var s =
        c.prepareStatement(
            """
            UPDATE ticket SET threat = ?, discovered_at = ?, ongoing = ?, attacker_present = ?,
              service_impact = ?, affected_services = ?, scope = ?, personal_data = ?,
              data_exfiltrated = ?, ransom_demanded = ?, funds_amount_eur = ?,
              funds_transferred_at = ?, departement = ?, in_constituency = ?,
              rsit_class = CASE WHEN triage_override->>'rsitClass' IS NULL THEN ?
                ELSE rsit_class END,
              rsit_type = CASE WHEN triage_override->>'rsitClass' IS NULL THEN ?
                ELSE rsit_type END
            WHERE id = ?
            """)) {
      int i = 1;
      s.setString(i++, n.threat().name());
      s.setObject(i++, n.discoveredAt());
      s.setObject(i++, n.ongoing(), Types.BOOLEAN);
      s.setObject(i++, n.attackerStillPresent(), Types.BOOLEAN);
      s.setString(i++, name(n.serviceImpact()));
      s.setArray(
          i++, c.createArrayOf("text", n.affectedServices().stream().map(Enum::name).toArray()));
      s.setString(i++, name(n.scope()));
      s.setString(i++, name(n.personalData()));
      s.setObject(i++, n.dataExfiltrated(), Types.BOOLEAN);
      s.setObject(i++, n.ransomDemanded(), Types.BOOLEAN);
      s.setObject(i++, funds == null ? null : funds.amountEur(), Types.NUMERIC);
      if (funds == null) {
        s.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        s.setObject(i++, funds.at());
      }
      s.setString(i++, v.departement());
      s.setBoolean(i++, facts.triage().inConstituency());
      s.setString(i++, facts.triage().rsitClass());
      s.setString(i++, facts.triage().rsitType());
      s.setLong(i, ticketId);
      s.executeUpdate();
    }
    Reclassification.apply(c, ticketId, facts.triage(), facts.at(), json);
    try (var s =
        c.prepareStatement(
            """
            INSERT INTO ticket_event (ticket_id, at, actor, type, details)
            SELECT id, ?, ?, 'FACTS_CORRECTED', jsonb_build_object(
              'changes', ?::jsonb, 'severity', severity, 'reason', ?::text)
            FROM ticket WHERE id = ?
            """)) {
      s.setObject(1, facts.at().atOffset(ZoneOffset.UTC));
      s.setString(2, facts.actor());
      s.setString(3, Json.write(json, CHANGES, facts.changes()));
      s.setString(4, facts.reason());
      s.setLong(5, ticketId);
      s.executeUpdate();
    }
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
