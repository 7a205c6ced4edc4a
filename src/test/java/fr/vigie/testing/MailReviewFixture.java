package fr.vigie.testing;

import fr.vigie.db.Database;

/** An e-mail kept for review on a ticket, written as the mailbox writes one; its review id. */
public final class MailReviewFixture {

  private MailReviewFixture() {}

  public static long pending(
      Database database, String reference, String sender, String subject, String body) {
    return database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "WITH m AS (INSERT INTO mail_message (message_id, received_at, outcome, reason,"
                      + " ticket_id, sender, subject) SELECT '<' || gen_random_uuid() ||"
                      + " '@test.example>', now(), 'REVIEW', 'SENDER_NOT_CONTACT', id, ?, ?"
                      + " FROM ticket WHERE reference = ? RETURNING id, ticket_id)"
                      + " INSERT INTO mail_review (mail_message_id, ticket_id, received_at, reason,"
                      + " sender, subject, body) SELECT id, ticket_id, now(), 'SENDER_NOT_CONTACT',"
                      + " ?, ?, ? FROM m RETURNING id")) {
            s.setString(1, sender);
            s.setString(2, subject);
            s.setString(3, reference);
            s.setString(4, sender);
            s.setString(5, subject);
            s.setString(6, body);
            try (var r = s.executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }
}
