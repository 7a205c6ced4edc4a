package fr.vigie.security.internal;

import io.micronaut.context.env.Environment;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per client and route group, in memory: a group allows {@code capacity} requests at
 * once and refills them evenly over {@code period} ({@code vigie.rate-limit.<group>.capacity} and
 * {@code .period}). One instance only: several instances each allow the full limit (a shared
 * limiter, e.g. in PostgreSQL or at the ingress, is future work). Time comes from the injected
 * clock, so tests move it instead of waiting. Idle full buckets are dropped: memory stays bounded
 * by the clients of the last period.
 */
@Singleton
final class RateLimiter {

  /** The defaults per group: requests allowed at once, and the time to earn them all back. */
  static final Map<String, Limit> DEFAULTS =
      Map.of(
          // A victim sends one report, maybe a correction; a shared town-hall address a few.
          "reports", new Limit(10, Duration.ofMinutes(10)),
          "follow-up", new Limit(60, Duration.ofMinutes(1)),
          "diagnosis", new Limit(60, Duration.ofMinutes(1)),
          "questionnaire", new Limit(120, Duration.ofMinutes(1)),
          // Autocomplete: one request per keystroke.
          "geo", new Limit(300, Duration.ofMinutes(1)),
          // Password guessing: the lockout protects an account, this the whole desk.
          "login", new Limit(10, Duration.ofMinutes(5)),
          "public-stats", new Limit(60, Duration.ofMinutes(1)),
          // Officials' cube, dashboard and yearly report: heavy queries, and a differencing attack
          // needs many of them (README, "Statistics"); a person reading the dashboard makes a few.
          "stats", new Limit(120, Duration.ofMinutes(1)));

  record Limit(int capacity, Duration period) {}

  private static final int MAX_BUCKETS = 200_000;

  private final Map<String, Limit> limits = new ConcurrentHashMap<>();
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Clock clock;

  RateLimiter(Environment environment, Clock clock) {
    this.clock = clock;
    DEFAULTS.forEach(
        (group, limit) ->
            limits.put(
                group,
                new Limit(
                    environment
                        .getProperty("vigie.rate-limit." + group + ".capacity", Integer.class)
                        .orElse(limit.capacity()),
                    environment
                        .getProperty("vigie.rate-limit." + group + ".period", Duration.class)
                        .orElse(limit.period()))));
    limits.forEach(
        (group, limit) -> {
          if (limit.capacity() < 1 || limit.period().isNegative() || limit.period().isZero()) {
            throw new IllegalStateException(
                "vigie.rate-limit." + group + ": capacity ≥ 1, period > 0");
          }
        });
  }

  /** Zero when the request may go; else the whole seconds to wait before the next one will. */
  long acquire(String group, String client) {
    Limit limit = limits.get(group);
    if (limit == null) {
      return 0;
    }
    if (buckets.size() > MAX_BUCKETS) {
      evictFull();
    }
    Bucket bucket =
        buckets.computeIfAbsent(group + "|" + client, k -> new Bucket(limit, clock.millis()));
    return bucket.take(clock.millis());
  }

  @Scheduled(fixedDelay = "1m", initialDelay = "1m")
  void evictFull() {
    long now = clock.millis();
    buckets.values().removeIf(bucket -> bucket.full(now));
  }

  /** A token bucket; the lock is the bucket's own, so clients never wait on each other. */
  private static final class Bucket {
    private final double capacity;
    private final double perMilli;
    private double tokens;
    private long last;

    Bucket(Limit limit, long now) {
      this.capacity = limit.capacity();
      this.perMilli = limit.capacity() / (double) limit.period().toMillis();
      this.tokens = capacity;
      this.last = now;
    }

    synchronized long take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli / 1000));
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= capacity;
    }

    private void refill(long now) {
      if (now > last) {
        tokens = Math.min(capacity, tokens + (now - last) * perMilli);
        last = now;
      }
    }
  }
}
