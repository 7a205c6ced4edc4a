package fr.vigie.mail;

import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Staff reads of the mailbox: the replies waiting for review, a ticket's attachments, and one
 * attachment's bytes — always as a download ({@code Content-Disposition: attachment}, {@code
 * application/octet-stream}, {@code nosniff}), never shown inline. Every read is audited.
 */
@Controller("/api/v1")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class MailController {

  private static final String REFERENCE = "[A-Z]{2,8}-[0-9]{4}-[0-9]{6}";

  /** A reply that named a ticket but did not come from its contact. */
  @Serdeable
  record Review(
      long id,
      String reference,
      Instant receivedAt,
      String reason,
      @Nullable String sender,
      @Nullable String subject,
      @Nullable String text,
      int attachments) {}

  /** A file kept with a ticket. */
  @Serdeable
  record Attachment(
      long id, String filename, String contentType, long size, String sha256, Instant receivedAt) {}

  private final Database database;
  private final Audit audit;

  MailController(Database database, Audit audit) {
    this.database = database;
    this.audit = audit;
  }

  @Get("/mail/reviews")
  Page<Review> reviews(
      @QueryValue(defaultValue = "0") String page,
      @QueryValue(defaultValue = "50") String size,
      Authentication who) {
    Page.Request request = Page.Request.parse(page, size);
    Page<Review> answer =
        database.read(
            c -> new Page<>(reviews(c, request), request.page(), request.size(), count(c)));
    audit.record(
        who.getName(),
        "MAIL_REVIEWS_VIEWED",
        "mail:reviews",
        Map.of("page", request.page(), "ids", answer.items().stream().map(Review::id).toList()));
    return answer;
  }

  @Get("/tickets/{reference}/attachments")
  List<Attachment> attachments(@PathVariable String reference, Authentication who) {
    long ticket = ticket(reference);
    List<Attachment> list =
        database.read(
            c -> {
              try (var s =
                  c.prepareStatement(
                      "SELECT id, filename, content_type, size, sha256, received_at"
                          + " FROM mail_attachment WHERE ticket_id = ? ORDER BY id LIMIT 500")) {
                s.setLong(1, ticket);
                List<Attachment> out = new ArrayList<>();
                try (var rows = s.executeQuery()) {
                  while (rows.next()) {
                    out.add(
                        new Attachment(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getLong(4),
                            rows.getString(5),
                            rows.getObject(6, OffsetDateTime.class).toInstant()));
                  }
                }
                return out;
              }
            });
    audit.record(who.getName(), "ATTACHMENTS_LISTED", "ticket:" + reference, Map.of());
    return list;
  }

  @Get(
      value = "/tickets/{reference}/attachments/{id}",
      produces = MediaType.APPLICATION_OCTET_STREAM)
  HttpResponse<byte[]> download(
      @PathVariable String reference, @PathVariable String id, Authentication who) {
    long ticket = ticket(reference);
    long attachment;
    try {
      attachment = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ProblemException.notFound("Attachment");
    }
    Optional<Object[]> found =
        database.read(
            c -> {
              try (var s =
                  c.prepareStatement(
                      "SELECT filename, content FROM mail_attachment WHERE id = ?"
                          + " AND ticket_id = ?")) {
                s.setLong(1, attachment);
                s.setLong(2, ticket);
                try (var rows = s.executeQuery()) {
                  return rows.next()
                      ? Optional.of(new Object[] {rows.getString(1), rows.getBytes(2)})
                      : Optional.empty();
                }
              }
            });
    Object[] file = found.orElseThrow(() -> ProblemException.notFound("Attachment"));
    audit.record(
        who.getName(),
        "ATTACHMENT_DOWNLOADED",
        "ticket:" + reference,
        Map.of("attachment", attachment));
    String name = (String) file[0];
    String ascii = name.replaceAll("[^A-Za-z0-9._ -]", "_");
    return HttpResponse.ok((byte[]) file[1])
        .contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
        .header(
            "Content-Disposition",
            "attachment; filename=\""
                + ascii
                + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private long ticket(String reference) {
    if (reference.length() > 32 || !reference.matches(REFERENCE)) {
      throw ProblemException.notFound("Ticket");
    }
    return database
        .read(
            c -> {
              try (var s = c.prepareStatement("SELECT id FROM ticket WHERE reference = ?")) {
                s.setString(1, reference);
                try (var rows = s.executeQuery()) {
                  return rows.next() ? Optional.of(rows.getLong(1)) : Optional.<Long>empty();
                }
              }
            })
        .orElseThrow(() -> ProblemException.notFound("Ticket"));
  }

  private static List<Review> reviews(Connection c, Page.Request request) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT r.id, t.reference, r.received_at, r.reason, r.sender, r.subject, r.body,"
                + " r.attachments FROM mail_review r JOIN ticket t ON t.id = r.ticket_id"
                + " ORDER BY r.received_at DESC, r.id DESC LIMIT ? OFFSET ?")) {
      s.setInt(1, request.size());
      s.setLong(2, (long) request.page() * request.size());
      List<Review> out = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(
              new Review(
                  rows.getLong(1),
                  rows.getString(2),
                  rows.getObject(3, OffsetDateTime.class).toInstant(),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  rows.getString(7),
                  rows.getInt(8)));
        }
      }
      return out;
    }
  }

  private static long count(Connection c) throws SQLException {
    try (var s = c.prepareStatement("SELECT count(*) FROM mail_review");
        var rows = s.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
