package fr.vigie.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Which tickets make each campaign, for the statistics by campaign ({@link CampaignStatistics}).
 * Owned by the statistics module and implemented by the module that keeps campaigns (observables),
 * so the statistics never depend on it. Implementations only read, with the connection they are
 * given, and give ticket ids only: never an observable or a victim.
 */
public interface CampaignMembers {

  /** A campaign still standing (not merged into another) and its tickets. */
  record Campaign(long id, String state, List<Long> ticketIds) {}

  List<Campaign> campaigns(Connection connection) throws SQLException;
}
