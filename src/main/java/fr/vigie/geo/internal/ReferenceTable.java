package fr.vigie.geo.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code geo_*} table and the committed CSV it is loaded from, in load order (a table comes
 * after the tables it references). The CSV header must match {@link #header()} exactly, so a column
 * renamed by the refresh script fails the load instead of filling the wrong column.
 */
enum ReferenceTable {
  REGION("regions.csv", "geo_region", List.of("code", "name"), List.of("code", "name")),
  DEPARTEMENT(
      "departements.csv",
      "geo_departement",
      List.of("code", "name", "region"),
      List.of("code", "name", "region")),
  EPCI(
      "epci.csv",
      "geo_epci",
      List.of("siren", "name", "type", "population"),
      List.of("siren", "name", "type", "population")),
  COMMUNE(
      "communes.csv",
      "geo_commune",
      List.of(
          "code",
          "name",
          "departement",
          "region",
          "siren",
          "population",
          "postal_codes",
          "epci_siren"),
      List.of(
          "code",
          "name",
          "name_search",
          "departement",
          "region",
          "siren",
          "population",
          "postal_codes",
          "epci_siren")) {
    @Override
    List<String> toColumns(List<String> row) {
      List<String> columns = new ArrayList<>(nullIfEmpty(row));
      columns.add(2, NameNormalizer.normalize(row.get(1)));
      // "29200 29280" in the file, the array literal {29200,29280} for COPY
      columns.set(7, "{" + String.join(",", row.get(6).split(" ")) + "}");
      return columns;
    }
  },
  EPCI_MEMBER(
      "epci_members.csv",
      "geo_epci_member",
      List.of("epci_siren", "commune_code"),
      List.of("epci_siren", "commune_code"));

  private final String file;
  private final String table;
  private final List<String> header;
  private final List<String> columns;

  ReferenceTable(String file, String table, List<String> header, List<String> columns) {
    this.file = file;
    this.table = table;
    this.header = header;
    this.columns = columns;
  }

  String file() {
    return file;
  }

  String table() {
    return table;
  }

  List<String> header() {
    return header;
  }

  String copySql() {
    return "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT csv)";
  }

  /** The values of {@link #copySql()}'s columns for one CSV row; an empty field is NULL. */
  List<String> toColumns(List<String> row) {
    return nullIfEmpty(row);
  }

  static List<String> nullIfEmpty(List<String> row) {
    List<String> values = new ArrayList<>(row.size());
    row.forEach(v -> values.add(v.isEmpty() ? null : v));
    return values;
  }
}
