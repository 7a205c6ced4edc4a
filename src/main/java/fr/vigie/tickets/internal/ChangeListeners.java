package fr.vigie.tickets.internal;

import fr.vigie.tickets.TicketChangeListener;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Every {@link TicketChangeListener}, called in the writer's transaction after a change. */
@Singleton
public final class ChangeListeners {

  private final List<TicketChangeListener> listeners;

  ChangeListeners(List<TicketChangeListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** The earliest first due time the listeners give for a new ticket, or null. */
  public java.time.Instant firstDue(fr.vigie.tickets.NewTicket ticket) {
    java.time.Instant first = null;
    for (TicketChangeListener listener : listeners) {
      java.time.Instant due = listener.firstDue(ticket);
      if (due != null && (first == null || due.isBefore(first))) {
        first = due;
      }
    }
    return first;
  }

  public void opened(Connection c, long ticketId, fr.vigie.tickets.NewTicket ticket)
      throws SQLException {
    for (TicketChangeListener listener : listeners) {
      listener.opened(c, ticketId, ticket);
    }
  }

  public void changed(Connection c, long ticketId) throws SQLException {
    for (TicketChangeListener listener : listeners) {
      listener.changed(c, ticketId);
    }
  }
}
