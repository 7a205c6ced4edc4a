package fr.vigie.mail;

import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.tickets.Activity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The e-mails that waited for review (DESIGN.md §13: a reply naming a ticket, not from its
 * contact's address) and what an analyst decides about each, from the API or the console: join it
 * to its ticket as the victim's message (the sender is said in it), or set it aside with a reason.
 * A review is decided once; both are audited.
 */
@Singleton
public final class MailReviews {

  /** Longest reason for setting an e-mail aside. */
  public static final int MAX_REASON = 1_000;

  /** A review's columns, in the order {@link #review} reads them. */
  private static final String SELECT =
      "SELECT r.id, t.reference, r.received_at, r.reason, r.sender, r.subject, r.body,"
          + " r.attachments, r.decision, r.decided_at, r.decided_by"
          + " FROM mail_review r JOIN ticket t ON t.id = r.ticket_id";

  /** A reviewed e-mail; {@code decision} null while it waits. */
  @Serdeable
  public record Review(
      long id,
      String reference,
      Instant receivedAt,
      String reason,
      @Nullable String sender,
      @Nullable String subject,
      @Nullable String text,
      int attachments,
      @Nullable String decision,
      @Nullable Instant decidedAt,
      @Nullable String decidedBy) {}

  private final Database database;
  private final Activity activity;
  private final Audit audit;
  private final Clock clock;

  MailReviews(Database database, Activity activity, Audit audit, Clock clock) {
    this.database = database;
    this.activity = activity;
    this.audit = audit;
    this.clock = clock;
  }

  /** Reviews newest first ({@code pendingOnly}: those still waiting), audited as a read. */
  public List<Review> page(int page, int size, boolean pendingOnly, String actor) {
    List<Review> reviews =
        database.read(
            c -> {
              try (var s =
                  c.prepareStatement(
                      SELECT
                          + (pendingOnly ? " WHERE r.decision IS NULL" : "")
                          + " ORDER BY r.received_at DESC, r.id DESC LIMIT ? OFFSET ?")) {
                s.setInt(1, size);
                s.setLong(2, (long) page * size);
                List<Review> out = new ArrayList<>();
                try (var rows = s.executeQuery()) {
                  while (rows.next()) {
                    out.add(review(rows));
                  }
                }
                return out;
              }
            });
    audit.record(
        actor,
        "MAIL_REVIEWS_VIEWED",
        "mail:reviews",
        Map.of("page", page, "ids", reviews.stream().map(Review::id).toList()));
    return reviews;
  }

  /** How many reviews there are ({@code pendingOnly}: still waiting). */
  public long count(boolean pendingOnly) {
    return database.read(
        c -> {
          try (var s =
                  c.prepareStatement(
                      "SELECT count(*) FROM mail_review"
                          + (pendingOnly ? " WHERE decision IS NULL" : ""));
              var rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  /**
   * Joins the e-mail to its ticket as the victim's message, saying who wrote it; 404 when there is
   * no such review, 409 when it was decided already. Answers the ticket's reference.
   */
  public String accept(long id, String actor) {
    return decide(
        id,
        actor,
        "ACCEPTED",
        null,
        (c, found) -> {
          String text = found.text() == null || found.text().isBlank() ? "" : found.text();
          activity.recordIn(
              c,
              found.reference(),
              "victim",
              "MESSAGE_FROM_VICTIM",
              "text",
              "[Courriel de " + found.sender() + ", joint par " + actor + "]\n" + text,
              "channel",
              "EMAIL");
        });
  }

  /** Sets the e-mail aside with a reason (3 to 1,000 characters); 404, 409 as {@link #accept}. */
  public String dismiss(long id, @Nullable String reason, String actor) {
    String why = reason == null ? "" : reason.strip();
    String problem =
        why.length() < 3 ? "say why, in a few words" : Texts.problem(why, MAX_REASON, true);
    if (problem != null) {
      throw ProblemException.invalid(List.of(new FieldError("reason", problem)));
    }
    return decide(id, actor, "DISMISSED", why, (c, found) -> {});
  }

  private interface Effect {
    void apply(Connection c, Review found) throws SQLException;
  }

  private String decide(long id, String actor, String decision, String note, Effect effect) {
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          Review found = lock(c, id).orElseThrow(() -> ProblemException.notFound("Review"));
          if (found.decision() != null) {
            throw new ProblemException(
                HttpStatus.CONFLICT,
                "This e-mail was already " + found.decision().toLowerCase() + ".",
                List.of(new FieldError("id", "decided already")));
          }
          effect.apply(c, found);
          try (var s =
              c.prepareStatement(
                  "UPDATE mail_review SET decision = ?, decided_at = ?, decided_by = ?,"
                      + " decision_note = ? WHERE id = ?")) {
            s.setString(1, decision);
            s.setObject(2, now.atOffset(ZoneOffset.UTC));
            s.setString(3, actor);
            s.setString(4, note);
            s.setLong(5, id);
            s.executeUpdate();
          }
          audit.record(
              c,
              actor,
              "MAIL_REVIEW_" + decision,
              "ticket:" + found.reference(),
              Map.of("review", id));
          return found.reference();
        });
  }

  private static Optional<Review> lock(Connection c, long id) throws SQLException {
    try (var s = c.prepareStatement(SELECT + " WHERE r.id = ? FOR UPDATE OF r")) {
      s.setLong(1, id);
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(review(rows)) : Optional.empty();
      }
    }
  }

  private static Review review(java.sql.ResultSet rows) throws SQLException {
    OffsetDateTime decided = rows.getObject(10, OffsetDateTime.class);
    return new Review(
        rows.getLong(1),
        rows.getString(2),
        rows.getObject(3, OffsetDateTime.class).toInstant(),
        rows.getString(4),
        rows.getString(5),
        rows.getString(6),
        rows.getString(7),
        rows.getInt(8),
        rows.getString(9),
        decided == null ? null : decided.toInstant(),
        rows.getString(11));
  }
}
