package fr.vigie.observables.internal;

import fr.vigie.observables.CampaignView;
import fr.vigie.observables.Tlp;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads campaigns: the list, one campaign with its tickets and observables. */
public final class CampaignReader {

  private CampaignReader() {}

  private static final String SUMMARY =
      """
      SELECT k.id, k.basis, k.threat, k.departement, k.state, k.opened_at,
        min(t.created_at), max(t.created_at), count(ct.ticket_id)
      FROM campaign k
      LEFT JOIN campaign_ticket ct ON ct.campaign_id = k.id
      LEFT JOIN ticket t ON t.id = ct.ticket_id
      """;

  public static List<CampaignView.Summary> page(Connection c, String state, int page, int size)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            SUMMARY
                + " WHERE (?::text IS NULL OR k.state = ?) GROUP BY k.id"
                + " ORDER BY k.opened_at DESC, k.id DESC LIMIT ? OFFSET ?")) {
      s.setString(1, state);
      s.setString(2, state);
      s.setInt(3, size);
      s.setLong(4, (long) page * size);
      List<CampaignView.Summary> out = new ArrayList<>();
      try (var r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new CampaignView.Summary(
                  r.getLong(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  instant(r, 6),
                  instant(r, 7),
                  instant(r, 8),
                  r.getInt(9)));
        }
      }
      return out;
    }
  }

  public static long count(Connection c, String state) throws SQLException {
    try (var s =
        c.prepareStatement("SELECT count(*) FROM campaign WHERE (?::text IS NULL OR state = ?)")) {
      s.setString(1, state);
      s.setString(2, state);
      try (var r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  public static Optional<CampaignView> one(Connection c, long id) throws SQLException {
    String uuid;
    String basis;
    String threat;
    String departement;
    String type;
    String value;
    String state;
    Long mergedInto;
    Instant openedAt;
    Instant closedAt;
    int version;
    try (var s =
        c.prepareStatement(
            "SELECT uuid, basis, threat, departement, observable_type, observable_value, state,"
                + " merged_into, opened_at, closed_at, version FROM campaign WHERE id = ?")) {
      s.setLong(1, id);
      try (var r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        uuid = r.getString(1);
        basis = r.getString(2);
        threat = r.getString(3);
        departement = r.getString(4);
        type = r.getString(5);
        value = r.getString(6);
        state = r.getString(7);
        mergedInto = (Long) r.getObject(8);
        openedAt = instant(r, 9);
        closedAt = instant(r, 10);
        version = r.getInt(11);
      }
    }
    List<CampaignView.Member> members = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    try (var s =
        c.prepareStatement(
            """
            SELECT t.id, t.reference, v.type, v.departement, t.created_at FROM campaign_ticket ct
            JOIN ticket t ON t.id = ct.ticket_id JOIN victim v ON v.ticket_id = t.id
            WHERE ct.campaign_id = ? ORDER BY t.created_at, t.id
            """)) {
      s.setLong(1, id);
      try (var r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
          members.add(
              new CampaignView.Member(
                  r.getString(2), Categories.of(r.getString(3)), r.getString(4), instant(r, 5)));
        }
      }
    }
    Map<String, CampaignView.Shared> shared = new LinkedHashMap<>();
    for (ObservableStore.Row o : ObservableStore.rows(c, ids)) {
      if (o.value() == null || o.retractedAt() != null) {
        continue;
      }
      String key = o.type() + ":" + o.value();
      CampaignView.Shared before = shared.get(key);
      Tlp tlp = before == null ? o.tlp() : stricter(Tlp.valueOf(before.tlp()), o.tlp());
      shared.put(
          key,
          new CampaignView.Shared(
              o.type(), o.value(), tlp.name(), before == null ? 1 : before.tickets() + 1));
    }
    return Optional.of(
        new CampaignView(
            id,
            uuid,
            basis,
            threat,
            departement,
            type,
            value,
            state,
            mergedInto,
            openedAt,
            closedAt,
            members.isEmpty() ? null : members.get(0).sightedAt(),
            members.isEmpty() ? null : members.get(members.size() - 1).sightedAt(),
            version,
            members,
            List.copyOf(shared.values())));
  }

  /** Every campaign not merged into another, with its tickets' ids, by id. */
  public static List<fr.vigie.stats.CampaignMembers.Campaign> members(Connection c)
      throws SQLException {
    List<fr.vigie.stats.CampaignMembers.Campaign> out = new ArrayList<>();
    try (var s =
        c.prepareStatement(
            """
            SELECT k.id, k.state, array_agg(ct.ticket_id ORDER BY ct.ticket_id)
            FROM campaign k JOIN campaign_ticket ct ON ct.campaign_id = k.id
            WHERE k.state <> 'MERGED'
            GROUP BY k.id, k.state ORDER BY k.id
            """)) {
      try (var r = s.executeQuery()) {
        while (r.next()) {
          Long[] ids = (Long[]) r.getArray(3).getArray();
          out.add(
              new fr.vigie.stats.CampaignMembers.Campaign(
                  r.getLong(1), r.getString(2), List.of(ids)));
        }
      }
    }
    return out;
  }

  /** The campaign's tickets' ids. */
  public static List<Long> ticketIds(Connection c, long id) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (var s =
        c.prepareStatement("SELECT ticket_id FROM campaign_ticket WHERE campaign_id = ?")) {
      s.setLong(1, id);
      try (var r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getLong(1));
        }
      }
    }
    return out;
  }

  public static Tlp stricter(Tlp a, Tlp b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
