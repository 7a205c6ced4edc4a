package fr.vigie.db.internal;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Hands the application's {@link JavaMigration} beans to Flyway. micronaut-flyway (7.x) looks up
 * one bean of type {@code JavaMigration[]} named after the data source; it does not collect the
 * individual beans itself. Beans rather than Flyway's classpath scanning keep the migrations in
 * their feature package (scanning only finds classes in the {@code db.migration} package) and need
 * no reflection, in the shaded jar as in tests.
 *
 * <p>There must be exactly one such factory per data source: a module adding a Java migration only
 * declares it as a {@code @Singleton}.
 */
@Factory
class FlywayJavaMigrations {

  @Singleton
  @Named("default")
  JavaMigration[] defaultDataSourceMigrations(List<JavaMigration> migrations) {
    return migrations.toArray(JavaMigration[]::new);
  }
}
