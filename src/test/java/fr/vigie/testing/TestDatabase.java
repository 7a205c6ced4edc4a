package fr.vigie.testing;

import fr.vigie.db.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Picks the real PostgreSQL the tests of this JVM use (DESIGN.md §2), once, before any test: the
 * external database named by {@code DATASOURCES_DEFAULT_URL} if set; else a Testcontainers
 * PostgreSQL 17 when a Docker engine answers; else the embedded server, one per test JVM, in a
 * throw-away directory. Never H2. The choice is logged.
 */
public final class TestDatabase implements LauncherSessionListener {

  private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
  private static Path embeddedDir;
  private static PostgreSQLContainer<?> container;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    select();
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (container != null) {
      container.stop();
    }
    if (embeddedDir != null) {
      EmbeddedPostgres.stopIfRunning(embeddedDir);
      deleteQuietly(embeddedDir);
    }
  }

  static synchronized void select() {
    // The system clock, deliberately: a run moved by -Dvigie.test.faketime (README, "Tests and
    // time") shows here the moment it runs as.
    LOG.info(
        "Test JVM clock: {} ({} in Paris)",
        java.time.Instant.now(),
        java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Paris")));
    if (System.getProperty("datasources.default.url") != null) {
      LOG.info("Tests use the external PostgreSQL of -Ddatasources.default.url");
      return;
    }
    String external = System.getenv("DATASOURCES_DEFAULT_URL");
    if (external != null && !external.isBlank()) {
      LOG.info("Tests use the external PostgreSQL of DATASOURCES_DEFAULT_URL");
      return;
    }
    if (!"false".equals(System.getProperty("vigie.test.testcontainers")) && dockerAnswers()) {
      container = new PostgreSQLContainer<>("postgres:17-alpine");
      container.start();
      System.setProperty("datasources.default.url", container.getJdbcUrl());
      System.setProperty("datasources.default.username", container.getUsername());
      System.setProperty("datasources.default.password", container.getPassword());
      LOG.info("Tests use a Testcontainers PostgreSQL at {}", container.getJdbcUrl());
      return;
    }
    try {
      embeddedDir = Files.createTempDirectory("vigie-test-db");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    System.setProperty("vigie.data-dir", embeddedDir.toString());
    // One server for the whole JVM: application contexts come and go, the server stays.
    System.setProperty("vigie.db.keep-running", "true");
    LOG.info("No Docker engine: tests use the embedded PostgreSQL in {}", embeddedDir);
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static void deleteQuietly(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", root, e.getMessage());
    }
  }
}
