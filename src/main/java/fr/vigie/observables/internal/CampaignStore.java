package fr.vigie.observables.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Campaign detection and the SQL of campaigns (DESIGN.md §14). A ticket triggers a campaign when,
 * in some span of {@code window} that contains it, {@code threshold} tickets share one of its
 * normal forms, or {@code threshold} distinct victims of its département report its threat. The
 * tickets of that span join the open campaign that already holds one of them, or a new one.
 */
public final class CampaignStore {

  /** Threats that are no wave whatever their number. */
  static final Set<String> NOT_A_WAVE =
      Set.of("UNKNOWN", "INFORMATION_REQUEST", "VULNERABILITY", "LOST_OR_STOLEN_DEVICE");

  private CampaignStore() {}

  /** What detection decided: the campaign the ticket is in now, and whether it was just opened. */
  public record Outcome(long campaignId, boolean opened, int tickets) {}

  /**
   * A ticket's sighting: its id, its creation time, and who the victim is (for distinct counts).
   */
  record Seen(long ticketId, Instant at, String victim) {}

  public static List<Outcome> detect(
      Connection c,
      ObservableStore.TicketFacts t,
      int threshold,
      Duration window,
      String actor,
      Instant now)
      throws SQLException {
    List<Outcome> out = new ArrayList<>();
    Instant from = t.createdAt().minus(window);
    Instant to = t.createdAt().plus(window);
    // Shared observables (a private address or free text identify no wave).
    List<String[]> values = new ArrayList<>();
    try (var s =
        c.prepareStatement(
            "SELECT type, normalized FROM observable WHERE ticket_id = ? AND normalized IS NOT NULL"
                + " AND retracted_at IS NULL AND type <> 'OTHER'"
                + " AND NOT ('PRIVATE_ADDRESS' = ANY (flags))")) {
      s.setLong(1, t.id());
      try (var r = s.executeQuery()) {
        while (r.next()) {
          values.add(new String[] {r.getString(1), r.getString(2)});
        }
      }
    }
    for (String[] v : values) {
      List<Seen> seen =
          seen(
              c,
              """
              SELECT DISTINCT t.id, t.created_at, t.id::text FROM observable o
              JOIN ticket t ON t.id = o.ticket_id
              WHERE o.type = ? AND o.normalized = ? AND o.retracted_at IS NULL
                AND t.status <> 'MERGED' AND t.created_at BETWEEN ? AND ?
              """,
              v[0],
              v[1],
              from,
              to);
      List<Long> members = span(seen, t.createdAt(), threshold, window);
      if (!members.isEmpty()) {
        out.add(join(c, members, "OBSERVABLE", null, null, v[0], v[1], actor, now));
      }
    }
    if (t.departement() != null && !NOT_A_WAVE.contains(t.threat())) {
      List<Seen> seen =
          seen(
              c,
              """
              SELECT t.id, t.created_at, COALESCE(v.siren, lower(v.name)) FROM ticket t
              JOIN victim v ON v.ticket_id = t.id
              WHERE t.threat = ? AND v.departement = ? AND t.status <> 'MERGED'
                AND t.created_at BETWEEN ? AND ?
              """,
              t.threat(),
              t.departement(),
              from,
              to);
      List<Long> members = span(seen, t.createdAt(), threshold, window);
      if (!members.isEmpty()) {
        out.add(
            join(
                c,
                members,
                "THREAT_DEPARTEMENT",
                t.threat(),
                t.departement(),
                null,
                null,
                actor,
                now));
      }
    }
    return out;
  }

