package fr.vigie.notify;

import fr.vigie.tickets.NewTicket;
import fr.vigie.tickets.TicketChangeListener;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * When a victim gives an e-mail address, a receipt goes to it: the reference and the first-aid
 * advice for the threat (never the follow-up token, which only the intake answer carries). The
 * address is not copied into the outbox: it is read from the contact when the e-mail is sent.
 */
@Singleton
final class VictimReceipt implements TicketChangeListener {

  private final Outbox outbox;

  VictimReceipt(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void changed(Connection connection, long ticketId) {
    // only new tickets get a receipt
  }

  @Override
  public void opened(Connection connection, long ticketId, NewTicket ticket) throws SQLException {
    if (ticket.contact() == null
        || ticket.contact().email() == null
        || ticket.contact().email().isBlank()) {
      return;
    }
    outbox.add(
        connection,
        "receipt:" + ticketId,
        Outbox.Channel.EMAIL,
        "VICTIM_RECEIPT",
        ticketId,
        Outbox.Recipient.contactOf(ticketId),
        Map.of("threat", ticket.incident().threat().name()),
        ticket.receivedAt());
  }
}
