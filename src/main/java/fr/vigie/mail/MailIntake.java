package fr.vigie.mail;

import fr.vigie.CsirtSettings;
import fr.vigie.db.Database;
import fr.vigie.intake.IntakeService;
import fr.vigie.mail.internal.MailParser;
import fr.vigie.mail.internal.ParsedMail;
import fr.vigie.notify.Outbox;
import fr.vigie.tickets.Activity;
import fr.vigie.tickets.OpenedTicket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one e-mail becomes (DESIGN.md §13), decided and stored in one transaction that starts by
 * claiming its {@code Message-ID}: a second reader of the same e-mail (another instance, or this
 * one after a crash between the commit and the flag in the mailbox) waits for the first, finds the
 * claim and writes nothing. Auto-replies, bounces and loops are recorded as ignored; a reply naming
 * a ticket becomes the victim's message when its sender is the ticket's contact, else it waits for
 * review; anything else opens a ticket through intake.
 */
@Singleton
public final class MailIntake {

  /** What an e-mail became. {@code DUPLICATE}: it had been read before; nothing was written. */
  public enum Outcome {
    NEW_TICKET,
    REPLY,
    REVIEW,
    IGNORED,
    DUPLICATE
  }

  /** The outcome, the ticket it concerns (if any) and the reason (ignored, review). */
  public record Result(Outcome outcome, String reference, String reason) {}

  private record Found(long id, String reference) {}

  private final Database database;
  private final IntakeService intake;
  private final Activity activity;
  private final Outbox outbox;
  private final Clock clock;
  private final MailSettings settings;
  private final MeterRegistry meters;
  private final String own;
  private final Pattern reference;

  MailIntake(
      Database database,
      IntakeService intake,
      Activity activity,
      Outbox outbox,
      Clock clock,
      MailSettings settings,
      MeterRegistry meters,
      CsirtSettings csirt,
      @Value("${vigie.notify.from:vigie@localhost}") String from) {
    this.database = database;
    this.intake = intake;
    this.activity = activity;
    this.outbox = outbox;
    this.clock = clock;
    this.settings = settings;
    this.meters = meters;
    this.own = from.strip().toLowerCase(Locale.ROOT);
    this.reference =
        Pattern.compile(
            "(?<![A-Za-z0-9-])("
                + Pattern.quote(csirt.referencePrefix())
                + "-[0-9]{4}-[0-9]{6})"
                + "(?![0-9])");
  }

  /** Reads and stores one raw e-mail (RFC 5322 bytes). */
  public Result process(byte[] raw) {
    return process(raw, null);
  }

  private Result process(byte[] raw, String problem) {
    ParsedMail parsed = MailParser.parse(raw, own, settings.limits);
    ParsedMail mail = problem == null ? parsed : parsed.withProblem(problem);
    String messageId =
        mail.messageId() != null
            ? mail.messageId()
            // No usable Message-ID: the content itself identifies a second reading.
            : "<" + sha256(raw) + "@sans-message-id.invalid>";
    Instant now = clock.instant();
    Result result = database.inTransaction(c -> store(c, mail, messageId, now));
    meters.counter("vigie_mail_received_total", "outcome", result.outcome().name()).increment();
    return result;
  }

