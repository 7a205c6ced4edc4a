package fr.vigie.mail;

import fr.vigie.notify.Outbox;
import fr.vigie.tickets.NewTicket;
import fr.vigie.tickets.TicketChangeListener;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The e-mails a message on the timeline causes, queued in the same transaction (DESIGN.md §13):
 *
 * <ul>
 *   <li>an analyst's message to the victim goes to the contact's address, with the reference in the
 *       subject and threading headers ({@code In-Reply-To} the victim's latest e-mail, else Vigie's
 *       latest to the victim; {@code References} the whole thread), never the follow-up token. The
 *       text is read from the timeline when it is sent, not copied into the outbox;
 *   <li>a victim's message, from the follow-up page or by e-mail, tells the assignee, or the
 *       analysts when nobody is assigned, that there is something to read (no text in it).
 * </ul>
 */
@Singleton
final class VictimMail implements TicketChangeListener {

  private static final int MAX_REFERENCES = 20;

  private final Outbox outbox;

  VictimMail(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void opened(Connection connection, long ticketId, NewTicket ticket) {
    // a new ticket's only event is its intake
  }

  @Override
  public void changed(Connection c, long ticketId) throws SQLException {
    long eventId;
    String type;
    OffsetDateTime at;
    String channel;
    try (var s =
        c.prepareStatement(
            "SELECT id, type, at, details->>'channel' FROM ticket_event WHERE ticket_id = ?"
                + " ORDER BY id DESC LIMIT 1")) {
      s.setLong(1, ticketId);
      try (var rows = s.executeQuery()) {
        if (!rows.next()) {
          return;
        }
        eventId = rows.getLong(1);
        type = rows.getString(2);
        at = rows.getObject(3, OffsetDateTime.class);
        channel = rows.getString(4);
      }
    }
    if ("MESSAGE_TO_VICTIM".equals(type)) {
      toVictim(c, ticketId, eventId, at);
    } else if ("MESSAGE_FROM_VICTIM".equals(type)) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("channel", channel == null ? "WEB" : channel);
      outbox.add(
          c,
          "victim-message-received:" + eventId,
          Outbox.Channel.EMAIL,
          "VICTIM_MESSAGE_RECEIVED",
          ticketId,
          assigneeOrAnalysts(c, ticketId),
          payload,
          at.toInstant());
    }
  }

  private void toVictim(Connection c, long ticketId, long eventId, OffsetDateTime at)
      throws SQLException {
    try (var s = c.prepareStatement("SELECT email FROM contact WHERE ticket_id = ?")) {
      s.setLong(1, ticketId);
      try (var rows = s.executeQuery()) {
        if (!rows.next() || rows.getString(1) == null || rows.getString(1).isBlank()) {
          return; // no address: the follow-up page is the only way
        }
      }
    }
    List<String> thread = new ArrayList<>(outbox.contactThread(c, ticketId));
    String lastInbound = null;
    try (var s =
        c.prepareStatement(
            "SELECT message_id FROM mail_message WHERE ticket_id = ? AND outcome IN"
                + " ('NEW_TICKET', 'REPLY') AND message_id NOT LIKE '%@sans-message-id.invalid>'"
                + " ORDER BY id")) {
      s.setLong(1, ticketId);
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          lastInbound = rows.getString(1);
          thread.add(lastInbound);
        }
      }
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("eventId", eventId);
    String inReplyTo =
        lastInbound != null ? lastInbound : thread.isEmpty() ? null : thread.get(thread.size() - 1);
    if (inReplyTo != null) {
      payload.put("inReplyTo", inReplyTo);
      List<String> refs =
          thread.size() <= MAX_REFERENCES
              ? thread
              : thread.subList(thread.size() - MAX_REFERENCES, thread.size());
      payload.put("references", String.join(" ", refs));
    }
    outbox.add(
        c,
        "victim-message:" + eventId,
        Outbox.Channel.EMAIL,
        "VICTIM_MESSAGE",
        ticketId,
        Outbox.Recipient.contactOf(ticketId),
        payload,
        at.toInstant());
  }

  private static Outbox.Recipient assigneeOrAnalysts(Connection c, long ticketId)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT u.username FROM ticket t JOIN app_user u ON u.id = t.assignee_id"
                + " WHERE t.id = ?")) {
      s.setLong(1, ticketId);
      try (var rows = s.executeQuery()) {
        return rows.next()
            ? Outbox.Recipient.user(rows.getString(1))
            : Outbox.Recipient.role("ANALYST");
      }
    }
  }
}
