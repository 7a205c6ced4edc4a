package fr.vigie.mail;

import fr.vigie.mail.internal.MailParser;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;

/**
 * The desk's mailbox ({@code vigie.mail.*}, env {@code VIGIE_MAIL_*}; DESIGN.md §13). Without
 * {@code imap.host} nothing is read. {@code imap.tls} is {@code IMAPS} (TLS from the first byte,
 * port 993 by default), {@code STARTTLS} (required, port 143) or {@code NONE} (a local test server
 * only: the password would cross the network in clear).
 */
@Singleton
public final class MailSettings {

  /** How the IMAP connection is protected. */
  public enum Tls {
    IMAPS,
    STARTTLS,
    NONE
  }

  final String host;
  final int port;
  final String username;
  final String password;
  final String folder;
  final Tls tls;
  final String sslTrust;
  final Duration interval;
  final Duration retryMax;
  final Duration timeout;
  final MailParser.Limits limits;

  /**
   * The largest e-mail read whole (bytes, default 40 MiB: the attachments' 25 MiB in base64 and the
   * text). A larger one is not downloaded: its headers are, and it is stored with a note.
   */
  final long messageMax;

  MailSettings(
      @Nullable @Value("${vigie.mail.imap.host:}") String host,
      @Nullable @Value("${vigie.mail.imap.port:}") Integer port,
      @Nullable @Value("${vigie.mail.imap.username:}") String username,
      @Nullable @Value("${vigie.mail.imap.password:}") String password,
      @Value("${vigie.mail.imap.folder:INBOX}") String folder,
      @Value("${vigie.mail.imap.tls:IMAPS}") String tls,
      @Nullable @Value("${vigie.mail.imap.ssl-trust:}") String sslTrust,
      @Value("${vigie.mail.imap.interval:30s}") Duration interval,
      @Value("${vigie.mail.imap.retry-max:15m}") Duration retryMax,
      @Value("${vigie.mail.imap.timeout:30s}") Duration timeout,
      @Value("${vigie.mail.attachment-max-size:10485760}") long attachmentMax,
      @Value("${vigie.mail.attachments-max-total:26214400}") long attachmentsTotal,
      @Value("${vigie.mail.attachments-max-count:20}") int attachmentsCount,
      @Value("${vigie.mail.message-max-size:41943040}") long messageMax) {
    this.host = host == null || host.isBlank() ? null : host.strip();
    this.tls = Tls.valueOf(tls.strip().toUpperCase(Locale.ROOT));
    this.port = port != null ? port : this.tls == Tls.IMAPS ? 993 : 143;
    this.username = username;
    this.password = password;
    this.folder = folder;
    this.sslTrust = sslTrust == null || sslTrust.isBlank() ? null : sslTrust.strip();
    this.interval = interval;
    this.retryMax = retryMax;
    this.timeout = timeout;
    this.limits = new MailParser.Limits(attachmentMax, attachmentsTotal, attachmentsCount);
    this.messageMax = messageMax;
    if (this.host != null && (username == null || username.isBlank())) {
      throw new IllegalStateException(
          "vigie.mail.imap.username is required when vigie.mail.imap.host is set");
    }
  }

  public boolean enabled() {
    return host != null;
  }

  /** The wait after {@code failures} failed polls in a row: the interval doubled, capped. */
  Duration backoff(int failures) {
    Duration d = interval;
    for (int i = 0; i < failures && d.compareTo(retryMax) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(retryMax) > 0 ? retryMax : d;
  }
}
