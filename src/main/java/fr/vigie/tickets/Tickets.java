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
  private final fr.vigie.tickets.internal.Assignment assignment;
  private final fr.vigie.tickets.internal.Merges merges;

  Tickets(
      TicketStore store,
      Database database,
      CsirtSettings csirt,
      fr.vigie.tickets.internal.Transitions transitions,
      List<RelatedTickets> links,
      fr.vigie.tickets.internal.Assignment assignment,
      fr.vigie.tickets.internal.Merges merges) {
    this.store = store;
    this.database = database;
    this.csirt = csirt;
    this.transitions = transitions;
    this.links = List.copyOf(links);
    this.assignment = assignment;
    this.merges = merges;
  }

  /**
   * The queue's filters read exactly as {@code GET /api/v1/tickets} reads them (400 naming the
   * parameter for an unknown value), for the console's page, whose URL carries them in French.
   */
  public static TicketQuery queueQuery(
      java.util.List<String> status,
      String severity,
      String kind,
      String assignee,
      String unassigned,
      String departement,
      String threat,
      String q,
      String sort,
      Page.Request page) {
    return QueueParameters.parse(
        status, severity, kind, assignee, unassigned, departement, threat, q, sort, page);
  }

  /** How many tickets match (capped like the queue's total), without reading them. */
  public long count(TicketQuery query) {
    return database.read(c -> store.count(c, query));
  }

  /**
   * Open tickets per status under the query's other filters (its statuses are ignored): one capped
   * count per status when nothing else filters (the status index answers each at once), otherwise
   * one grouped pass over the matching open tickets (the partial indexes of open tickets find
   * them). Statuses with no ticket are absent.
   */
  public java.util.Map<TicketStatus, Long> openCounts(TicketQuery query) {
    boolean filtered =
        query.severity() != null
            || query.kind() != null
            || query.assignee() != null
            || query.unassigned()
            || query.departement() != null
            || query.threat() != null
            || query.text() != null;
    TicketQuery open =
        new TicketQuery(
            TicketQuery.OPEN,
            query.severity(),
            query.kind(),
            query.assignee(),
            query.unassigned(),
            query.departement(),
            query.threat(),
            query.text(),
            query.sort(),
            query.page());
    if (filtered) {
      return database.read(c -> store.openCounts(c, open));
    }
    java.util.Map<TicketStatus, Long> counts = new java.util.EnumMap<>(TicketStatus.class);
    for (TicketStatus s : TicketQuery.OPEN) {
      counts.put(
          s,
          count(
              new TicketQuery(
                  java.util.EnumSet.of(s),
                  null,
                  null,
                  null,
                  false,
                  null,
                  null,
                  null,
                  query.sort(),
                  query.page())));
    }
    return counts;
  }

  /** The TLP of each of these tickets (the queue's lines do not carry it), by reference. */
  public java.util.Map<String, String> tlps(java.util.Collection<String> references) {
    if (references.isEmpty()) {
      return java.util.Map.of();
    }
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement("SELECT reference, tlp FROM ticket WHERE reference = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", references.toArray()));
            java.util.Map<String, String> tlps = new java.util.HashMap<>();
            try (var rows = s.executeQuery()) {
              while (rows.next()) {
                tlps.put(rows.getString(1), rows.getString(2));
              }
            }
            return tlps;
          }
        });
  }

  /**
   * A status change as {@code POST /api/v1/tickets/{reference}/transitions} makes it (same checks:
   * 409 for the life cycle, 412 for a stale {@code expectedVersion}, 422 for a missing field).
   * False when there is no such ticket.
   */
  public boolean transition(
      String reference, TransitionRequest request, Integer expectedVersion, String actor) {
    return transitions.apply(reference, request, expectedVersion, actor);
  }

  /** Assigns the ticket as {@code POST …/assign} does (null gives it back); false if none. */
  public boolean assign(String reference, String assignee, Integer expectedVersion, String actor) {
    return assignment.assign(reference, assignee, expectedVersion, actor);
  }

  /** Who a ticket can be given to (enabled analysts, coordinators, administrators), by name. */
  public List<String> assignees() {
    return assignment.assignees(500);
  }

  /**
   * Merges the duplicate {@code reference} into {@code into} as {@code POST …/merge} does (422 for
   * two different victims unless confirmed, 412 for a stale version); false if either is missing.
   */
  public boolean merge(
      String reference,
      String into,
      boolean confirmDifferentVictims,
      Integer expectedVersion,
      String actor) {
    return merges.merge(reference, into, confirmDifferentVictims, expectedVersion, actor);
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

  /**
   * Corrects a ticket's victim and incident facts and applies the triage computed again from them
   * (orientations replaced, new legal deadlines added, existing ones kept in their state, an
   * analyst's severity override kept), with a {@code FACTS_CORRECTED} event, in one transaction.
   * The facts were read at {@code expectedVersion}: 412 if the ticket has moved since. Empty when
   * there is no such ticket.
   */
  public Optional<TicketDetail> correctFacts(
      String reference, CorrectedFacts facts, int expectedVersion) {
    boolean found =
        database.inTransaction(c -> store.correctFacts(c, reference, facts, expectedVersion));
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
