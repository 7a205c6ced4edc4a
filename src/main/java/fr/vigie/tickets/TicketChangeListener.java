package fr.vigie.tickets;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told, inside the writer's transaction, that a ticket's history or facts changed (an event was
 * recorded, its status, severity or triage changed). The clocks module recomputes the ticket's
 * clocks from its history here, so a due time is never out of step with the events it comes from.
 * Implementations must only use the connection they are given.
 */
public interface TicketChangeListener {

  void changed(Connection connection, long ticketId) throws SQLException;
}
