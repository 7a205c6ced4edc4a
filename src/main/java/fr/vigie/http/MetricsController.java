package fr.vigie.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;

/**
 * Prometheus scrape endpoint at {@code /metrics}. Not public (issue 16, finding 8): live intake
 * counts and NIS2 clock counts are what the statistics withhold for 30 days under k = 5. An
 * administrator's token reads it, and so does the scrape credential {@code VIGIE_METRICS_TOKEN}
 * (role {@code METRICS}, see {@code fr.vigie.security.internal.MetricsScrapeCredential}).
 */
@Controller("/metrics")
@Secured({"ADMIN", "METRICS"})
final class MetricsController {

  private final PrometheusMeterRegistry registry;

  MetricsController(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Get
  @Produces("text/plain; version=0.0.4; charset=utf-8")
  String scrape() {
    return registry.scrape();
  }
}
