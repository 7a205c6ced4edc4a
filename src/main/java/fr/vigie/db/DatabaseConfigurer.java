package fr.vigie.db;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the database before any bean exists (DESIGN.md §2): when {@code DATASOURCES_DEFAULT_URL}
 * (or the system property {@code datasources.default.url}) names one, Vigie uses it and starts
 * nothing; otherwise it starts the {@link EmbeddedPostgres} server with its files in {@code
 * VIGIE_DATA_DIR} (system property {@code vigie.data-dir}, default {@code ./data}) and points the
 * default data source at it.
 */
@ContextConfigurer
public final class DatabaseConfigurer implements ApplicationContextConfigurer {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseConfigurer.class);

  @Override
  public void configure(ApplicationContextBuilder builder) {
    Optional<String> external = setting("datasources.default.url", "DATASOURCES_DEFAULT_URL");
    if (external.isPresent()) {
      LOG.info("Database: external PostgreSQL at {}", withoutCredentials(external.get()));
      return;
    }
    Path dataDir = dataDir();
    EmbeddedPostgres server = EmbeddedPostgres.start(dataDir);
    LOG.info("Database: embedded PostgreSQL, data in {}", dataDir.toAbsolutePath().normalize());
    builder.propertySources(
        PropertySource.of(
            "vigie-embedded-database",
            Map.of(
                "datasources.default.url", server.jdbcUrl(),
                "datasources.default.username", server.username(),
                "datasources.default.password", server.password(),
                "vigie.db.embedded", true,
                "vigie.data-dir", dataDir.toAbsolutePath().normalize().toString())));
  }

  /**
   * {@code VIGIE_DATA_DIR}, else {@code ./data}. {@code ./mvnw mn:run} runs from {@code target/},
   * so the pom passes {@code vigie.default-data-dir} to keep the data out of what {@code mvn clean}
   * deletes.
   */
  static Path dataDir() {
    return Path.of(
        setting("vigie.data-dir", "VIGIE_DATA_DIR")
            .orElse(System.getProperty("vigie.default-data-dir", "data")));
  }

  private static Optional<String> setting(String property, String environmentVariable) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(environmentVariable);
    }
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  private static String withoutCredentials(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
