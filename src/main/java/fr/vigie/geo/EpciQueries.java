package fr.vigie.geo;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** SQL over {@code geo_epci} and {@code geo_epci_member}. */
@Singleton
class EpciQueries {

  private final GeoJdbc jdbc;

  EpciQueries(GeoJdbc jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Epci> bySiren(String siren) {
    List<EpciMember> members =
        jdbc.list(
            "SELECT c.code, c.name, c.population FROM geo_epci_member m"
                + " JOIN geo_commune c ON c.code = m.commune_code"
                + " WHERE m.epci_siren = ? ORDER BY c.population DESC NULLS LAST, c.code",
            row ->
                new EpciMember(
                    row.getString("code"),
                    row.getString("name"),
                    GeoJdbc.nullableInt(row, "population")),
            siren);
    return jdbc
        .list(
            "SELECT siren, name, type, population FROM geo_epci WHERE siren = ?",
            row ->
                new Epci(
                    row.getString("siren"),
                    row.getString("name"),
                    EpciType.valueOf(row.getString("type")),
                    GeoJdbc.nullableInt(row, "population"),
                    members),
            siren)
        .stream()
        .findFirst();
  }
}
