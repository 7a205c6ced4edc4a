package fr.vigie.clocks;

import fr.vigie.clocks.internal.ClockStore;
import fr.vigie.tickets.TicketChangeListener;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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

  ClockRules rules() {
    return rules;
  }
}
