package fr.vigie.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code VIGIE_DEMO_DATA=true}, loads the demo data on the first start and prints the demo
 * users' one-time passwords, once, as the bootstrap administrator's is printed. Later starts find
 * the data loaded and say so.
 */
@Singleton
@Requires(property = "vigie.demo-data", value = "true")
final class DemoDataAtStartup
    implements ApplicationEventListener<StartupEvent>, io.micronaut.core.order.Ordered {

  private static final Logger LOG = LoggerFactory.getLogger(DemoDataAtStartup.class);

  private final DemoData demo;

  DemoDataAtStartup(DemoData demo) {
    this.demo = demo;
  }

  /**
   * After the bootstrap administrator's listener, which creates {@code admin} only in an empty
   * table: the demo's accounts must not come first (DemoDataIT signs in as {@code admin}).
   */
  @Override
  public int getOrder() {
    return 100;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    long started = System.nanoTime();
    demo.loadOnce()
        .ifPresentOrElse(
            accounts -> {
              LOG.info(
                  "Demo data loaded in {} ms: {} synthetic tickets (DEMO-…), 6 fictional"
                      + " providers, a public contract",
                  (System.nanoTime() - started) / 1_000_000,
                  DemoData.TICKETS);
              for (DemoData.Account a : accounts) {
                LOG.warn(
                    "Demo user '{}' ({}) with the one-time generated password: {} (printed"
                        + " only once)",
                    a.username(),
                    a.role(),
                    a.password());
              }
            },
            () -> LOG.info("Demo data already loaded: nothing added"));
  }
}
