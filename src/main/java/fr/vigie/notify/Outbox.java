package fr.vigie.notify;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

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

  Outbox(JsonMapper json) {
    this.json = json;
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
              payload, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
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
      return s.executeUpdate() == 1;
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
