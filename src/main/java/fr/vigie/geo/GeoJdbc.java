package fr.vigie.geo;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs the module's read-only queries. {@link Connectable} borrows a pooled connection for the call
 * (or joins the caller's transaction); parameters are always bound, never concatenated.
 */
@Singleton
@Connectable
class GeoJdbc {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final DataSource dataSource;

  GeoJdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(mapper.map(rows));
        }
        return result;
      }
    } catch (SQLException e) {
      throw new DataAccessException("geo query failed: " + e.getMessage(), e);
    }
  }

  /** A {@code text[]} column as a list; empty for SQL NULL. */
  static List<String> strings(ResultSet row, String column) throws SQLException {
    Array array = row.getArray(column);
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  /** An {@code integer} column that may be NULL. */
  static Integer nullableInt(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }
}
