package fr.vigie.clocks;

import fr.vigie.db.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics of the clocks: {@code vigie_clocks{code, state}} (live clocks now: running,
 * paused, warning, breached and not yet met, open, missed), refreshed every minute from a partial
 * index, and {@code vigie_clock_warnings_total} / {@code vigie_clock_breaches_total} per code,
 * counted by the sweeper when it records a level.
 */
@Singleton
public final class ClockMetrics {

  private static final List<String> CODES =
      List.of(
          "FIRST_CONTACT",
          "QUALIFICATION",
          "RESOLUTION",
          "FOLLOW_UP",
          "GDPR_CNIL_72H",
          "NIS2_EARLY_WARNING_24H",
          "NIS2_NOTIFICATION_72H",
          "NIS2_FINAL_REPORT_1M",
          "LOPMI_COMPLAINT_72H");
  private static final List<String> LIVE_STATES =
      List.of("RUNNING", "PAUSED", "WARNING", "BREACHED", "OPEN", "MISSED");

  private final Database database;
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> live = new ConcurrentHashMap<>();

  ClockMetrics(Database database, MeterRegistry registry) {
    this.database = database;
    this.registry = registry;
    for (String code : CODES) {
      for (String state : LIVE_STATES) {
        AtomicLong value = new AtomicLong();
        live.put(code + "/" + state, value);
        Gauge.builder("vigie.clocks", value, AtomicLong::get)
            .description("Live clocks by code and state")
            .tag("code", code)
            .tag("state", state)
            .register(registry);
      }
    }
  }

  void recorded(String code, String kind, int level) {
    Counter.builder(level == 2 ? "vigie.clock.breaches" : "vigie.clock.warnings")
        .description(
            level == 2
                ? "SLA clocks breached and legal deadlines missed, as recorded by the sweeper"
                : "Clocks past 75 % of their target, as recorded by the sweeper")
        .tag("code", code)
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  @Scheduled(
      fixedDelay = "${vigie.clocks.metrics-interval:60s}",
      initialDelay = "${vigie.clocks.metrics-interval:60s}")
  void refresh() {
    Map<String, Long> counts = new java.util.HashMap<>();
    database.read(
        c -> {
          try (var s =
                  c.prepareStatement(
                      "SELECT code, state, count(*) FROM clock WHERE ended_at IS NULL"
                          + " GROUP BY code, state");
              var rows = s.executeQuery()) {
            while (rows.next()) {
              counts.put(rows.getString(1) + "/" + rows.getString(2), rows.getLong(3));
            }
          }
          return null;
        });
    live.forEach((key, value) -> value.set(counts.getOrDefault(key, 0L)));
  }
}
