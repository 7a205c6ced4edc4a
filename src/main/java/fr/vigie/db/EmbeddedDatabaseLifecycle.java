package fr.vigie.db;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import java.nio.file.Path;

/**
 * Stops the embedded server when the application shuts down (SIGTERM included), after the
 * connection pool: shutdown listeners run once the context has closed its beans. Tests keep one
 * server for the whole JVM ({@code vigie.db.keep-running=true}) and rely on the shutdown hook.
 */
@Context
@Requires(property = "vigie.db.embedded", value = "true")
@Requires(property = "vigie.db.keep-running", notEquals = "true")
final class EmbeddedDatabaseLifecycle implements ApplicationEventListener<ShutdownEvent> {

  private final Path dataDir;

  EmbeddedDatabaseLifecycle(@Value("${vigie.data-dir}") String dataDir) {
    this.dataDir = Path.of(dataDir);
  }

  @Override
  public void onApplicationEvent(ShutdownEvent event) {
    EmbeddedPostgres.stopIfRunning(dataDir);
  }
}
