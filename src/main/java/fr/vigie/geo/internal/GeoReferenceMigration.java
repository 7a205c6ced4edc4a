package fr.vigie.geo.internal;

import jakarta.inject.Singleton;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeatable Flyway migration that (re)loads the geography reference. Its checksum is computed from
 * the committed files, so Flyway runs it again on the first start after {@code ops/geo/refresh.sh}
 * changed them, and never otherwise. Flyway runs repeatable migrations after all versioned ones, so
 * the tables of {@code V2__geo_reference.sql} exist.
 *
 * <p>It is a Micronaut bean, handed to Flyway by {@link FlywayJavaMigrations}.
 */
@Singleton
public final class GeoReferenceMigration implements JavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(GeoReferenceMigration.class);

  /** Repeatable: no version. */
  @Override
  public MigrationVersion getVersion() {
    return null;
  }

  @Override
  public String getDescription() {
    return "geo reference data";
  }

  @Override
  public Integer getChecksum() {
    return ReferenceFiles.checksum();
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    long start = System.nanoTime();
    Map<ReferenceTable, Long> counts = new GeoReferenceLoader(context.getConnection()).reload();
    LOG.info(
        "Loaded geo reference '{}' in {} ms: {}",
        ReferenceFiles.version(),
        (System.nanoTime() - start) / 1_000_000,
        counts);
  }
}
