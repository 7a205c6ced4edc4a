package fr.vigie.mail;

import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

  /** A file kept with a ticket. */
  @Serdeable
  record Attachment(
      long id, String filename, String contentType, long size, String sha256, Instant receivedAt) {}

  private final Database database;
  private final Audit audit;
  private final MailReviews reviews;

  MailController(Database database, Audit audit, MailReviews reviews) {
    this.database = database;
    this.audit = audit;
    this.reviews = reviews;
  }

  /** What became of a reviewed e-mail. */
  @Serdeable
  record Decision(long id, String reference, String decision) {}

  /** Why an e-mail is set aside. */
  @Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  record Dismissal(@Nullable String reason) {}

  @Post("/mail/reviews/{id}/accept")
  Decision accept(@PathVariable String id, Authentication who) {
    long review = reviewId(id);
    return new Decision(review, reviews.accept(review, who.getName()), "ACCEPTED");
  }

  @Post("/mail/reviews/{id}/dismiss")
  Decision dismiss(@PathVariable String id, @Body Dismissal body, Authentication who) {
    long review = reviewId(id);
    return new Decision(review, reviews.dismiss(review, body.reason(), who.getName()), "DISMISSED");
  }

  private static long reviewId(String id) {
    if (!id.matches("[1-9][0-9]{0,17}")) {
      throw ProblemException.notFound("Review");
    }
    return Long.parseLong(id);
  }

  @Get("/mail/reviews")
  Page<MailReviews.Review> reviews(
      @QueryValue(defaultValue = "0") String page,
      @QueryValue(defaultValue = "50") String size,
      Authentication who) {
    Page.Request request = Page.Request.parse(page, size);
    return new Page<>(
        reviews.page(request.page(), request.size(), false, who.getName()),
        request.page(),
        request.size(),
        reviews.count(false));
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
}
