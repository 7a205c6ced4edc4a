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

  private final DataSource dataSource;

  Database(DataSource dataSource) {
    // Micronaut Data hands out a proxy bound to its own transactions; Vigie manages its own.
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
  }

  /** Work that needs a connection and may throw {@link SQLException}. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one read-committed transaction, rolled back on any exception. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /** Runs read-only {@code work} on a connection in auto-commit mode. */
  public <T> T read(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
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
  }
}
