package fr.vigie.db;

import fr.vigie.db.internal.PostgresCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server Vigie starts itself when no external database is configured (DESIGN.md §2).
 * One server per data directory per JVM: every application context of the JVM (the tests create
 * several) shares it. It is stopped on {@link #stop()} or, failing that, by a JVM shutdown hook, so
 * no postgres process outlives a clean exit.
 */
public final class EmbeddedPostgres {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final Map<Path, EmbeddedPostgres> RUNNING = new HashMap<>();
  static final String DATABASE = "vigie";

  private final PostgresCluster cluster;
  private final int port;
  private final String password;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private EmbeddedPostgres(PostgresCluster cluster, int port, String password) {
    this.cluster = cluster;
    this.port = port;
    this.password = password;
  }

  /** Starts (or returns the already running) server that keeps its files in {@code dataDir}. */
  public static synchronized EmbeddedPostgres start(Path dataDir) {
    Path key = dataDir.toAbsolutePath().normalize();
    EmbeddedPostgres running = RUNNING.get(key);
    if (running != null && !running.stopped.get()) {
      return running;
    }
    long started = System.nanoTime();
    try {
      PostgresCluster cluster = PostgresCluster.in(key);
      cluster.initIfNeeded();
      int port = freePort();
      cluster.start(port);
      EmbeddedPostgres server = new EmbeddedPostgres(cluster, port, cluster.password());
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-stop"));
      server.createDatabaseIfMissing();
      RUNNING.put(key, server);
      LOG.info(
          "Embedded PostgreSQL started on 127.0.0.1:{} with data in {} ({} ms)",
          port,
          cluster.pgData(),
          (System.nanoTime() - started) / 1_000_000);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + key, e);
    }
  }

  /** Stops the server of {@code dataDir} if this JVM started one. */
  public static void stopIfRunning(Path dataDir) {
    EmbeddedPostgres running;
    synchronized (EmbeddedPostgres.class) {
      running = RUNNING.get(dataDir.toAbsolutePath().normalize());
    }
    if (running != null) {
      running.stop();
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String username() {
    return PostgresCluster.SUPERUSER;
  }

  public String password() {
    return password;
  }

  public int port() {
    return port;
  }

  /**
   * Stops the server (fast shutdown: open transactions are rolled back, nothing committed lost).
   */
  public void stop() {
    if (stopped.getAndSet(true)) {
      return;
    }
    try {
      cluster.stop();
      LOG.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.error("Could not stop the embedded PostgreSQL: {}", e.getMessage());
    }
    synchronized (EmbeddedPostgres.class) {
      RUNNING.values().remove(this);
    }
  }

  private void createDatabaseIfMissing() {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    try (var connection = DriverManager.getConnection(url, username(), password);
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
      if (!rows.next()) {
        statement.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the database " + DATABASE, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
