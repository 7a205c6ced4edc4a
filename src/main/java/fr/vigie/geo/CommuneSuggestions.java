package fr.vigie.geo;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Body of {@code GET /api/v1/geo/communes}: what the intake form's autocomplete shows. Empty lists
 * are written ({@code "items": []}), not dropped as Micronaut Serialization does by default.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record CommuneSuggestions(List<Item> items) {

  /** One commune: enough to show "Plouzané (29280)" and to submit its code. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Item(
      String code, String name, List<String> postalCodes, String departement, String region) {

    static Item of(Commune commune) {
      return new Item(
          commune.code(),
          commune.name(),
          commune.postalCodes(),
          commune.departement(),
          commune.region());
    }
  }

  static CommuneSuggestions of(List<Commune> communes) {
    return new CommuneSuggestions(communes.stream().map(Item::of).toList());
  }
}
