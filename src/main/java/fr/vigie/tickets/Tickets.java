package fr.vigie.tickets;

import fr.vigie.CsirtSettings;
import fr.vigie.db.Database;
import fr.vigie.http.Page;
import fr.vigie.tickets.internal.TicketStore;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Opens tickets for intake and answers the staff's and the victim's reads. */
@Singleton
public final class Tickets {

  private final TicketStore store;
  private final Database database;
  private final CsirtSettings csirt;
  private final fr.vigie.tickets.internal.Transitions transitions;
  private final List<RelatedTickets> links;

  Tickets(
      TicketStore store,
      Database database,
      CsirtSettings csirt,
      fr.vigie.tickets.internal.Transitions transitions,
      List<RelatedTickets> links) {
    this.store = store;
    this.database = database;
    this.csirt = csirt;
    this.transitions = transitions;
    this.links = List.copyOf(links);
  }

  /**
   * Changes a ticket's status inside the caller's transaction (another module's change, e.g. a
   * referral proposed or engaged), when the life cycle allows it. False, with nothing written, when
   * it does not or there is no such ticket; the caller decides whether that matters.
   */
  public boolean moveIn(
      Connection connection, String reference, TicketStatus to, String reason, String actor)
      throws SQLException {
    return transitions.moveIn(connection, reference, to, reason, actor);
  }

  /** Opens a ticket inside the caller's transaction (the one that stores the raw report). */
  public OpenedTicket open(Connection connection, NewTicket ticket) throws SQLException {
    int year = ticket.receivedAt().atZone(csirt.zone()).getYear();
    return store.open(connection, ticket, csirt.referencePrefix(), year);
  }

  public Page<TicketSummary> page(TicketQuery query) {
    return database.read(
        c ->
            new Page<>(
                store.page(c, query),
                query.page().page(),
                query.page().size(),
                store.count(c, query)));
  }

  /**
   * Applies an analyst's triage override and records it on the timeline, in one transaction. Empty
   * when there is no such ticket.
   */
  public Optional<TicketDetail> overrideTriage(
      String reference, Classification.Override change, Integer expectedVersion) {
    boolean found =
        database.inTransaction(c -> store.overrideTriage(c, reference, change, expectedVersion));
    return found ? detail(reference) : Optional.empty();
  }

  /** Promotes a signalement with its new triage, in one transaction; empty if no such ticket. */
  public Optional<TicketDetail> promote(
      String reference,
      Classification triage,
      String reason,
      String actor,
      java.time.Instant now,
      Integer expectedVersion) {
    boolean found =
        database.inTransaction(
            c -> store.promote(c, reference, triage, reason, actor, now, expectedVersion));
    return found ? detail(reference) : Optional.empty();
  }

  /** The entity tag of a ticket version, e.g. {@code "v3"} (optimistic locking). */
  public static String etag(int version) {
    return fr.vigie.tickets.internal.Versions.etag(version);
  }

  /** The version an {@code If-Match} header names; null when absent. 400 when malformed. */
  public static Integer ifMatch(String header) {
    return fr.vigie.tickets.internal.Versions.parseIfMatch(header);
  }

  /**
   * The ticket as the staff see it, with the tickets linked to it ({@link RelatedTickets}: by
   * reference, victim category and département only), read in the same transaction.
   */
  public Optional<TicketDetail> detail(String reference) {
    return database.read(
        c -> {
          Optional<TicketStore.Found> found = store.byReference(c, reference);
          if (found.isEmpty()) {
            return Optional.<TicketDetail>empty();
          }
          Map<String, RelatedTicket> related = new LinkedHashMap<>();
          for (RelatedTickets source : links) {
            for (RelatedTicket r : source.of(c, reference)) {
              related.putIfAbsent(r.reference(), r);
            }
          }
          return Optional.of(found.get().detail().withRelated(List.copyOf(related.values())));
        });
  }

  /**
   * The ticket when {@code tokenHash} is its follow-up token's hash. Looked up by reference and
   * token hash together (issue 16, finding 4): a wrong token and an unknown reference are the same
   * query finding no row, with no ticket loaded, so the time taken tells nothing either.
   *
   * <p>A merged duplicate's token shows its own report (victim, contact, description, deadlines)
   * with the status of the case it joined, never the survivor's reporter, words or identity
   * (finding 3).
   */
  public Optional<TicketDetail> detailForVictim(String reference, byte[] tokenHash) {
    Optional<TicketStore.Found> found =
        database.read(c -> store.byReferenceAndToken(c, reference, tokenHash));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TicketDetail own = found.get().detail();
    if (own.status() != TicketStatus.MERGED) {
      return Optional.of(own);
    }
    TicketStatus joined =
        database
            .read(c -> store.survivor(c, reference))
            .flatMap(this::detail)
            .map(TicketDetail::status)
            .orElse(TicketStatus.MERGED);
    return Optional.of(withStatus(own, joined));
  }

  private static TicketDetail withStatus(TicketDetail t, TicketStatus status) {
    return new TicketDetail(
        t.reference(),
        status,
        t.kind(),
        t.severity(),
        t.rsitClass(),
        t.rsitType(),
        t.tlp(),
        t.assignee(),
        t.receivedAt(),
        t.createdAt(),
        t.updatedAt(),
        t.version(),
        t.victim(),
        t.contact(),
        t.incident(),
        t.triage(),
        t.triageOverride(),
        t.clocks(),
        t.referrals(),
        List.of());
  }
}
