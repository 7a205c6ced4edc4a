package fr.vigie.mail;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the desk's mailbox over IMAP (DESIGN.md §13). Each pass takes the messages not yet flagged
 * {@value #DONE}, stores each through {@link MailIntake} (committed), and only then flags it: a
 * crash in between leaves it unflagged, and the next pass finds its Message-ID already claimed and
 * just flags it. Any number of instances may poll the same mailbox. Messages are fetched without
 * setting {@code \Seen}, so the desk's people still see what is new to them.
 *
 * <p>When the mailbox cannot be reached the pass fails, {@link MailboxStatus} says so, and the next
 * attempt waits the interval doubled per failure in a row, up to {@code retry-max}. A message that
 * cannot be stored (the database is down) stays unflagged and is read again next time.
 */
@Singleton
@Requires(property = "vigie.mail.imap.host")
public final class MailboxPoller {

  /** The IMAP keyword Vigie sets on what it has stored. */
  public static final String DONE = "$VigieProcessed";

  private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);

  private final MailSettings settings;
  private final MailIntake intake;
  private final MailboxStatus status;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Session session;
  private final String protocol;
  private volatile Instant nextAttempt = Instant.MIN;

  MailboxPoller(
      MailSettings settings,
      MailIntake intake,
      MailboxStatus status,
      Clock clock,
      MeterRegistry meters) {
    this.settings = settings;
    this.intake = intake;
    this.status = status;
    this.clock = clock;
    this.meters = meters;
    this.protocol = settings.tls == MailSettings.Tls.IMAPS ? "imaps" : "imap";
    Properties p = new Properties();
    String prefix = "mail." + protocol + ".";
    String timeout = String.valueOf(settings.timeout.toMillis());
    p.setProperty(prefix + "connectiontimeout", timeout);
    p.setProperty(prefix + "timeout", timeout);
    p.setProperty(prefix + "writetimeout", timeout);
    p.setProperty(prefix + "peek", "true");
    if (settings.tls == MailSettings.Tls.IMAPS) {
      p.setProperty(prefix + "ssl.checkserveridentity", "true");
    }
    if (settings.tls == MailSettings.Tls.STARTTLS) {
      p.setProperty(prefix + "starttls.enable", "true");
      p.setProperty(prefix + "starttls.required", "true");
    }
    if (settings.sslTrust != null) {
      p.setProperty(prefix + "ssl.trust", settings.sslTrust);
    }
    this.session = Session.getInstance(p);
    if (settings.tls == MailSettings.Tls.NONE) {
      LOG.warn("The mailbox is read without TLS (vigie.mail.imap.tls=NONE): for a local test only");
    }
  }

  @Scheduled(
      fixedDelay = "${vigie.mail.imap.interval:30s}",
      initialDelay = "${vigie.mail.imap.initial-delay:10s}")
  void scheduled() {
    if (clock.instant().isBefore(nextAttempt)) {
      return;
    }
    try {
      poll();
    } catch (MessagingException | IOException | RuntimeException e) {
      LOG.warn(
          "The mailbox could not be read ({} failures in a row), next try in {}: {}",
          status.failures(),
          settings.backoff(status.failures()),
          e.getClass().getSimpleName());
    }
  }

  /** One pass; returns how many messages were stored (or found already stored) and flagged. */
  public int poll() throws MessagingException, IOException {
    try {
      int done = pass();
      status.succeeded(clock.instant());
      nextAttempt = Instant.MIN;
      return done;
    } catch (MessagingException | IOException | RuntimeException e) {
      status.failed(e);
      meters.counter("vigie_mailbox_failures_total").increment();
      nextAttempt = clock.instant().plus(settings.backoff(status.failures()));
      throw e;
    }
  }

  private int pass() throws MessagingException, IOException {
    try (Store store = session.getStore(protocol)) {
      store.connect(settings.host, settings.port, settings.username, settings.password);
      Folder folder = store.getFolder(settings.folder);
      folder.open(Folder.READ_WRITE);
      try {
        Flags done =
            folder.getPermanentFlags().contains(Flags.Flag.USER)
                ? new Flags(DONE)
                // A server without keywords: \Seen marks what Vigie has stored.
                : new Flags(Flags.Flag.SEEN);
        int count = 0;
        for (Message message : folder.search(new FlagTerm(done, false))) {
          byte[] raw = raw(message, settings.messageMax);
          try {
            if (raw == null) {
              intake.processOversized(headers(message), message.getSize(), settings.messageMax);
            } else {
              intake.process(raw);
            }
          } catch (RuntimeException e) {
            // Not flagged: read again on the next pass. The others go on.
            meters.counter("vigie_mail_errors_total").increment();
            LOG.warn(
                "Message {} of the mailbox not stored, retried next pass: {}",
                message.getMessageNumber(),
                e.getClass().getSimpleName());
            continue;
          }
          message.setFlags(done, true);
          count++;
        }
        return count;
      } finally {
        if (folder.isOpen()) {
          folder.close(false);
        }
      }
    }
  }

  /**
   * The message's bytes, or null when it is larger than {@code max}: by the size the server gives
   * (then nothing of the body is downloaded) or, if the server said less, once {@code max} bytes
   * have come (the rest is not read into memory).
   */
  static byte[] raw(Message message, long max) throws MessagingException, IOException {
    int size = message.getSize();
    if (size > max) {
      return null;
    }
    Capped out = new Capped(max, size);
    try {
      message.writeTo(out);
    } catch (Capped.Full e) {
      return null;
    }
    return out.toByteArray();
  }

  /** The header lines alone (IMAP fetches them without the body), as RFC 5322 text. */
  private static byte[] headers(Message message) throws MessagingException {
    StringBuilder text = new StringBuilder();
    for (var lines = message.getAllHeaders(); lines.hasMoreElements(); ) {
      jakarta.mail.Header h = lines.nextElement();
      text.append(h.getName()).append(": ").append(h.getValue()).append("\r\n");
    }
    return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A byte buffer that refuses to grow beyond its cap. */
  static final class Capped extends ByteArrayOutputStream {
    private final long max;

    Capped(long max, int announced) {
      super((int) Math.min(Math.max(1024, announced), Math.min(max, 1 << 20)));
      this.max = max;
    }

    @Override
    public synchronized void write(int b) {
      if (count + 1 > max) {
        throw new Full();
      }
      super.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      if (count + (long) len > max) {
        throw new Full();
      }
      super.write(b, off, len);
    }

    /** The cap is reached (ByteArrayOutputStream's writes declare no IOException). */
    static final class Full extends RuntimeException {
      Full() {
        super("message larger than the cap", null, false, false);
      }
    }
  }
}
