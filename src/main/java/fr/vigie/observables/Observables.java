package fr.vigie.observables;

import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.notify.Outbox;
import fr.vigie.observables.internal.CampaignStore;
import fr.vigie.observables.internal.Normalizer;
import fr.vigie.observables.internal.ObservableStore;
import fr.vigie.observables.internal.ObservableStore.TicketFacts;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.NewTicket;
import fr.vigie.tickets.ObservableType;
import fr.vigie.tickets.RelatedTicket;
import fr.vigie.tickets.RelatedTickets;
import fr.vigie.tickets.TicketChangeListener;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Observables of tickets: taken from the report when a ticket opens (in its transaction), added,
 * tagged and retracted by analysts, and correlated; each change may open or grow a campaign, whose
 * opening alerts the coordinators once through the outbox. A victim's own e-mail address and phone
 * number never become observables of its ticket. The ticket page's links come from here too ({@link
 * RelatedTickets}, an interface of the tickets module: the tickets module does not depend on this
 * one).
 */
@Singleton
public final class Observables implements TicketChangeListener, RelatedTickets {

  static final String SYSTEM = "vigie:observables";

  private final Database database;
  private final Audit audit;
  private final Outbox outbox;
  private final Clock clock;
  private final CampaignSettings settings;
  private final Sharing sharing;