  /**
   * An e-mail larger than the desk reads whole ({@code vigie.mail.message-max-size}), from its
   * headers alone: it is stored as any other (a new ticket, a reply, a review), with a text saying
   * it was not read and a note on the ticket's timeline, so that nobody's report is lost and an
   * analyst asks for it another way. {@code size} is the server's figure (-1 when unknown).
   */
  public Result processOversized(byte[] headers, long size, long max) {
    String said =
        size > 0
            ? "de " + megabytes(size) + " Mo, au-delà de la limite de " + megabytes(max) + " Mo"
            : "au-delà de la limite de " + megabytes(max) + " Mo";
    String body =
        "[Message "
            + said
            + " : ni son texte ni ses pièces jointes n'ont été lus. Demandez à l'expéditeur de"
            + " l'envoyer en plusieurs fois, ou les fichiers par un autre moyen.]\r\n";
    StringBuilder raw = new StringBuilder();
    for (String line : new String(headers, StandardCharsets.UTF_8).split("\r\n")) {
      String name = line.contains(":") ? line.substring(0, line.indexOf(':')).strip() : "";
      // The original body's MIME headers describe a body that is not there.
      if (!name.regionMatches(true, 0, "Content-", 0, 8)
          && !name.equalsIgnoreCase("MIME-Version")
          && !line.isEmpty()) {
        raw.append(line).append("\r\n");
      }
    }
    raw.append("MIME-Version: 1.0\r\n")
        .append("Content-Type: text/plain; charset=UTF-8\r\n")
        .append("Content-Transfer-Encoding: 8bit\r\n\r\n")
        .append(body);
    meters.counter("vigie_mail_oversized_total").increment();
    return process(
        raw.toString().getBytes(StandardCharsets.UTF_8),
        "message " + said + " : ni le texte ni les pièces jointes n'ont été lus");
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.FRENCH, "%.1f", bytes / 1_048_576.0);
  }

  private Result store(Connection c, ParsedMail mail, String messageId, Instant now)
      throws SQLException {
    String ignored = mail.ignoredBecause();
    if (ignored == null && mail.senderAddress() == null) {
      ignored = "NO_SENDER";
    }
    if (ignored != null) {
      return claim(c, messageId, now, Outcome.IGNORED, ignored, null, mail).isPresent()
          ? new Result(Outcome.IGNORED, null, ignored)
          : duplicate();
    }
    Optional<Found> ticket = named(c, mail);
    if (ticket.isEmpty()) {
      return newTicket(c, mail, messageId, now);
    }
    Found found = ticket.get();
    String contact = contactEmail(c, found.id());
    String reason =
        contact == null
            ? "CONTACT_HAS_NO_EMAIL"
            : contact.equals(mail.senderAddress()) ? null : "SENDER_NOT_CONTACT";
    if (reason != null) {
      Optional<Long> claimed = claim(c, messageId, now, Outcome.REVIEW, reason, found.id(), mail);
      if (claimed.isEmpty()) {
        return duplicate();
      }
      review(c, claimed.get(), found.id(), now, reason, mail);
      return new Result(Outcome.REVIEW, found.reference(), reason);
    }
    Optional<Long> claimed = claim(c, messageId, now, Outcome.REPLY, null, found.id(), mail);
    if (claimed.isEmpty()) {
      return duplicate();
    }
    activity.recordIn(
        c,
        found.reference(),
        "victim",
        "MESSAGE_FROM_VICTIM",
        "text",
        mail.text().isBlank() ? "(message sans texte)" : mail.text(),
        "channel",
        "EMAIL");
    attachments(c, found, claimed.get(), now, mail);
    return new Result(Outcome.REPLY, found.reference(), null);
  }

  private Result newTicket(Connection c, ParsedMail mail, String messageId, Instant now)
      throws SQLException {
    Optional<Long> claimed = claim(c, messageId, now, Outcome.NEW_TICKET, null, null, mail);
    if (claimed.isEmpty()) {
      return duplicate();
    }
    OpenedTicket opened =
        intake.openFromEmail(
            c,
            new IntakeService.EmailReport(
                now,
                mail.senderName() == null || mail.senderName().isBlank() ? null : mail.senderName(),
                mail.senderAddress(),
                mail.subject(),
                mail.text()));
    try (var s = c.prepareStatement("UPDATE mail_message SET ticket_id = ? WHERE id = ?")) {
      s.setLong(1, opened.id());
      s.setLong(2, claimed.get());
      s.executeUpdate();
    }
    // The analyst's to-do: nothing but the words is known yet.
    activity.recordIn(
        c,
        opened.reference(),
        "vigie:mail",
        "QUALIFICATION_NEEDED",
        "channel",
        "EMAIL",
        "unknown",
        String.join(", ", IntakeService.UNKNOWN_FROM_EMAIL));
    attachments(c, new Found(opened.id(), opened.reference()), claimed.get(), now, mail);
    return new Result(Outcome.NEW_TICKET, opened.reference(), null);
  }

  /** The ticket an e-mail names: its reference in the subject, or a reply to what Vigie sent. */
  private Optional<Found> named(Connection c, ParsedMail mail) throws SQLException {
    Matcher m = reference.matcher(mail.subject());
    while (m.find()) {
      Optional<Found> found = ticket(c, "reference = ?", m.group(1));
      if (found.isPresent()) {
        return found;
      }
    }
    Optional<Long> id = outbox.ticketOfSent(c, mail.threadIds());
    return id.isEmpty() ? Optional.empty() : ticket(c, "id = ?", id.get());
  }

  private static Optional<Found> ticket(Connection c, String where, Object key)
      throws SQLException {
    try (var s = c.prepareStatement("SELECT id, reference FROM ticket WHERE " + where)) {
      s.setObject(1, key);
      try (var rows = s.executeQuery()) {
        return rows.next()
            ? Optional.of(new Found(rows.getLong(1), rows.getString(2)))
            : Optional.empty();
      }
    }
  }

  private static String contactEmail(Connection c, long ticketId) throws SQLException {
    try (var s = c.prepareStatement("SELECT email FROM contact WHERE ticket_id = ?")) {
      s.setLong(1, ticketId);
      try (var rows = s.executeQuery()) {
        String email = rows.next() ? rows.getString(1) : null;
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
      }
    }
  }

  /** Claims the Message-ID; empty when another reading already did (then nothing is written). */
  private static Optional<Long> claim(
      Connection c,
      String messageId,
      Instant now,
      Outcome outcome,
      String reason,
      Long ticketId,
      ParsedMail mail)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "INSERT INTO mail_message (message_id, received_at, outcome, reason, ticket_id,"
                + " sender, subject) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (message_id) DO NOTHING RETURNING id")) {
      s.setString(1, messageId);
      s.setObject(2, now.atOffset(ZoneOffset.UTC));
      s.setString(3, outcome.name());
      s.setString(4, reason);
      s.setObject(5, ticketId);
      // An ignored e-mail keeps nothing personal: it is linked to no ticket, so no purge finds it.
      s.setString(6, outcome == Outcome.IGNORED ? null : mail.senderAddress());
      s.setString(7, outcome == Outcome.IGNORED ? null : mail.subject());
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
      }
    }
  }

  private static void review(
      Connection c, long mailId, long ticketId, Instant now, String reason, ParsedMail mail)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "INSERT INTO mail_review (mail_message_id, ticket_id, received_at, reason, sender,"
                + " subject, body, attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, mailId);
      s.setLong(2, ticketId);
      s.setObject(3, now.atOffset(ZoneOffset.UTC));
      s.setString(4, reason);
      s.setString(5, mail.senderAddress());
      s.setString(6, mail.subject());
      s.setString(7, mail.text());
      s.setInt(8, mail.attachments().size());
      s.executeUpdate();
    }
  }

  /** Keeps the accepted files with the ticket; each refused one leaves a note on its timeline. */
  private void attachments(Connection c, Found ticket, long mailId, Instant now, ParsedMail mail)
      throws SQLException {
    for (String problem : mail.problems()) {
      activity.recordIn(
          c, ticket.reference(), "vigie:mail", "MAIL_READ_WITH_PROBLEMS", "note", problem);
    }
    for (ParsedMail.Attachment a : mail.attachments()) {
      if (a.content() == null) {
        activity.recordIn(
            c,
            ticket.reference(),
            "vigie:mail",
            "ATTACHMENT_REFUSED",
            "note",
            "Pièce jointe « "
                + a.filename()
                + " » refusée (type déclaré "
                + a.declaredType()
                + ", "
                + a.size()
                + " octets) : "
                + a.refusal(),
            "size",
            a.size());
        continue;
      }
      long id;
      try (var s =
          c.prepareStatement(
              "INSERT INTO mail_attachment (ticket_id, mail_message_id, received_at, filename,"
                  + " content_type, size, sha256, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                  + " RETURNING id")) {
        s.setLong(1, ticket.id());
        s.setLong(2, mailId);
        s.setObject(3, now.atOffset(ZoneOffset.UTC));
        s.setString(4, a.filename().length() > 200 ? a.filename().substring(0, 200) : a.filename());
        s.setString(5, a.type());
        s.setInt(6, a.content().length);
        s.setString(7, sha256(a.content()));
        s.setBytes(8, a.content());
        try (var rows = s.executeQuery()) {
          rows.next();
          id = rows.getLong(1);
        }
      }
      activity.recordIn(
          c,
          ticket.reference(),
          "vigie:mail",
          "ATTACHMENT_RECEIVED",
          "attachmentId",
          id,
          "type",
          a.type(),
          "size",
          a.size(),
          "note",
          "Pièce jointe « " + a.filename() + " » reçue");
    }
  }

  private static Result duplicate() {
    return new Result(Outcome.DUPLICATE, null, null);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
