package fr.vigie.geo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The repeatable migration loaded exactly the committed files. */
@MicronautTest(transactional = false)
class GeoReferenceMigrationIT {

  @Inject DataSource dataSource;

  private Connection connect() throws SQLException {
    return DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
  }

  private static long csvRows(ReferenceTable table) {
    CsvReader csv = new CsvReader(new StringReader(ReferenceFiles.text(table.file())));
    long rows = -1; // the header
    while (csv.next() != null) {
      rows++;
    }
    return rows;
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  @Test
  void everyTableHoldsAsManyRowsAsItsFile() throws SQLException {
    try (Connection connection = connect()) {
      for (ReferenceTable table : ReferenceTable.values()) {
        assertEquals(
            csvRows(table),
            count(connection, "SELECT count(*) FROM " + table.table()),
            table.table());
      }
    }
  }

  @Test
  void theLoadedVersionAndChecksumAreThoseOfTheFiles() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      try (ResultSet version = statement.executeQuery("SELECT version FROM geo_reference")) {
        version.next();
        assertEquals(ReferenceFiles.version(), version.getString(1));
      }
      try (ResultSet history =
          statement.executeQuery(
              "SELECT checksum FROM flyway_schema_history"
                  + " WHERE script = 'fr.vigie.geo.internal.GeoReferenceMigration' AND success"
                  + " ORDER BY installed_rank DESC LIMIT 1")) {
        history.next();
        assertEquals(ReferenceFiles.checksum(), history.getInt(1));
      }
    }
  }

  @Test
  void reloadingInATransactionGivesTheSameCounts() throws Exception {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try {
        Map<ReferenceTable, Long> counts = new GeoReferenceLoader(connection).reload();
        for (ReferenceTable table : ReferenceTable.values()) {
          assertEquals(csvRows(table), counts.get(table), table.table());
        }
      } finally {
        connection.rollback();
      }
    }
  }
}
