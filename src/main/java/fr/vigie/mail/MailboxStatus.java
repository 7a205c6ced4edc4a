package fr.vigie.mail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;

/**
 * Whether the mailbox answers, for {@code /health} and {@code /metrics}. An unreachable mailbox
 * turns {@code /health} to {@code DEGRADED} (still 200: the desk works without it, and a load
 * balancer must not take the instance away for it), never {@code DOWN}; {@code vigie_mailbox_up} is
 * 0 and {@code vigie_mailbox_consecutive_failures} counts the failed polls.
 */
@Singleton
public final class MailboxStatus implements HealthIndicator {

  // Not operational-false (that is DOWN, 503), not operational-true (it would rank with UP and
  // could be hidden by it): "unknown", ranked above UP and below DOWN.
  static final HealthStatus DEGRADED =
      new HealthStatus("DEGRADED", "the desk's mailbox cannot be read", null, 500);

  private final MailSettings settings;
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
  private final AtomicReference<String> lastError = new AtomicReference<>();

  MailboxStatus(MailSettings settings, MeterRegistry meters) {
    this.settings = settings;
    Gauge.builder("vigie_mailbox_up", this, s -> s.up() ? 1 : 0)
        .description("1 when the last poll of the desk's mailbox succeeded (1 when none is set)")
        .register(meters);
    Gauge.builder("vigie_mailbox_consecutive_failures", failures, AtomicInteger::get)
        .description("Failed polls of the desk's mailbox in a row")
        .register(meters);
  }

  boolean up() {
    return failures.get() == 0;
  }

  int failures() {
    return failures.get();
  }

  void succeeded(Instant at) {
    failures.set(0);
    lastSuccess.set(at);
    lastError.set(null);
  }

  /** Only the kind of error: a server's message may quote an address. */
  void failed(Exception e) {
    failures.incrementAndGet();
    lastError.set(e.getClass().getSimpleName());
  }

  @Override
  public Publisher<HealthResult> getResult() {
    if (!settings.enabled()) {
      return Publishers.empty();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("consecutiveFailures", failures.get());
    details.put("lastSuccess", lastSuccess.get() == null ? null : lastSuccess.get().toString());
    details.put("lastError", lastError.get());
    return Publishers.just(
        HealthResult.builder("mailbox", up() ? HealthStatus.UP : DEGRADED)
            .details(details)
            .build());
  }
}