  Observables(
      Database database,
      Audit audit,
      Outbox outbox,
      Clock clock,
      CampaignSettings settings,
      Sharing sharing) {
    this.sharing = sharing;
    this.database = database;
    this.audit = audit;
    this.outbox = outbox;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public void changed(Connection connection, long ticketId) {
    // Nothing: observables change through this service only.
  }

  @Override
  public void opened(Connection c, long ticketId, NewTicket ticket) throws SQLException {
    List<Incident.Observable> given = ticket.incident().observables();
    if (given == null || given.isEmpty()) {
      return;
    }
    List<String> own = new ArrayList<>();
    if (ticket.contact() != null) {
      ObservableStore.contactValue(ObservableType.EMAIL, ticket.contact().email(), own);
      ObservableStore.contactValue(ObservableType.PHONE, ticket.contact().phone(), own);
    }
    Instant now = ticket.receivedAt();
    int kept = 0;
    for (Incident.Observable o : given) {
      if (o.value() == null || o.value().isBlank()) {
        continue;
      }
      Normalizer.Result n = Normalizer.normalize(o.type(), o.value());
      if (n.valid() && own.contains(o.type() + ":" + n.value())) {
        continue;
      }
      if (!n.valid() && o.value().length() > Normalizer.MAX_RAW) {
        continue;
      }
      // A victim's value that does not normalise is kept as given, for an analyst to fix.
      ObservableStore.insert(
          c,
          ticketId,
          new ObservableStore.Insert(
              o.type(), o.value().strip(), n, Tlp.AMBER, List.of(), "REPORT", ticket.actor()),
          now);
      kept++;
    }
    if (kept > 0) {
      TicketFacts facts = ObservableStore.ticket(c, ticketId).orElseThrow();
      campaigns(c, facts, now);
      sharing.changed(c, facts.id(), facts.reference(), "joined:" + facts.id(), now);
    }
  }

  /**
   * The ticket page's links (issue 21): the tickets sharing a normal form with {@code reference},
   * by reference, victim category and département only.
   */
  @Override
  public List<RelatedTicket> of(Connection c, String reference) throws SQLException {
    return ObservableStore.related(c, reference);
  }

  /** A ticket's observables with their correlations; empty when there is no such ticket. */
  public Optional<TicketObservables> list(String reference, String actor) {
    Optional<TicketObservables> view =
        database.read(
            c -> {
              Optional<TicketFacts> t = ObservableStore.ticket(c, reference);
              return t.isEmpty() ? Optional.empty() : Optional.of(ObservableStore.view(c, t.get()));
            });
    // Raw forms may hold personal data (an address, a phone number): the read is audited.
    view.ifPresent(
        v ->
            audit.record(
                actor,
                "OBSERVABLES_VIEWED",
                "ticket:" + reference,
                Map.of("count", v.items().size())));
    return view;
  }

  /** What an analyst adds. */
  public record Addition(ObservableType type, String value, Tlp tlp, List<String> tags) {}

  /** Adds an observable (422 with the field when it does not normalise or is the victim's own). */
  public Optional<ObservableView> add(String reference, Addition a, String actor) {
    Normalizer.Result n = Normalizer.normalize(a.type(), a.value());
    if (!n.valid()) {
      throw ProblemException.invalid(List.of(new FieldError("value", n.problem())));
    }
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          Optional<TicketFacts> found = ObservableStore.ticket(c, reference);
          if (found.isEmpty()) {
            return Optional.<ObservableView>empty();
          }
          TicketFacts t = found.get();
          if (ObservableStore.contactValues(c, t.id()).contains(a.type() + ":" + n.value())) {
            throw ProblemException.invalid(
                List.of(
                    new FieldError(
                        "value", "is the victim's own contact detail, never an observable")));
          }
          Tlp tlp = a.tlp() != null ? a.tlp() : ticketTlp(t);
          Optional<Long> id =
              ObservableStore.insert(
                  c,
                  t.id(),
                  new ObservableStore.Insert(
                      a.type(), a.value().strip(), n, tlp, a.tags(), "ANALYST", actor),
                  now);
          if (id.isEmpty()) {
            throw new ProblemException(
                io.micronaut.http.HttpStatus.CONFLICT,
                "Ce dossier porte déjà cet observable.",
                List.of(new FieldError("value", "already an observable of this ticket")));
          }
          audit.record(
              c,
              actor,
              "OBSERVABLE_ADDED",
              "ticket:" + reference,
              Map.of("observable", id.get(), "type", a.type().name(), "tlp", tlp.name()));
          campaigns(c, t, now);
          sharing.changed(c, t.id(), reference, "observable:" + id.get(), now);
          return find(c, t, id.get());
        });
  }

  /** Tags, re-marks or retracts an observable; empty when the ticket or observable is unknown. */
  public Optional<ObservableView> update(
      String reference,
      long id,
      List<String> tags,
      Tlp tlp,
      boolean retract,
      String reason,
      String actor) {
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          Optional<TicketFacts> found = ObservableStore.ticket(c, reference);
          if (found.isEmpty()
              || !ObservableStore.update(
                  c, found.get().id(), id, tags, tlp, retract, reason, actor, now)) {
            return Optional.<ObservableView>empty();
          }
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("observable", id);
          if (tags != null) {
            details.put("tags", tags.size());
          }
          if (tlp != null) {
            details.put("tlp", tlp.name());
          }
          audit.record(
              c,
              actor,
              retract ? "OBSERVABLE_RETRACTED" : "OBSERVABLE_UPDATED",
              "ticket:" + reference,
              details);
          return find(c, found.get(), id);
        });
  }

  private static Optional<ObservableView> find(Connection c, TicketFacts t, long id)
      throws SQLException {
    return ObservableStore.view(c, t).items().stream().filter(o -> o.id() == id).findFirst();
  }

  static Tlp ticketTlp(TicketFacts t) {
    Tlp tlp = Tlp.parse(t.tlp());
    return tlp == null ? Tlp.AMBER : tlp;
  }

  /** Runs detection for the ticket and alerts the coordinators of each campaign it opened. */
  private void campaigns(Connection c, TicketFacts t, Instant now) throws SQLException {
    for (CampaignStore.Outcome o :
        CampaignStore.detect(c, t, settings.threshold(), settings.window(), SYSTEM, now)) {
      if (!o.opened()) {
        continue;
      }
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("campaign", o.campaignId());
      payload.put("tickets", o.tickets());
      payload.put("threat", t.threat());
      payload.put("departement", t.departement());
      outbox.add(
          c,
          "campaign-opened:" + o.campaignId(),
          Outbox.Channel.EMAIL,
          "CAMPAIGN_OPENED",
          null,
          Outbox.Recipient.role("COORDINATOR"),
          payload,
          now);
      audit.record(
          c,
          SYSTEM,
          "CAMPAIGN_OPENED",
          "campaign:" + o.campaignId(),
          Map.of("tickets", o.tickets(), "trigger", t.reference()));
    }
  }
}
