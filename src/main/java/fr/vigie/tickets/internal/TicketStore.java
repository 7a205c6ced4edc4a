package fr.vigie.tickets.internal;

import fr.vigie.tickets.Classification;
import fr.vigie.tickets.NewTicket;
import fr.vigie.tickets.OpenedTicket;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.TicketQuery;
import fr.vigie.tickets.TicketSummary;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The tickets module's SQL, behind one bean so the public service stays free of it. */
@Singleton
public final class TicketStore {

  private final JsonMapper json;
  private final java.time.ZoneId zone;
  private final ChangeListeners listeners;

  TicketStore(JsonMapper json, fr.vigie.CsirtSettings csirt, ChangeListeners listeners) {
    this.json = json;
    this.zone = csirt.zone();
    this.listeners = listeners;
  }

  /** A ticket with the hash its victim's follow-up token must match. */
  public record Found(TicketDetail detail, byte[] followUpTokenHash) {}

  public OpenedTicket open(Connection c, NewTicket ticket, String prefix, int year)
      throws SQLException {
    OpenedTicket opened =
        TicketWriter.open(c, ticket, prefix, year, json, listeners.firstDue(ticket));
    listeners.opened(c, opened.id(), ticket);
    return opened;
  }

  public List<TicketSummary> page(Connection c, TicketQuery query) throws SQLException {
    return TicketReader.page(c, query);
  }

  public java.util.Map<fr.vigie.tickets.TicketStatus, Long> openCounts(
      Connection c, TicketQuery query) throws SQLException {
    return TicketReader.openCounts(c, query);
  }

  public long count(Connection c, TicketQuery query) throws SQLException {
    return TicketReader.count(c, query);
  }

  public boolean overrideTriage(
      Connection c, String reference, Classification.Override change, Integer expectedVersion)
      throws SQLException {
    var current = TicketWorkflow.lock(c, reference);
    if (current.isEmpty()) {
      return false;
    }
    Versions.check(expectedVersion, current.get().version());
    boolean changed = TicketTriageWriter.override(c, reference, change, json);
    listeners.changed(c, current.get().id());
    return changed;
  }

  /** The reference of the ticket that absorbed {@code reference}, or itself if not merged. */
  public Optional<String> survivor(Connection c, String reference) throws SQLException {
    try (var s =
        c.prepareStatement(
            "WITH RECURSIVE chain(id, merged_into, reference, depth) AS ("
                + " SELECT id, merged_into, reference, 0 FROM ticket WHERE reference = ?"
                + " UNION ALL SELECT t.id, t.merged_into, t.reference, chain.depth + 1"
                + " FROM ticket t JOIN chain ON t.id = chain.merged_into WHERE chain.depth < 20)"
                + " SELECT reference FROM chain WHERE merged_into IS NULL")) {
      s.setString(1, reference);
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  /**
   * Promotes a signalement to an incident with its new triage; false when the ticket does not
   * exist. 409 when it is not a signalement any more.
   */
  public boolean promote(
      Connection c,
      String reference,
      Classification triage,
      String reason,
      String actor,
      java.time.Instant now,
      Integer expectedVersion)
      throws SQLException {
    var current = TicketWorkflow.lock(c, reference);
    if (current.isEmpty()) {
      return false;
    }
    Versions.check(expectedVersion, current.get().version());
    try (var s = c.prepareStatement("SELECT kind FROM ticket WHERE id = ?")) {
      s.setLong(1, current.get().id());
      try (var rows = s.executeQuery()) {
        rows.next();
        if (!"SIGNALEMENT".equals(rows.getString(1))) {
          throw new fr.vigie.http.ProblemException(
              io.micronaut.http.HttpStatus.CONFLICT, "Only a signalement can be promoted.");
        }
      }
    }
    Reclassification.apply(c, current.get().id(), triage, now, json);
    TimelineWriter.append(
        c,
        current.get().id(),
        now,
        actor,
        "PROMOTED",
        "to",
        triage.kind().name(),
        "severity",
        triage.severity().name(),
        "reason",
        reason);
    listeners.changed(c, current.get().id());
    return true;
  }

  /** Tickets whose facts are not corrected any more: their story is over, or goes on elsewhere. */
  private static final java.util.Set<fr.vigie.tickets.TicketStatus> SETTLED =
      java.util.EnumSet.of(
          fr.vigie.tickets.TicketStatus.CLOSED,
          fr.vigie.tickets.TicketStatus.REJECTED,
          fr.vigie.tickets.TicketStatus.MERGED);

  /**
   * Corrects a ticket's victim and incident facts with the triage computed again from them; false
   * when the ticket does not exist. 412 for a stale version, 409 (field {@code status}) once the
   * ticket is closed, rejected or merged.
   */
  public boolean correctFacts(
      Connection c, String reference, fr.vigie.tickets.CorrectedFacts facts, int expectedVersion)
      throws SQLException {
    var current = TicketWorkflow.lock(c, reference);
    if (current.isEmpty()) {
      return false;
    }
    Versions.check(expectedVersion, current.get().version());
    if (SETTLED.contains(current.get().status())) {
      throw new fr.vigie.http.ProblemException(
          io.micronaut.http.HttpStatus.CONFLICT,
          "A closed, rejected or merged ticket's facts are not corrected any more.",
          List.of(
              new fr.vigie.http.Problem.FieldError(
                  "status", "is " + current.get().status() + ": correct the ticket kept instead")));
    }
    FactsWriter.write(c, current.get().id(), facts, json);
    listeners.changed(c, current.get().id());
    return true;
  }

  public Optional<Found> byReference(Connection c, String reference) throws SQLException {
    return TicketReader.byReference(c, reference, json, zone);
  }

  /** The ticket only when both its reference and its follow-up token's hash match. */
  public Optional<Found> byReferenceAndToken(Connection c, String reference, byte[] tokenHash)
      throws SQLException {
    return TicketReader.byReferenceAndToken(c, reference, tokenHash, json, zone);
  }
}
