package fr.vigie.mail;

import static fr.vigie.mail.MailFixture.DESK;
import static fr.vigie.mail.MailFixture.DESK_PASSWORD;
import static fr.vigie.mail.MailFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hostile-input suite's e-mails, through a real mailbox: malformed MIME, huge headers,
 * encoded-word tricks, HTML with scripts, bytes that are not text. None stops the poller; each
 * becomes a ticket whose stored words are bounded plain text (no markup, no control characters, no
 * bidirectional overrides), and no file is kept that lies about itself.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "MailHostileInputIT")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailHostileInputIT implements TestPropertyProvider {

  final MailFixture fixture;

  MailHostileInputIT() throws IOException {
    fixture = new MailFixture();
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "vigie.notify.from",
        DESK,
        "vigie.mail.imap.host",
        "127.0.0.1",
        "vigie.mail.imap.port",
        String.valueOf(fixture.imapPort()),
        "vigie.mail.imap.username",
        DESK,
        "vigie.mail.imap.password",
        DESK_PASSWORD,
        "vigie.mail.imap.tls",
        "NONE");
  }

  @AfterAll
  void stop() {
    fixture.stop();
  }

  @Inject MailboxPoller poller;
  @Inject Database database;

  static String head(String id, String subject) {
    return "Message-ID: "
        + id
        + "\nFrom: victime@hostile.example\nTo: "
        + DESK
        + "\nSubject: "
        + subject
        + "\nMIME-Version: 1.0\n";
  }

  /** Every hostile e-mail, by name. */
  static Map<String, byte[]> emails(Map<String, String> ids) {
    Map<String, String> raw = new LinkedHashMap<>();
    String id;
    // Malformed MIME.
    raw.put(
        "boundary never found",
        head(ids.computeIfAbsent("boundary", k -> newId()), "Pièce manquante")
            + "Content-Type: multipart/mixed; boundary=\"jamais\"\n\nLe corps sans frontière.\n");
    raw.put(
        "boundary missing",
        head(ids.computeIfAbsent("noboundary", k -> newId()), "Sans frontière")
            + "Content-Type: multipart/mixed\n\n--x\nContent-Type: text/plain\n\nBonjour\n--x--\n");
    raw.put(
        "broken base64 and charset",
        head(ids.computeIfAbsent("base64", k -> newId()), "Encodage")
            + "Content-Type: text/plain; charset=x-inconnu\nContent-Transfer-Encoding: base64\n\n"
            + "@@@ pas du base64 !!! ====\n");
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      deep.append("Content-Type: multipart/mixed; boundary=\"b")
          .append(i)
          .append("\"\n\n--b")
          .append(i)
          .append('\n');
    }
    raw.put(
        "nested 60 deep",
        head(ids.computeIfAbsent("deep", k -> newId()), "Poupées russes")
            + deep
            + "Content-Type: text/plain\n\nAu fond.\n");
    // Huge headers.
    raw.put(
        "huge subject and references",
        head(ids.computeIfAbsent("huge", k -> newId()), "A".repeat(300_000))
            + "References: "
            + "<x@y> ".repeat(20_000)
            + "\nContent-Type: text/plain\n\nCourt.\n");
    // Encoded-word tricks: a header injection, NUL, a bidirectional override, an unknown charset.
    String tricky =
        Base64.getEncoder()
            .encodeToString(
                "Facture\r\nBcc: tous@exemple.example\u0000 \u202Egpj.exe"
                    .getBytes(StandardCharsets.UTF_8));
    raw.put(
        "encoded words",
        "Message-ID: "
            + ids.computeIfAbsent("encoded", k -> newId())
            + "\nFrom: =?UTF-8?B?"
            + Base64.getEncoder()
                .encodeToString("Mairie\r\nX-Injecté: oui".getBytes(StandardCharsets.UTF_8))
            + "?= <victime@hostile.example>\nTo: "
            + DESK
            + "\nSubject: =?UTF-8?B?"
            + tricky
            + "?= =?x-nope?Q?abc?= =?UTF-8?Q?=00=0D=0A?=\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"m\"\n\n--m\nContent-Type: text/plain\n\n"
            + "Texte.\n--m\nContent-Type: image/png\nContent-Disposition: attachment;"
            + " filename=\"=?UTF-8?B?"
            + Base64.getEncoder()
                .encodeToString("../../etc/\u202Egnp.exe".getBytes(StandardCharsets.UTF_8))
            + "?=\"\nContent-Transfer-Encoding: base64\n\n"
            + Base64.getEncoder().encodeToString("MZ exécutable".getBytes(StandardCharsets.UTF_8))
            + "\n--m--\n");
    // HTML with scripts, no text part.
    raw.put(
        "html with scripts",
        head(ids.computeIfAbsent("html", k -> newId()), "Capture")
            + "Content-Type: text/html; charset=UTF-8\n\n<html><head><script>alert('tête')</script>"
            + "<style>p{}</style></head><body><p>Bonjour <b>équipe</b></p>"
            + "<img src=x onerror=alert(2)><script>document.cookie</script>"
            + "<p>&lt;script&gt;cité&lt;/script&gt; &amp; &#x41;</p><!-- commentaire --></body>\n");
    Map<String, byte[]> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, crlf(v)));
    // Bytes that are not text: invalid UTF-8 and NUL in an 8-bit body.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(
        crlf(
            head(ids.computeIfAbsent("bytes", k -> newId()), "Octets")
                + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"));
    bytes.writeBytes(new byte[] {'a', (byte) 0xC3, 0x28, 0, 'b', (byte) 0xFF, '\r', '\n'});
    out.put("invalid bytes", bytes.toByteArray());
    return out;
  }

  static String newId() {
    return "<" + UUID.randomUUID() + "@hostile.example>";
  }

  static byte[] crlf(String s) {
    return s.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void hostileEmailsBecomeTicketsOfPlainBoundedText() throws Exception {
    Map<String, String> ids = new LinkedHashMap<>();
    for (byte[] email : emails(ids).values()) {
      fixture.sendRaw(email);
    }
    poller.poll();

    for (Map.Entry<String, String> e : ids.entrySet()) {
      String messageId = e.getValue();
      assertThat(
              string(database, "SELECT outcome FROM mail_message WHERE message_id = ?", messageId))
          .as(e.getKey())
          .isEqualTo("NEW_TICKET");
      String description =
          string(
              database,
              "SELECT d.description FROM incident_detail d JOIN mail_message m"
                  + " ON m.ticket_id = d.ticket_id WHERE m.message_id = ?",
              messageId);
      assertThat(description).as(e.getKey()).isNotNull().hasSizeLessThanOrEqualTo(10_000);
      assertThat(
              description
                  .chars()
                  .filter(ch -> ch != '\n' && ch != '\t' && Character.isISOControl(ch)))
          .as(e.getKey() + ": control characters")
          .isEmpty();
      String subject =
          string(database, "SELECT subject FROM mail_message WHERE message_id = ?", messageId);
      assertThat(subject).as(e.getKey()).hasSizeLessThanOrEqualTo(1000).doesNotContain("\n", "\r");
      assertThat(subject).doesNotContain("\u202E");
    }
    String html =
        string(
            database,
            "SELECT d.description FROM incident_detail d JOIN mail_message m"
                + " ON m.ticket_id = d.ticket_id WHERE m.message_id = ?",
            ids.get("html"));
    assertThat(html)
        .contains("Bonjour équipe", "<script>cité</script> & A")
        .doesNotContain("alert", "document.cookie", "<img", "onerror", "<p>", "commentaire");
    String encoded = ids.get("encoded");
    assertThat(string(database, "SELECT subject FROM mail_message WHERE message_id = ?", encoded))
        .startsWith("Facture Bcc: tous@exemple.example")
        .contains("gpj.exe");
    assertThat(
            string(
                database,
                "SELECT c.name FROM contact c JOIN mail_message m ON m.ticket_id = c.ticket_id"
                    + " WHERE m.message_id = ?",
                encoded))
        .isEqualTo("Mairie X-Injecté: oui");
    // The fake photo is refused, under a name that is neither a path nor reversed.
    assertThat(
            string(
                database,
                "SELECT e.details->>'note' FROM ticket_event e JOIN mail_message m"
                    + " ON m.ticket_id = e.ticket_id WHERE m.message_id = ?"
                    + " AND e.type = 'ATTACHMENT_REFUSED'",
                encoded))
        .contains("« _.._etc_gnp.exe »", "programme exécutable")
        .doesNotContain("../", "\u202E");
    assertThat(
            MailFixture.count(
                database,
                "SELECT count(*) FROM mail_attachment a JOIN mail_message m"
                    + " ON m.id = a.mail_message_id WHERE m.message_id = ?",
                encoded))
        .isZero();
  }
}
