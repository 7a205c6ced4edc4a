package fr.vigie.routing.internal;

import fr.vigie.routing.ProviderReferral;
import fr.vigie.routing.Referral;
import fr.vigie.routing.ReferralState;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads referrals for staff and for the provider portal. */
@jakarta.inject.Singleton
public final class ReferralReader {

  private static final String SELECT =
      """
      SELECT r.id, t.reference, r.provider_id, p.name, r.mode, r.rank, r.reasons::text, r.state,
        r.proposed_by, r.proposed_at, r.respond_by, r.decided_at, r.contact_by, r.engaged_at,
        r.ended_at, r.note, r.outcome
      FROM referral r JOIN ticket t ON t.id = r.ticket_id JOIN provider p ON p.id = r.provider_id
      """;

  private static final String PORTAL =
      """
      SELECT r.id, t.reference, r.state, t.severity, r.proposed_at, r.respond_by, r.decided_at,
        r.contact_by, r.engaged_at, r.ended_at,
        v.type, v.name, v.commune_code, v.departement, v.headcount,
        t.threat, t.discovered_at, t.ongoing, t.service_impact, t.affected_services, t.scope,
        t.personal_data, t.ransom_demanded, d.description,
        k.name, k.role, k.email, k.phone, t.id
      FROM referral r JOIN ticket t ON t.id = r.ticket_id JOIN victim v ON v.ticket_id = t.id
        LEFT JOIN incident_detail d ON d.ticket_id = t.id
        LEFT JOIN contact k ON k.ticket_id = t.id
      WHERE r.provider_id = ?
      """;

  /** Analysts' notes a provider holding the case may read (TLP:AMBER is need-to-know: it is). */
  private static final List<String> SHARED_TLP = List.of("CLEAR", "GREEN", "AMBER");

  private final JsonMapper json;

  ReferralReader(JsonMapper json) {
    this.json = json;
  }

  public Optional<Referral> get(Connection c, long id) throws SQLException {
    try (var s = c.prepareStatement(SELECT + " WHERE r.id = ?")) {
      s.setLong(1, id);
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(map(rows)) : Optional.empty();
      }
    }
  }

  public List<Referral> ofTicket(Connection c, long ticketId) throws SQLException {
    try (var s = c.prepareStatement(SELECT + " WHERE r.ticket_id = ? ORDER BY r.id")) {
      s.setLong(1, ticketId);
      List<Referral> out = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(map(rows));
        }
      }
      return out;
    }
  }

  public List<ProviderReferral> forProvider(Connection c, long providerId, int page, int size)
      throws SQLException {
    try (var s = c.prepareStatement(PORTAL + " ORDER BY r.id DESC LIMIT ? OFFSET ?")) {
      s.setLong(1, providerId);
      s.setInt(2, size);
      s.setLong(3, (long) page * size);
      List<ProviderReferral> out = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(portal(c, rows));
        }
      }
      return out;
    }
  }

  public long countForProvider(Connection c, long providerId) throws SQLException {
    try (var s = c.prepareStatement("SELECT count(*) FROM referral WHERE provider_id = ?")) {
      s.setLong(1, providerId);
      try (var rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  public Optional<ProviderReferral> forProvider(Connection c, long providerId, long id)
      throws SQLException {
    try (var s = c.prepareStatement(PORTAL + " AND r.id = ?")) {
      s.setLong(1, providerId);
      s.setLong(2, id);
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(portal(c, rows)) : Optional.empty();
      }
    }
  }

  /** The provider a PROVIDER user is bound to; empty for anyone else. */
  public Optional<Long> providerOf(Connection c, String username) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT provider_id FROM app_user WHERE username = ? AND enabled"
                + " AND provider_id IS NOT NULL")) {
      s.setString(1, username);
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
      }
    }
  }

  private ProviderReferral portal(Connection c, ResultSet rows) throws SQLException {
    ReferralState state = ReferralState.valueOf(rows.getString(3));
    boolean holds = state == ReferralState.ACCEPTED || state == ReferralState.ENGAGED;
    String[] services = (String[]) rows.getArray(20).getArray();
    return new ProviderReferral(
        rows.getLong(1),
        rows.getString(2),
        state,
        rows.getString(4),
        ReferralStore.instant(rows, 5),
        ReferralStore.instant(rows, 6),
        ReferralStore.instant(rows, 7),
        ReferralStore.instant(rows, 8),
        ReferralStore.instant(rows, 9),
        ReferralStore.instant(rows, 10),
        new ProviderReferral.Victim(
            rows.getString(11),
            rows.getString(12),
            rows.getString(13),
            rows.getString(14),
            (Integer) rows.getObject(15)),
        new ProviderReferral.Incident(
            rows.getString(16),
            ReferralStore.instant(rows, 17),
            (Boolean) rows.getObject(18),
            rows.getString(19),
            Arrays.asList(services),
            rows.getString(21),
            rows.getString(22),
            (Boolean) rows.getObject(23),
            holds ? rows.getString(24) : null),
        holds
            ? new ProviderReferral.Contact(
                rows.getString(25), rows.getString(26), rows.getString(27), rows.getString(28))
            : null,
        holds ? notes(c, rows.getLong(29)) : List.of());
  }

  private static List<ProviderReferral.Note> notes(Connection c, long ticketId)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT at, details->>'tlp', details->>'text' FROM ticket_event"
                + " WHERE ticket_id = ? AND type = 'NOTE' AND details->>'tlp' = ANY (?)"
                + " ORDER BY at, id")) {
      s.setLong(1, ticketId);
      s.setArray(2, c.createArrayOf("text", SHARED_TLP.toArray()));
      List<ProviderReferral.Note> out = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(
              new ProviderReferral.Note(
                  ReferralStore.instant(rows, 1), rows.getString(2), rows.getString(3)));
        }
      }
      return out;
    }
  }

  private Referral map(ResultSet rows) throws SQLException {
    List<String> reasons;
    try {
      reasons = json.readValue(rows.getString(7), Argument.listOf(String.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Referral(
        rows.getLong(1),
        rows.getString(2),
        rows.getLong(3),
        rows.getString(4),
        rows.getString(5),
        (Integer) rows.getObject(6),
        reasons,
        ReferralState.valueOf(rows.getString(8)),
        rows.getString(9),
        ReferralStore.instant(rows, 10),
        ReferralStore.instant(rows, 11),
        ReferralStore.instant(rows, 12),
        ReferralStore.instant(rows, 13),
        ReferralStore.instant(rows, 14),
        ReferralStore.instant(rows, 15),
        rows.getString(16),
        rows.getString(17));
  }
}
