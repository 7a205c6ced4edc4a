package fr.vigie.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Prometheus scrape endpoint at {@code /metrics}. Metrics carry no personal data; restrict the path
 * at the ingress if the scrape should not be public.
 */
@Controller("/metrics")
@Secured(SecurityRule.IS_ANONYMOUS)
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
