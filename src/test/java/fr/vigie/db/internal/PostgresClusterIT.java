package fr.vigie.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting after a crash: a server left running by a killed JVM, a half-done initdb. */
class PostgresClusterIT {

  Path dir;
  PostgresCluster cluster;

  @BeforeEach
  void cluster() throws Exception {
    dir = Files.createTempDirectory("vigie-cluster-it");
    cluster = PostgresCluster.in(dir);
    cluster.initIfNeeded();
  }

  @AfterEach
  void cleanUp() throws Exception {
    cluster.stop();
    PostgresCluster.deleteTree(dir);
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static boolean answers(int port, String password) {
    try (var c =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
            PostgresCluster.SUPERUSER,
            password)) {
      return c.isValid(2);
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aServerLeftByAKilledJvmIsStoppedAndTheNewOneStarts() throws Exception {
    int oldPort = freePort();
    cluster.start(oldPort);
    long orphan =
        Long.parseLong(Files.readAllLines(cluster.pgData().resolve("postmaster.pid")).get(0));
    assertThat(answers(oldPort, cluster.password())).isTrue();

    // A new JVM knows nothing of the old server: only the files tell.
    PostgresCluster restarted = PostgresCluster.in(dir);
    int newPort = freePort();
    restarted.start(newPort);

    assertThat(answers(newPort, cluster.password())).isTrue();
    assertThat(answers(oldPort, cluster.password())).isFalse();
    // A stopped process may linger as a zombie until reaped; it must at least not run postgres.
    Optional<String> command =
        ProcessHandle.of(orphan).filter(ProcessHandle::isAlive).flatMap(p -> p.info().command());
    assertThat(command).isEmpty();
  }

  @Test
  void aStalePidFileFromAPowerCutDoesNotBlockTheStart() throws Exception {
    int port = freePort();
    cluster.start(port);
    cluster.stop();
    // What a power cut leaves: a pid file naming a process that no longer exists.
    Files.writeString(
        cluster.pgData().resolve("postmaster.pid"), "999999\n" + cluster.pgData() + "\n");
    int again = freePort();
    cluster.start(again);
    assertThat(answers(again, cluster.password())).isTrue();
  }

  @Test
  void aHalfInitialisedDirectoryIsInitialisedAgain() throws Exception {
    Path other = Files.createTempDirectory("vigie-half-init");
    Files.createDirectories(other.resolve("pg"));
    Files.writeString(other.resolve("pg").resolve("postgresql.conf"), "# interrupted initdb\n");
    PostgresCluster half = PostgresCluster.in(other);
    half.initIfNeeded();
    int port = freePort();
    half.start(port);
    try {
      assertThat(answers(port, half.password())).isTrue();
    } finally {
      half.stop();
      PostgresCluster.deleteTree(other);
    }
  }
}
