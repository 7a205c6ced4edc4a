package fr.vigie.routing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires proposals nobody answered in time (which cascades to the next contract rank) and reports
 * late first contacts, every {@code vigie.routing.sweep-interval} (20 s). Rows are claimed with
 * {@code SKIP LOCKED}, so any number of instances can run it.
 */
@Singleton
@Requires(property = "vigie.routing.sweeper-enabled", notEquals = "false")
final class RoutingSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(RoutingSweeper.class);
  static final int BATCH = 50;

  private final Referrals referrals;

  RoutingSweeper(Referrals referrals) {
    this.referrals = referrals;
  }

  @Scheduled(
      fixedDelay = "${vigie.routing.sweep-interval:20s}",
      initialDelay = "${vigie.routing.sweep-initial-delay:7s}")
  void sweep() {
    try {
      int handled;
      do {
        handled = referrals.sweep(BATCH);
        if (handled > 0) {
          LOG.info("Routing sweep: {} referrals expired or reported late", handled);
        }
      } while (handled == BATCH);
    } catch (RuntimeException e) {
      LOG.warn("Routing sweep failed, next pass retries: {}", e.toString());
    }
  }
}
