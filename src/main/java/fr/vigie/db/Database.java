package fr.vigie.db;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC units of work. Multi-step writes run in one transaction: all of it is committed or
 * none (STYLE.md, "Database"). SQL stays visible in the modules so the benchmarks can replay the
 * exact statements an operation performs.
 */
@Singleton
public final class Database {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);

  /**
   * After a failure to reach PostgreSQL, requests fail at once for this long instead of each
   * waiting for a connection: a database outage answers 503 in microseconds and threads do not pile
   * up. The first request after it tries again, so service resumes within this delay of the
   * database's return.
   */
  static final long BREAK_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);

  private final DataSource dataSource;
  private volatile boolean broken;
  private volatile long closedAfter = System.nanoTime();
  private final java.util.concurrent.atomic.AtomicBoolean probing =
      new java.util.concurrent.atomic.AtomicBoolean();

  Database(DataSource dataSource) {
    // Micronaut Data hands out a proxy bound to its own transactions; Vigie manages its own.
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
  }

  /** Thrown while the breaker is open: it does not extend the break itself. */
  static final class CircuitOpen extends java.sql.SQLTransientConnectionException {
    CircuitOpen() {
      super("PostgreSQL unreachable a moment ago; not retrying yet", "08001");
    }
  }

  private Connection connect() throws SQLException {
    if (!broken) {
      try {
        return dataSource.getConnection();
      } catch (SQLException e) {
        trip(e);
        throw e;
      }
    }
    // Broken: fail fast during the break, then let a single request probe the database while the
    // others keep failing fast; the probe's success closes the breaker.
    if (System.nanoTime() - closedAfter < 0 || !probing.compareAndSet(false, true)) {
      throw new CircuitOpen();
    }
    try {
      Connection connection = dataSource.getConnection();
      broken = false;
      LOG.info("PostgreSQL reachable again");
      return connection;
    } catch (SQLException e) {
      trip(e);
      throw e;
    } finally {
      probing.set(false);
    }
  }

  private void trip(SQLException e) {
    if (e instanceof CircuitOpen || !unreachable(e)) {
      return;
    }
    boolean wasClosed = !broken;
    closedAfter = System.nanoTime() + BREAK_NANOS;
    broken = true;
    if (wasClosed) {
      LOG.warn(
          "PostgreSQL unreachable (SQLSTATE {}): requests answer 503 for the next {} ms, then"
              + " one tries again",
          e.getSQLState(),
          BREAK_NANOS / 1_000_000);
    }
  }

  /** Work that needs a connection and may throw {@link SQLException}. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one read-committed transaction, rolled back on any exception. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        // On a broken connection the rollback fails too: keep the first failure, it says why.
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      } finally {
        try {
          connection.setAutoCommit(true);
        } catch (SQLException ignored) {
          // a broken connection: the pool evicts it
        }
      }
    } catch (SQLException e) {
      trip(e);
      throw new DatabaseException(e);
    }
  }

  /** Runs read-only {@code work} on a connection in auto-commit mode. */
  public <T> T read(Work<T> work) {
    try (Connection connection = connect()) {
      return work.run(connection);
    } catch (SQLException e) {
      trip(e);
      throw new DatabaseException(e);
    }
  }

  /** A database failure the caller cannot act on; answered as a 500 without details. */
  public static final class DatabaseException extends RuntimeException {
    DatabaseException(SQLException cause) {
      super(cause.getMessage(), cause);
    }

    /** The PostgreSQL SQLSTATE, e.g. {@code 23505} for a unique violation. */
    public String sqlState() {
      return ((SQLException) getCause()).getSQLState();
    }

    /** PostgreSQL cannot be reached or is shutting down: answered 503 with Retry-After. */
    public boolean unavailable() {
      return unreachable(getCause());
    }
  }

  /** Whether {@code e} (or a cause) says PostgreSQL cannot be reached or is shutting down. */
  public static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException
          || t instanceof java.net.ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exception; 57P01-03: admin shutdown, crash shutdown, cannot connect now.
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
    }
    return false;
  }
}
