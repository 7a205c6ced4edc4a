package fr.vigie.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The cap on what is read of one e-mail, whatever size the server announces. */
class MailboxPollerTest {

  static final Session SESSION = Session.getInstance(new Properties());

  static MimeMessage message(int bodyBytes, int announced) throws Exception {
    String raw =
        "From: a@example.org\r\nSubject: gros\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "x".repeat(bodyBytes)
            + "\r\n";
    return new MimeMessage(
        SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))) {
      @Override
      public int getSize() {
        return announced;
      }
    };
  }

  @Test
  void aMessageUnderTheCapIsReadWhole() throws Exception {
    byte[] raw = MailboxPoller.raw(message(1_000, 1_000), 10_000);
    assertThat(raw).isNotNull();
    assertThat(new String(raw, StandardCharsets.US_ASCII)).contains("Subject: gros");
  }

  @Test
  void aMessageAnnouncedAboveTheCapIsNotRead() throws Exception {
    assertThat(MailboxPoller.raw(message(50_000, 50_000), 10_000)).isNull();
  }

  @Test
  void aServerThatAnnouncesLessThanItSendsIsStoppedAtTheCap() throws Exception {
    assertThat(MailboxPoller.raw(message(50_000, 10), 10_000)).isNull();
    assertThat(MailboxPoller.raw(message(50_000, -1), 10_000)).isNull();
  }
}
