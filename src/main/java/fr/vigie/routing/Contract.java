package fr.vigie.routing;

import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/**
 * A public contract: collectivités of these types in these départements go to its ranked providers,
 * the first available rank first (DESIGN.md §6), from {@code validFrom} to {@code validUntil}
 * inclusive.
 */
@Serdeable
public record Contract(
    long id,
    String name,
    List<String> departements,
    List<String> victimTypes,
    List<Rank> providers,
    LocalDate validFrom,
    LocalDate validUntil) {

  @Serdeable
  public record Rank(int rank, long providerId, String name) {}
}
