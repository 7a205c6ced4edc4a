package fr.vigie.notify;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a message to send into the caller's transaction: it exists if and only if what caused it
 * committed. {@code dedupKey} makes it exist at most once, however often the cause is replayed.
 * Recipients are resolved when delivered ({@link Recipient}), so a purged contact is never written
 * to.
 */
@Singleton
public final class Outbox {

  public enum Channel {
    EMAIL,
    WEBHOOK,
    /** A push to the MISP instance, delivered by the observables module's courier. */
    MISP
  }

  /** Who receives a message, as stored: resolved to addresses by the dispatcher. */
  public record Recipient(String key, Object value) {
    public static Recipient user(String username) {
      return new Recipient("user", username);
    }

    public static Recipient role(String role) {
      return new Recipient("role", role);
    }

    public static Recipient provider(long id) {
      return new Recipient("provider", id);
    }

    /** The ticket's contact person, read from the contact table when the message is sent. */
    public static Recipient contactOf(long ticketId) {
      return new Recipient("contact", ticketId);
    }
  }

  private final JsonMapper json;
  private final String domain;

  Outbox(JsonMapper json, NotifySettings settings) {
    this.json = json;
    int at = settings.from.lastIndexOf('@');
    String d = at < 0 ? "" : settings.from.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
    this.domain = d.isEmpty() ? "vigie.invalid" : d;
  }

  /** True when written, false when a message with this key already exists. */
  public boolean add(
      Connection c,
      String dedupKey,
      Channel channel,
      String topic,
      Long ticketId,
      Recipient recipient,
      Map<String, Object> payload,
      Instant now)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            INSERT INTO outbox (created_at, dedup_key, channel, topic, ticket_id, recipient,
              payload, next_attempt_at, message_id)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
            ON CONFLICT (dedup_key) DO NOTHING
            """)) {
      s.setObject(1, now.atOffset(ZoneOffset.UTC));
      s.setString(2, dedupKey);
      s.setString(3, channel.name());
      s.setString(4, topic);
      s.setObject(5, ticketId);
      s.setString(6, write(Map.of(recipient.key(), recipient.value())));
      s.setString(7, write(payload));
      s.setObject(8, now.atOffset(ZoneOffset.UTC));
      // Chosen now, not at delivery: a retry sends the same Message-ID, and a reply's
      // In-Reply-To finds the ticket whether or not the first attempt was recorded.
      s.setString(9, channel == Channel.EMAIL ? newMessageId() : null);
      return s.executeUpdate() == 1;
    }
  }

  /** A fresh {@code Message-ID}: 128 random bits at the sender's domain. */
  String newMessageId() {
    return "<" + UUID.randomUUID() + "@" + domain + ">";
  }

  /**
   * The Message-IDs of the e-mails queued for the ticket's contact (the receipt, the analysts'
   * messages), oldest first: the thread a reply or an answer belongs to.
   */
  public List<String> contactThread(Connection c, long ticketId) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT message_id FROM outbox WHERE ticket_id = ? AND message_id IS NOT NULL"
                + " AND jsonb_exists(recipient, 'contact') ORDER BY id")) {
      s.setLong(1, ticketId);
      List<String> ids = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    }
  }

  /** The ticket of an e-mail Vigie sent with one of these Message-IDs, if any. */
  public Optional<Long> ticketOfSent(Connection c, Collection<String> messageIds)
      throws SQLException {
    if (messageIds.isEmpty()) {
      return Optional.empty();
    }
    try (var s =
        c.prepareStatement(
            "SELECT ticket_id FROM outbox WHERE message_id = ANY (?) AND ticket_id IS NOT NULL"
                + " ORDER BY id DESC LIMIT 1")) {
      s.setArray(1, c.createArrayOf("text", messageIds.toArray()));
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
      }
    }
  }

  private String write(Map<String, Object> value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
