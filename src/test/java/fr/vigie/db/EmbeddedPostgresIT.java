package fr.vigie.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded server itself: durable settings, data kept across restarts, no default login. */
class EmbeddedPostgresIT {

  Path dir;

  @BeforeEach
  void directory() throws Exception {
    dir = Files.createTempDirectory("vigie-embedded-it");
  }

  @AfterEach
  void cleanUp() throws Exception {
    EmbeddedPostgres.stopIfRunning(dir);
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static Connection connect(EmbeddedPostgres server) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
  }

  static String show(Connection c, String setting) throws SQLException {
    try (var rows = c.createStatement().executeQuery("SHOW " + setting)) {
      rows.next();
      return rows.getString(1);
    }
  }

  @Test
  void runsWithFsyncAndSynchronousCommitOnAndListensOnLoopbackOnly() throws Exception {
    EmbeddedPostgres server = EmbeddedPostgres.start(dir);
    try (Connection c = connect(server)) {
      assertThat(show(c, "fsync")).isEqualTo("on");
      assertThat(show(c, "synchronous_commit")).isEqualTo("on");
      assertThat(show(c, "full_page_writes")).isEqualTo("on");
      assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
      assertThat(show(c, "server_version")).startsWith("17.");
    }
  }

  @Test
  void keepsCommittedDataAcrossAStopAndAStart() throws Exception {
    EmbeddedPostgres first = EmbeddedPostgres.start(dir);
    try (Connection c = connect(first)) {
      c.createStatement().execute("CREATE TABLE kept (v text)");
      c.createStatement().execute("INSERT INTO kept VALUES ('rançongiciel')");
    }
    first.stop();

    EmbeddedPostgres second = EmbeddedPostgres.start(dir);
    assertThat(second).isNotSameAs(first);
    try (Connection c = connect(second);
        var rows = c.createStatement().executeQuery("SELECT v FROM kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("rançongiciel");
    }
  }

  @Test
  void oneServerPerDataDirectoryPerJvm() {
    assertThat(EmbeddedPostgres.start(dir)).isSameAs(EmbeddedPostgres.start(dir));
  }

  @Test
  void refusesConnectionsWithoutTheGeneratedPassword() throws Exception {
    EmbeddedPostgres server = EmbeddedPostgres.start(dir);
    assertThat(Files.getPosixFilePermissions(dir.resolve("pg-password")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try {
      DriverManager.getConnection(server.jdbcUrl(), server.username(), "postgres").close();
      throw new AssertionError("connected with a guessed password");
    } catch (SQLException expected) {
      assertThat(expected.getSQLState()).isEqualTo("28P01");
    }
  }
}
