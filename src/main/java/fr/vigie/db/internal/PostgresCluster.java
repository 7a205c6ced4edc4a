package fr.vigie.db.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL cluster in {@code <dataDir>/pg}, driven with initdb and pg_ctl.
 *
 * <p>Unlike zonky's test-oriented defaults, the server runs with {@code fsync=on} and {@code
 * synchronous_commit=on}: a desk must not lose an acknowledged report on a power cut. A cluster
 * left running by a JVM that was killed is stopped before a new start, so a restart after a crash
 * works.
 */
public final class PostgresCluster {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);
  public static final String SUPERUSER = "vigie";

  private final Path binaries;
  private final Path dataDir;
  private final Path pgData;

  public PostgresCluster(Path binaries, Path dataDir) {
    this.binaries = binaries;
    this.dataDir = dataDir;
    this.pgData = dataDir.resolve("pg");
  }

  public static PostgresCluster in(Path dataDir) throws IOException {
    return new PostgresCluster(PostgresBinaries.unpack(), dataDir.toAbsolutePath().normalize());
  }

  public Path pgData() {
    return pgData;
  }

  /** The superuser's password, generated on first start and kept beside the cluster (0600). */
  public String password() throws IOException {
    Path file = dataDir.resolve("pg-password");
    if (!Files.exists(file)) {
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  public void initIfNeeded() throws IOException {
    Files.createDirectories(dataDir);
    // The unprivileged server user must be able to traverse to its own directory.
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (Files.exists(pgData.resolve("PG_VERSION"))) {
      return;
    }
    if (Files.exists(pgData)) {
      // initdb died half-way in an earlier start: nothing was ever stored there.
      deleteTree(pgData);
    }
    Files.createDirectories(pgData);
    Files.setPosixFilePermissions(pgData, PosixFilePermissions.fromString("rwx------"));
    Path pwFile = dataDir.resolve(".initdb-pw");
    Files.writeString(pwFile, password());
    try {
      ownByServerUser(pgData);
      ownByServerUser(pwFile);
      Processes.run(
          List.of(
              bin("initdb"),
              "-D",
              pgData.toString(),
              "-U",
              SUPERUSER,
              "--auth=scram-sha-256",
              "--pwfile=" + pwFile,
              "-E",
              "UTF8",
              "--locale=C"),
          120);
    } finally {
      Files.deleteIfExists(pwFile);
    }
    Path conf = pgData.resolve("postgresql.conf");
    Files.writeString(
        conf,
        Files.readString(conf) + "\ninclude_if_exists = 'vigie.conf'\n",
        StandardCharsets.UTF_8);
    LOG.info("Initialised a new PostgreSQL cluster in {}", pgData);
  }

  /** Starts the server on {@code port}; stops first a server left running by a killed JVM. */
  public void start(int port) throws IOException {
    stopOrphan();
    Path conf = pgData.resolve("vigie.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "# Written by Vigie at each start (fr.vigie.db): durability first.",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "fsync = on",
            "synchronous_commit = on",
            "full_page_writes = on",
            "max_connections = 100",
            ""));
    ownByServerUser(conf);
    Processes.run(
        List.of(
            bin("pg_ctl"),
            "-D",
            pgData.toString(),
            "-l",
            pgData.resolve("postgres.log").toString(),
            "-o",
            "-p " + port,
            "-w",
            "-t",
            "60",
            "start"),
        90);
  }

  public void stop() throws IOException {
    if (Files.exists(pgData.resolve("postmaster.pid"))) {
      Processes.run(
          List.of(bin("pg_ctl"), "-D", pgData.toString(), "-m", "fast", "-w", "-t", "60", "stop"),
          90);
    }
  }

  private void stopOrphan() throws IOException {
    Optional<ProcessHandle> running = postmaster();
    if (running.isEmpty()) {
      return;
    }
    LOG.warn("A PostgreSQL server left by an earlier run still holds {}; stopping it", pgData);
    try {
      stop();
    } catch (IOException e) {
      LOG.warn("pg_ctl stop failed ({}); killing the old server", e.getMessage());
      running.get().destroyForcibly();
      running.get().onExit().join();
    }
  }

  private Optional<ProcessHandle> postmaster() throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
  }

  private String bin(String tool) {
    return binaries.resolve("bin").resolve(tool).toString();
  }

  private static void ownByServerUser(Path path) throws IOException {
    if (Processes.runningAsRoot()) {
      Files.setAttribute(path, "unix:uid", Processes.UNPRIVILEGED_UID);
      Files.setAttribute(path, "unix:gid", Processes.UNPRIVILEGED_UID);
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
