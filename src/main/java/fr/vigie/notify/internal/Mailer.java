package fr.vigie.notify.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** Sends one plain-text e-mail over SMTP (Jakarta Mail); throws when the server refuses it. */
public final class Mailer {

  private final Session session;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final String from;

  public Mailer(
      String host,
      int port,
      String username,
      String password,
      boolean starttls,
      String from,
      Duration timeout) {
    Properties props = new Properties();
    props.put("mail.smtp.host", host);
    props.put("mail.smtp.port", String.valueOf(port));
    props.put("mail.smtp.auth", String.valueOf(username != null));
    props.put("mail.smtp.starttls.enable", String.valueOf(starttls));
    props.put("mail.smtp.starttls.required", String.valueOf(starttls));
    props.put("mail.smtp.connectiontimeout", String.valueOf(timeout.toMillis()));
    props.put("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
    props.put("mail.smtp.writetimeout", String.valueOf(timeout.toMillis()));
    this.session = Session.getInstance(props);
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
    this.from = from;
  }

  public void send(List<String> to, Templates.Mail mail) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(from));
    for (String address : to) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
    }
    message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
    message.setText(mail.body(), StandardCharsets.UTF_8.name());
    try (Transport transport = session.getTransport("smtp")) {
      if (username == null) {
        transport.connect(host, port, null, null);
      } else {
        transport.connect(host, port, username, password);
      }
      transport.sendMessage(message, message.getAllRecipients());
    }
  }
}
