package fr.vigie.notify;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Delivery settings ({@code vigie.notify.*}, env {@code VIGIE_NOTIFY_*}). Without {@code smtp.host}
 * e-mails wait in the outbox (nothing is lost; they go once a server is configured). A failing
 * delivery is retried with exponential backoff from {@code retry-initial} (5 s) up to {@code
 * retry-max} (1 h), and given up after {@code give-up-after} (24 h): state FAILED, a warning in the
 * log and the counter {@code vigie_outbox_failed_total}.
 */
@Singleton
public final class NotifySettings {

  final String from;
  final String smtpHost;
  final int smtpPort;
  final String smtpUsername;
  final String smtpPassword;
  final boolean smtpStarttls;
  final Duration retryInitial;
  final Duration retryMax;
  final Duration giveUpAfter;
  final Duration lease;
  final Duration timeout;

  NotifySettings(
      @Value("${vigie.notify.from:vigie@localhost}") String from,
      @Nullable @Value("${vigie.notify.smtp.host:}") String smtpHost,
      @Value("${vigie.notify.smtp.port:25}") int smtpPort,
      @Nullable @Value("${vigie.notify.smtp.username:}") String smtpUsername,
      @Nullable @Value("${vigie.notify.smtp.password:}") String smtpPassword,
      @Value("${vigie.notify.smtp.starttls:false}") boolean smtpStarttls,
      @Value("${vigie.notify.retry-initial:5s}") Duration retryInitial,
      @Value("${vigie.notify.retry-max:1h}") Duration retryMax,
      @Value("${vigie.notify.give-up-after:24h}") Duration giveUpAfter,
      @Value("${vigie.notify.lease:2m}") Duration lease,
      @Value("${vigie.notify.timeout:10s}") Duration timeout) {
    this.from = from;
    this.smtpHost = smtpHost == null || smtpHost.isBlank() ? null : smtpHost.strip();
    this.smtpPort = smtpPort;
    this.smtpUsername = smtpUsername == null || smtpUsername.isBlank() ? null : smtpUsername;
    this.smtpPassword = smtpPassword;
    this.smtpStarttls = smtpStarttls;
    this.retryInitial = retryInitial;
    this.retryMax = retryMax;
    this.giveUpAfter = giveUpAfter;
    this.lease = lease;
    this.timeout = timeout;
  }

  public boolean smtpConfigured() {
    return smtpHost != null;
  }

  /** The wait after {@code attempts} failed attempts: doubled each time, capped. */
  public Duration backoff(int attempts) {
    Duration d = retryInitial;
    for (int i = 1; i < attempts && d.compareTo(retryMax) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(retryMax) > 0 ? retryMax : d;
  }
}
