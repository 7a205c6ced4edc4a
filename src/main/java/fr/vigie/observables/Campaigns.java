package fr.vigie.observables;

import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import fr.vigie.http.Page;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.observables.internal.CampaignReader;
import fr.vigie.observables.internal.CampaignStore;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads campaigns and applies the analysts' merge, split and close, each audited. */
@Singleton
public final class Campaigns implements fr.vigie.stats.CampaignMembers {

  private final Database database;
  private final Audit audit;
  private final Clock clock;

  Campaigns(Database database, Audit audit, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
  }

  public Page<CampaignView.Summary> page(String state, Page.Request request) {
    return database.read(
        c ->
            new Page<>(
                CampaignReader.page(c, state, request.page(), request.size()),
                request.page(),
                request.size(),
                CampaignReader.count(c, state)));
  }

  /**
   * For the statistics by campaign: every campaign not merged into another, with its tickets' ids
   * only (the statistics count their victims under secrecy; no observable leaves here).
   */
  @Override
  public List<fr.vigie.stats.CampaignMembers.Campaign> campaigns(Connection c) throws SQLException {
    return CampaignReader.members(c);
  }

  public Optional<CampaignView> one(long id) {
    return database.read(c -> CampaignReader.one(c, id));
  }

  /** Moves every ticket of {@code id} into {@code into}; {@code id} becomes MERGED. */
  public Optional<CampaignView> merge(long id, long into, String actor) {
    if (id == into) {
      throw ProblemException.invalid(List.of(new FieldError("into", "another campaign")));
    }
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          if (!exists(c, id)) {
            return Optional.<CampaignView>empty();
          }
          requireOpen(c, id, "id");
          if (!exists(c, into)) {
            throw ProblemException.invalid(List.of(new FieldError("into", "no such campaign")));
          }
          requireOpen(c, into, "into");
          CampaignStore.addTickets(c, into, CampaignReader.ticketIds(c, id), actor, now);
          try (var s =
              c.prepareStatement(
                  "UPDATE campaign SET state = 'MERGED', merged_into = ?, closed_at = ?,"
                      + " closed_by = ?, version = version + 1 WHERE id = ?")) {
            s.setLong(1, into);
            s.setObject(2, now.atOffset(ZoneOffset.UTC));
            s.setString(3, actor);
            s.setLong(4, id);
            s.executeUpdate();
          }
          audit.record(c, actor, "CAMPAIGN_MERGED", "campaign:" + id, Map.of("into", into));
          return CampaignReader.one(c, into);
        });
  }

  /** Takes the named tickets out of {@code id} into a new campaign, returned. */
  public Optional<CampaignView> split(long id, List<String> references, String actor) {
    if (references == null || references.isEmpty()) {
      throw ProblemException.invalid(List.of(new FieldError("tickets", "is required")));
    }
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          if (!exists(c, id)) {
            return Optional.<CampaignView>empty();
          }
          requireOpen(c, id, "id");
          List<Long> members = CampaignReader.ticketIds(c, id);
          List<Long> moving = new ArrayList<>();
          for (int i = 0; i < references.size(); i++) {
            Long ticket = ticketId(c, references.get(i));
            if (ticket == null || !members.contains(ticket)) {
              throw ProblemException.invalid(
                  List.of(new FieldError("tickets[" + i + "]", "not a ticket of this campaign")));
            }
            if (!moving.contains(ticket)) {
              moving.add(ticket);
            }
          }
          if (moving.size() == members.size()) {
            throw ProblemException.invalid(
                List.of(new FieldError("tickets", "leave at least one ticket in the campaign")));
          }
          long created;
          try (var s =
              c.prepareStatement(
                  """
                  INSERT INTO campaign (uuid, basis, threat, departement, observable_type,
                    observable_value, opened_at)
                  SELECT ?, 'SPLIT', threat, departement, observable_type, observable_value, ?
                  FROM campaign WHERE id = ? RETURNING id
                  """)) {
            s.setObject(1, UUID.randomUUID());
            s.setObject(2, now.atOffset(ZoneOffset.UTC));
            s.setLong(3, id);
            try (var r = s.executeQuery()) {
              r.next();
              created = r.getLong(1);
            }
          }
          try (var s =
              c.prepareStatement(
                  "DELETE FROM campaign_ticket WHERE campaign_id = ? AND ticket_id = ANY (?)")) {
            s.setLong(1, id);
            s.setArray(2, c.createArrayOf("bigint", moving.toArray()));
            s.executeUpdate();
          }
          try (var s =
              c.prepareStatement("UPDATE campaign SET version = version + 1 WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
          }
          CampaignStore.addTickets(c, created, moving, actor, now);
          audit.record(
              c,
              actor,
              "CAMPAIGN_SPLIT",
              "campaign:" + id,
              Map.of("into", created, "tickets", moving.size()));
          return CampaignReader.one(c, created);
        });
  }

  public Optional<CampaignView> close(long id, String actor) {
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          if (!exists(c, id)) {
            return Optional.<CampaignView>empty();
          }
          requireOpen(c, id, "id");
          try (var s =
              c.prepareStatement(
                  "UPDATE campaign SET state = 'CLOSED', closed_at = ?, closed_by = ?,"
                      + " version = version + 1 WHERE id = ?")) {
            s.setObject(1, now.atOffset(ZoneOffset.UTC));
            s.setString(2, actor);
            s.setLong(3, id);
            s.executeUpdate();
          }
          audit.record(c, actor, "CAMPAIGN_CLOSED", "campaign:" + id, Map.of());
          return CampaignReader.one(c, id);
        });
  }

  private static boolean exists(Connection c, long id) throws SQLException {
    try (var s = c.prepareStatement("SELECT 1 FROM campaign WHERE id = ? FOR UPDATE")) {
      s.setLong(1, id);
      try (var r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static void requireOpen(Connection c, long id, String field) throws SQLException {
    try (var s = c.prepareStatement("SELECT state FROM campaign WHERE id = ?")) {
      s.setLong(1, id);
      try (var r = s.executeQuery()) {
        r.next();
        if (!"OPEN".equals(r.getString(1))) {
          throw new ProblemException(
              HttpStatus.CONFLICT,
              "Cette campagne n'est plus ouverte.",
              List.of(new FieldError(field, "campaign is " + r.getString(1))));
        }
      }
    }
  }

  private static Long ticketId(Connection c, String reference) throws SQLException {
    if (reference == null) {
      return null;
    }
    try (var s = c.prepareStatement("SELECT id FROM ticket WHERE reference = ?")) {
      s.setString(1, reference);
      try (var r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : null;
      }
    }
  }
}
