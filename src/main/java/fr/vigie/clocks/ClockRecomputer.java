package fr.vigie.clocks;

import fr.vigie.clocks.internal.ClockStore;
import fr.vigie.tickets.Classification;
import fr.vigie.tickets.NewTicket;
import fr.vigie.tickets.TicketChangeListener;
import fr.vigie.tickets.TicketStatus;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recomputes a ticket's clocks from its whole history each time the ticket changes, in the writer's
 * transaction (DESIGN.md §7): due times are replayed, never patched, so the stored {@code
 * clock.due_at} always equals what the history gives.
 */
@Singleton
public final class ClockRecomputer implements TicketChangeListener {

  private final ClockRules rules;
  private final BusinessCalendar calendar;
  private final Clock clock;
  private final JsonMapper json;

  ClockRecomputer(BusinessCalendar calendar, SlaTargets targets, Clock clock, JsonMapper json) {
    this.rules = new ClockRules(calendar, targets::of);
    this.calendar = calendar;
    this.clock = clock;
    this.json = json;
  }

  @Override
  public void changed(Connection c, long ticketId) throws SQLException {
    var history = ClockStore.history(c, ticketId);
    if (history.isEmpty()) {
      return;
    }
    var stored = ClockStore.lock(c, ticketId);
    List<ClockRules.Computed> clocks = new ArrayList<>(rules.sla(history.get()));
    clocks.addAll(rules.regulatory(history.get(), ClockStore.legal(stored), calendar.zone()));
    ClockStore.save(c, ticketId, clocks, stored, clock.instant(), json);
  }

  /**
   * A new ticket: its history is the one event just written (the report received), so its clocks
   * are computed from what intake handed over and written in one statement, without reading the
   * ticket back. {@code ClocksIT} checks this gives what a replay of the stored history gives.
   */
  /** A new ticket's clocks, from what intake hands over (its history is the report received). */
  private List<ClockRules.Computed> computeNew(NewTicket ticket) {
    Classification triage = ticket.classification();
    TicketStatus status = triage.initialStatus();
    Map<String, String> received = new java.util.HashMap<>();
    received.put("status", status.name());
    if (triage.severity() != null) {
      received.put("severity", triage.severity().name());
    }
    var history =
        new ClockRules.History(
            ticket.receivedAt(),
            status,
            triage.severity(),
            FrenchHolidays.isAlsaceMoselle(ticket.victim().departement()),
            List.of(
                new ClockRules.Event(
                    ticket.receivedAt(), ticket.actor(), "REPORT_RECEIVED", received)));
    Instant aware = ticket.incident().discoveredAt().toInstant();
    List<ClockRules.LegalClock> legal =
        triage.deadlines().stream()
            .map(d -> new ClockRules.LegalClock(d.code().name(), aware, d.dueAt().toInstant()))
            .toList();
    List<ClockRules.Computed> clocks = new ArrayList<>(rules.sla(history));
    clocks.addAll(rules.regulatory(history, legal, calendar.zone()));
    return clocks;
  }

  @Override
  public Instant firstDue(NewTicket ticket) {
    return ClockStore.nextDue(computeNew(ticket));
  }

  /**
   * A new ticket: every clock (SLA and regulatory) computed from what intake handed over and
   * inserted in one statement, without reading the ticket back; the ticket row was written with
   * {@link #firstDue}. {@code ClocksIT} checks this gives what a replay of the stored history
   * gives.
   */
  @Override
  public void opened(Connection c, long ticketId, NewTicket ticket) throws SQLException {
    ClockStore.insertNew(c, ticketId, computeNew(ticket), clock.instant(), json);
  }

  ClockRules rules() {
    return rules;
  }
}
