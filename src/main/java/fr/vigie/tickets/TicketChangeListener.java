package fr.vigie.tickets;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told, inside the writer's transaction, that a ticket's history or facts changed (an event was
 * recorded, its status, severity or triage changed). The clocks module recomputes the ticket's
 * clocks from its history here, so a due time is never out of step with the events it comes from;
 * it also writes a new ticket's clock rows, regulatory ones included ({@link #opened}).
 * Implementations must only use the connection they are given.
 */
public interface TicketChangeListener {

  void changed(Connection connection, long ticketId) throws SQLException;

  /**
   * A ticket was just opened from {@code ticket}, its first event written in this transaction.
   * Everything about it is in hand, so an implementation may skip reading it back (the intake path
   * is the hot one); by default it is handled as any change.
   */
  /**
   * Before a ticket is inserted: the earliest due time among the clocks it will have, so the ticket
   * row is written once with its queue key. Null when this listener has no say.
   */
  default java.time.Instant firstDue(NewTicket ticket) {
    return null;
  }

  default void opened(Connection connection, long ticketId, NewTicket ticket) throws SQLException {
    changed(connection, ticketId);
  }
}
