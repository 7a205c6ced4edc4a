package fr.vigie.geo.internal;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Replaces the content of the {@code geo_*} tables with the committed reference files, on the
 * caller's connection and therefore in the caller's transaction: readers see the old reference
 * until the new one is committed, never a half-loaded one.
 */
final class GeoReferenceLoader {

  private final Connection connection;

  GeoReferenceLoader(Connection connection) {
    this.connection = connection;
  }

  /** Deletes and reloads every table; returns the number of rows loaded per table. */
  Map<ReferenceTable, Long> reload() throws SQLException, IOException {
    ReferenceTable[] tables = ReferenceTable.values();
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM geo_reference");
      // DELETE rather than TRUNCATE: TRUNCATE would block every reader of the tables, and other
      // instances keep serving autocomplete while this one starts.
      for (int i = tables.length - 1; i >= 0; i--) {
        statement.execute("DELETE FROM " + tables[i].table());
      }
    }
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    Map<ReferenceTable, Long> counts = new EnumMap<>(ReferenceTable.class);
    for (ReferenceTable table : tables) {
      counts.put(table, copy.copyIn(table.copySql(), new StringReader(copyData(table))));
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO geo_reference (version) VALUES (?)")) {
      insert.setString(1, ReferenceFiles.version());
      insert.executeUpdate();
    }
    try (Statement statement = connection.createStatement()) {
      // Fresh statistics, so the planner uses the indexes on the reloaded tables right away.
      for (ReferenceTable table : tables) {
        statement.execute("ANALYZE " + table.table());
      }
    }
    return counts;
  }

  private static String copyData(ReferenceTable table) {
    CsvReader csv = new CsvReader(new StringReader(ReferenceFiles.text(table.file())));
    List<String> header = csv.next();
    if (!table.header().equals(header)) {
      throw new IllegalStateException(
          table.file() + ": header " + header + ", expected " + table.header());
    }
    CopyCsv out = new CopyCsv();
    int line = 1;
    for (List<String> row = csv.next(); row != null; row = csv.next()) {
      line++;
      if (row.size() != header.size()) {
        throw new IllegalStateException(
            table.file()
                + ": line "
                + line
                + " has "
                + row.size()
                + " fields, expected "
                + header.size());
      }
      out.row(table.toColumns(row));
    }
    return out.toString();
  }
}
