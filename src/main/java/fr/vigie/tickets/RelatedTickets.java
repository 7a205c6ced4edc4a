package fr.vigie.tickets;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Which other tickets a ticket is linked to, for the ticket page ({@link TicketDetail#related()}).
 * Owned by the tickets module and implemented by the module that knows the links (observables:
 * tickets sharing a normal form), so the tickets module never depends on it and the modules form no
 * cycle. Implementations only read, with the connection they are given.
 */
public interface RelatedTickets {

  /** The tickets linked to {@code reference}, oldest first; empty when none or no such ticket. */
  List<RelatedTicket> of(Connection connection, String reference) throws SQLException;
}