  private static List<Seen> seen(
      Connection c, String sql, String a, String b, Instant from, Instant to) throws SQLException {
    try (var s = c.prepareStatement(sql)) {
      s.setString(1, a);
      s.setString(2, b);
      s.setObject(3, from.atOffset(ZoneOffset.UTC));
      s.setObject(4, to.atOffset(ZoneOffset.UTC));
      List<Seen> out = new ArrayList<>();
      try (var r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new Seen(
                  r.getLong(1), r.getObject(2, OffsetDateTime.class).toInstant(), r.getString(3)));
        }
      }
      return out;
    }
  }

  /**
   * The tickets of the fullest span of {@code window} containing {@code at} when it holds at least
   * {@code threshold} distinct victims; empty otherwise. Pure, unit-tested.
   */
  static List<Long> span(List<Seen> seen, Instant at, int threshold, Duration window) {
    List<Seen> sorted = new ArrayList<>(seen);
    sorted.sort(java.util.Comparator.comparing(Seen::at).thenComparing(Seen::ticketId));
    java.util.Map<String, Integer> victims = new java.util.HashMap<>();
    int bestStart = -1;
    int bestEnd = -1;
    int bestVictims = 0;
    int end = 0;
    // Spans start at a sighting; the end pointer only moves forward: linear after the sort.
    for (int start = 0; start < sorted.size(); start++) {
      Instant begin = sorted.get(start).at();
      if (begin.isAfter(at)) {
        break;
      }
      Instant last = begin.plus(window);
      while (end < sorted.size() && !sorted.get(end).at().isAfter(last)) {
        victims.merge(sorted.get(end).victim(), 1, Integer::sum);
        end++;
      }
      if (!last.isBefore(at) && victims.size() >= threshold && victims.size() > bestVictims) {
        bestVictims = victims.size();
        bestStart = start;
        bestEnd = end;
      }
      victims.computeIfPresent(sorted.get(start).victim(), (k, n) -> n == 1 ? null : n - 1);
    }
    if (bestStart < 0) {
      return List.of();
    }
    return sorted.subList(bestStart, bestEnd).stream().map(Seen::ticketId).sorted().toList();
  }

  private static Outcome join(
      Connection c,
      List<Long> members,
      String basis,
      String threat,
      String departement,
      String type,
      String value,
      String actor,
      Instant now)
      throws SQLException {
    // One detection at a time: two reports of the same wave arriving together open one campaign.
    try (var s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('vigie-campaigns'))")) {
      s.execute();
    }
    Optional<Long> existing = Optional.empty();
    try (var s =
        c.prepareStatement(
            """
            SELECT k.id FROM campaign k
            WHERE k.state = 'OPEN' AND EXISTS (SELECT 1 FROM campaign_ticket ct
              WHERE ct.campaign_id = k.id AND ct.ticket_id = ANY (?))
            ORDER BY k.opened_at, k.id LIMIT 1
            """)) {
      s.setArray(1, c.createArrayOf("bigint", members.toArray()));
      try (var r = s.executeQuery()) {
        if (r.next()) {
          existing = Optional.of(r.getLong(1));
        }
      }
    }
    boolean opened = existing.isEmpty();
    long id;
    if (opened) {
      try (var s =
          c.prepareStatement(
              """
              INSERT INTO campaign (uuid, basis, threat, departement, observable_type,
                observable_value, opened_at)
              VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
              """)) {
        s.setObject(1, UUID.randomUUID());
        s.setString(2, basis);
        s.setString(3, threat);
        s.setString(4, departement);
        s.setString(5, type);
        s.setString(6, value);
        s.setObject(7, now.atOffset(ZoneOffset.UTC));
        try (var r = s.executeQuery()) {
          r.next();
          id = r.getLong(1);
        }
      }
    } else {
      id = existing.get();
    }
    addTickets(c, id, members, actor, now);
    return new Outcome(id, opened, members.size());
  }

  public static int addTickets(
      Connection c, long campaignId, List<Long> tickets, String actor, Instant now)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            INSERT INTO campaign_ticket (campaign_id, ticket_id, added_at, added_by)
            SELECT ?, unnest(?::bigint[]), ?, ?
            ON CONFLICT DO NOTHING
            """)) {
      s.setLong(1, campaignId);
      s.setArray(2, c.createArrayOf("bigint", tickets.toArray()));
      s.setObject(3, now.atOffset(ZoneOffset.UTC));
      s.setString(4, actor);
      int added = s.executeUpdate();
      if (added > 0) {
        try (var u = c.prepareStatement("UPDATE campaign SET version = version + 1 WHERE id = ?")) {
          u.setLong(1, campaignId);
          u.executeUpdate();
        }
      }
      return added;
    }
  }
}
