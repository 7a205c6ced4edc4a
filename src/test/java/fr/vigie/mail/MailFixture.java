package fr.vigie.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.vigie.db.Database;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real mail server for the mailbox's tests: GreenMail's SMTP (where e-mails are written to the
 * desk and where Vigie sends) and IMAP (the desk's mailbox Vigie reads). E-mails are sent as raw
 * RFC 5322 text, byte for byte, so a hostile one arrives as it was written.
 */
final class MailFixture {

  static final String DESK = "desk@vigie.example";
  static final String DESK_PASSWORD = "mot-de-passe-de-la-boite";

  final GreenMail mail;

  MailFixture() throws IOException {
    useCertificateFor127001();
    mail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
              // The same mailbox over TLS from the first byte, with GreenMail's own certificate.
              new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAPS)
            });
    mail.start();
    mail.setUser(DESK, DESK, DESK_PASSWORD);
  }

  /**
   * GreenMail's own certificate names no host, so no client that checks the server's identity (as
   * Vigie does) accepts it: its TLS servers get a self-signed one for {@code 127.0.0.1}, made by
   * the JDK's keytool (once per test JVM).
   */
  static synchronized void useCertificateFor127001() throws IOException {
    if (System.getProperty("greenmail.tls.keystore.file") != null) {
      return;
    }
    java.nio.file.Path store = java.nio.file.Files.createTempFile("greenmail-", ".p12");
    java.nio.file.Files.delete(store);
    store.toFile().deleteOnExit();
    Process keytool =
        new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "greenmail",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "3650",
                "-dname",
                "CN=127.0.0.1, O=Vigie tests",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    try {
      String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (keytool.waitFor() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    System.setProperty("greenmail.tls.keystore.password", "changeit");
    System.setProperty("greenmail.tls.key.password", "changeit");
    System.setProperty("greenmail.tls.keystore.file", store.toString());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  int smtpPort() {
    return mail.getSmtp().getPort();
  }

  int imapPort() {
    return mail.getImap().getPort();
  }

  int imapsPort() {
    return mail.getImaps().getPort();
  }

  /** Sends raw e-mail text (CRLF line ends are added) to the desk, unchanged. */
  void sendRaw(String raw) throws MessagingException {
    sendRaw(raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  void sendRaw(byte[] raw) throws MessagingException {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", String.valueOf(smtpPort()));
    Session session = Session.getInstance(p);
    MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
    try (Transport t = session.getTransport("smtp")) {
      t.connect();
      // sendMessage, not Transport.send: no saveChanges(), so no header is rewritten.
      t.sendMessage(message, new InternetAddress[] {new InternetAddress(DESK)});
    }
  }

  /** What arrived in someone's box (a victim's), oldest first. */
  List<MimeMessage> inbox(String address) {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      try {
        for (var to : m.getRecipients(Message.RecipientType.TO)) {
          if (((InternetAddress) to).getAddress().equalsIgnoreCase(address)) {
            out.add(m);
          }
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  void stop() {
    mail.stop();
  }

  /** A plain e-mail from {@code from} to the desk. */
  static String email(String messageId, String from, String subject, String body, String... extra) {
    StringBuilder s = new StringBuilder();
    s.append("Message-ID: ").append(messageId).append('\n');
    s.append("From: ").append(from).append('\n');
    s.append("To: ").append(DESK).append('\n');
    s.append("Subject: ").append(subject).append('\n');
    s.append("Date: Fri, 20 Nov 2026 10:00:00 +0100\n");
    for (String header : extra) {
      s.append(header).append('\n');
    }
    s.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n");
    s.append("Content-Transfer-Encoding: 8bit\n\n").append(body).append('\n');
    return s.toString();
  }

  static long count(Database database, String sql, Object... args) {
    return database.read(
        c -> {
          try (var s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              s.setObject(i + 1, args[i]);
            }
            try (var rows = s.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  static String string(Database database, String sql, Object... args) {
    return database.read(
        c -> {
          try (var s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              s.setObject(i + 1, args[i]);
            }
            try (var rows = s.executeQuery()) {
              return rows.next() ? rows.getString(1) : null;
            }
          }
        });
  }
}
