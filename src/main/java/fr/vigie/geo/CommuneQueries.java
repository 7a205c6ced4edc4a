package fr.vigie.geo;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL over {@code geo_commune} and {@code geo_departement}. */
@Singleton
class CommuneQueries {

  private static final String SELECT =
      "SELECT code, name, departement, region, siren, population, postal_codes, epci_siren"
          + " FROM geo_commune ";

  private final GeoJdbc jdbc;

  CommuneQueries(GeoJdbc jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Commune> byCode(String code) {
    return first(jdbc.list(SELECT + "WHERE code = ?", CommuneQueries::commune, code));
  }

  Optional<Commune> bySiren(String siren) {
    return first(jdbc.list(SELECT + "WHERE siren = ?", CommuneQueries::commune, siren));
  }

  /** Communes whose normalised name starts with {@code prefix}, the most populated first. */
  List<Commune> byNamePrefix(String prefix, int limit) {
    String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return jdbc.list(
        SELECT
            + "WHERE name_search LIKE ? ESCAPE '\\'"
            + " ORDER BY population DESC NULLS LAST, name_search, name, code LIMIT ?",
        CommuneQueries::commune,
        pattern,
        limit);
  }

  /** Communes served by a postal code, by name (accents ignored, whatever the collation). */
  List<Commune> byPostalCode(String postalCode, int limit) {
    return jdbc.list(
        SELECT + "WHERE postal_codes @> ARRAY[?]::text[] ORDER BY name_search, name, code LIMIT ?",
        CommuneQueries::commune,
        postalCode,
        limit);
  }

  /** The names of every département and région, by code: a hundred-odd rows. */
  java.util.Map<String, String> namesOfDepartementsAndRegions() {
    java.util.Map<String, String> names = new java.util.HashMap<>();
    jdbc.list(
            "SELECT 'D' || code, name FROM geo_departement UNION ALL"
                + " SELECT 'R' || code, name FROM geo_region",
            row -> java.util.Map.entry(row.getString(1), row.getString(2)))
        .forEach(e -> names.put(e.getKey(), e.getValue()));
    return names;
  }

  Optional<String> regionOfDepartement(String code) {
    return first(
        jdbc.list(
            "SELECT region FROM geo_departement WHERE code = ?", row -> row.getString(1), code));
  }

  private static Commune commune(ResultSet row) throws SQLException {
    return new Commune(
        row.getString("code"),
        row.getString("name"),
        row.getString("departement"),
        row.getString("region"),
        row.getString("siren"),
        GeoJdbc.nullableInt(row, "population"),
        GeoJdbc.strings(row, "postal_codes"),
        row.getString("epci_siren"));
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.stream().findFirst();
  }
}
