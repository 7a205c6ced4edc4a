package fr.vigie.audit;

import fr.vigie.db.Database;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Appends to the audit log. This is the API other modules call:
 *
 * <ul>
 *   <li>a write: {@link #record(Connection, String, String, String, Map)} inside the writer's own
 *       transaction, so the change and its trace are committed together or not at all;
 *   <li>a read of personal data (a ticket page, a contact, a provider's view of a referral, an
 *       export): {@link #record(String, String, String, Map)} after the data is read and before it
 *       is answered, so nothing is shown without its trace (if the log cannot be written, the
 *       request fails).
 * </ul>
 *
 * <p>Ticket changes need no call: each timeline event is audited by a trigger in the same
 * transaction (migration V8, action = the event's type, target {@code ticket:<reference>}).
 *
 * <p>{@code actor} is a username, {@code victim} (the holder of a follow-up token) or {@code
 * vigie:…} for a job; {@code action} is an upper-case verb phrase ({@code TICKET_VIEWED}, {@code
 * USER_UPDATED}); {@code target} names what was touched ({@code ticket:BZH-2026-000042}, {@code
 * user:alice}, {@code referral:17}). {@code details} must never hold personal data (no names,
 * e-mail addresses, free text): the log is kept for ever and retention cannot purge it. Writing
 * takes no lock; the chain is sealed afterwards by {@code AuditSealer}.
 */
@Singleton
public final class Audit {

  private static final String INSERT =
      "INSERT INTO audit_event (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?::jsonb)";

  private final Database database;
  private final Clock clock;
  private final JsonMapper json;

  Audit(Database database, Clock clock, JsonMapper json) {
    this.database = database;
    this.clock = clock;
    this.json = json;
  }

  /** Appends an entry inside the caller's transaction. */
  public void record(
      Connection c, String actor, String action, String target, Map<String, ?> details)
      throws SQLException {
    try (var insert = c.prepareStatement(INSERT)) {
      insert.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
      insert.setString(2, bounded(actor));
      insert.setString(3, action);
      insert.setString(4, bounded(target));
      insert.setString(5, write(details));
      insert.executeUpdate();
    }
  }

  /**
   * Appends an entry in its own transaction (a read of personal data). Not for a {@code HEAD}
   * request: the framework runs the {@code GET} handler for it but sends no body, so nothing was
   * shown (issue 16, finding 1: a {@code HEAD} loop wrote one entry each into a log never deleted).
   */
  public void record(String actor, String action, String target, Map<String, ?> details) {
    if (ServerRequestContext.currentRequest()
        .map(r -> r.getMethod() == HttpMethod.HEAD)
        .orElse(false)) {
      return;
    }
    database.inTransaction(
        c -> {
          record(c, actor, action, target, details);
          return null;
        });
  }

  private String write(Map<String, ?> details) {
    try {
      return json.writeValueAsString(details == null ? Map.of() : details);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String bounded(String value) {
    String v = value == null || value.isEmpty() ? "?" : value;
    return v.length() <= 200 ? v : v.substring(0, 200);
  }
}
