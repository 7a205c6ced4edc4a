package fr.vigie.stats;

import fr.vigie.db.Database;
import fr.vigie.stats.internal.CellKey;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Statistics grouped by campaign (issue 21) with the officials' cube's secrecy, the same code: a
 * campaign's distinct victims are counted on {@code stat_fact} (a merged duplicate is not counted,
 * as in the cube), only in published months, and published through {@link CellKey} exactly as a
 * cube entry — perturbed by its victims' cell key, left out when its true or perturbed count is
 * below k. Which tickets make a campaign comes from {@link CampaignMembers}.
 */
@Singleton
public final class CampaignStatistics {

  private final Database database;
  private final Publication publication;
  private final List<CampaignMembers> members;

  CampaignStatistics(Database database, Publication publication, List<CampaignMembers> members) {
    this.database = database;
    this.publication = publication;
    this.members = List.copyOf(members);
  }

  /** A ticket as counted here: its victim's key, its month, its RSIT class. */
  private record Counted(long victimKey, int month, String rsitClass) {}

  public CampaignStats campaigns() {
    int k = publication.k();
    int latest = publication.latest(Period.MONTH);
    ZoneId zone = publication.zone();
    List<CampaignStats.Entry> entries =
        database.read(
            c -> {
              List<CampaignMembers.Campaign> campaigns = new ArrayList<>();
              for (CampaignMembers source : members) {
                campaigns.addAll(source.campaigns(c));
              }
              Set<Long> tickets = new LinkedHashSet<>();
              campaigns.forEach(campaign -> tickets.addAll(campaign.ticketIds()));
              Map<Long, Counted> facts = facts(c, tickets, zone, latest);
              List<CampaignStats.Entry> out = new ArrayList<>();
              for (CampaignMembers.Campaign campaign : campaigns) {
                entry(campaign, facts, k).ifPresent(out::add);
              }
              return out;
            });
    return new CampaignStats(k, Period.MONTH.label(latest), entries);
  }

  /** The counted facts of these tickets in published months (up to {@code latest}). */
  private static Map<Long, Counted> facts(Connection c, Set<Long> tickets, ZoneId zone, int latest)
      throws SQLException {
    Map<Long, Counted> out = new HashMap<>();
    if (tickets.isEmpty()) {
      return out;
    }
    try (var s =
        c.prepareStatement(
            "SELECT ticket_id, victim_key, created_at, rsit_class FROM stat_fact"
                + " WHERE counted AND ticket_id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("bigint", tickets.toArray()));
      try (var r = s.executeQuery()) {
        while (r.next()) {
          LocalDate day =
              r.getObject(3, OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate();
          int month = day.getYear() * 12 + day.getMonthValue() - 1;
          if (month <= latest) {
            String rsit = r.getString(4);
            out.put(
                r.getLong(1),
                new Counted(
                    r.getLong(2),
                    month,
                    rsit != null && Dimension.RSIT_CLASS.accepts(rsit) ? rsit : "UNKNOWN"));
          }
        }
      }
    }
    return out;
  }

  /** What is published of one campaign, or nothing (see {@link CellKey#shown}). */
  private static java.util.Optional<CampaignStats.Entry> entry(
      CampaignMembers.Campaign campaign, Map<Long, Counted> facts, int k) {
    Set<Long> victims = new HashSet<>();
    long keySum = 0;
    int first = Integer.MAX_VALUE;
    int last = Integer.MIN_VALUE;
    Map<String, Integer> classes = new HashMap<>();
    for (long ticket : campaign.ticketIds()) {
      Counted f = facts.get(ticket);
      if (f == null) {
        continue;
      }
      if (victims.add(f.victimKey())) {
        keySum += f.victimKey(); // modulo 2^64, as the cube's cell keys
      }
      first = Math.min(first, f.month());
      last = Math.max(last, f.month());
      classes.merge(f.rsitClass(), 1, Integer::sum);
    }
    long count = victims.size();
    if (count < k) {
      return java.util.Optional.empty();
    }
    long perturbed = CellKey.perturb(count, keySum);
    if (!CellKey.shown(count, perturbed, k)) {
      return java.util.Optional.empty();
    }
    List<String> vocabulary = Dimension.RSIT_CLASS.vocabulary().orElseThrow();
    String rsit =
        classes.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(e -> vocabulary.indexOf(e.getKey())))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse("UNKNOWN");
    return java.util.Optional.of(
        new CampaignStats.Entry(
            campaign.id(),
            campaign.state(),
            rsit,
            Period.MONTH.label(first),
            Period.MONTH.label(last),
            perturbed));
  }
}
