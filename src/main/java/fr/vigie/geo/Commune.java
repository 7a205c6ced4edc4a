package fr.vigie.geo;

import java.util.List;

/**
 * A current commune of the COG.
 *
 * @param code INSEE code, five characters ({@code 29212}, {@code 2A004}); never a number
 * @param name official name with accents and hyphens ({@code Plouzané})
 * @param departement département code ({@code 29}, {@code 2A}, {@code 974})
 * @param region région code ({@code 53})
 * @param siren the commune's SIREN, or {@code null} (most overseas collectivités have none)
 * @param population INSEE population municipale of the latest legal census, or {@code null}
 * @param postalCodes La Poste codes, sorted; a postal code may serve several communes
 * @param epciSiren SIREN of its EPCI à fiscalité propre, or {@code null} (a few islands)
 */
public record Commune(
    String code,
    String name,
    String departement,
    String region,
    String siren,
    Integer population,
    List<String> postalCodes,
    String epciSiren) {

  public Commune {
    postalCodes = List.copyOf(postalCodes);
  }
}
