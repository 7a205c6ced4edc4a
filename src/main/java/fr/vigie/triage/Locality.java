package fr.vigie.triage;

import fr.vigie.geo.EpciType;
import io.micronaut.core.annotation.Nullable;

/**
 * What the geography tables say about the victim, never what the form says: for an EPCI its type
 * and the population of its largest member commune (NIS2 derivation, DESIGN.md §5).
 */
public record Locality(@Nullable EpciType epciType, @Nullable Integer largestMemberPopulation) {

  public static final Locality NONE = new Locality(null, null);

  /** An EPCI's type and the population of its largest member commune. */
  public static Locality of(fr.vigie.geo.Epci epci) {
    return new Locality(
        epci.type(),
        epci.members().stream()
            .map(fr.vigie.geo.EpciMember::population)
            .filter(java.util.Objects::nonNull)
            .max(Integer::compare)
            .orElse(null));
  }
}
