package fr.vigie.intake.internal;

import fr.vigie.geo.Commune;
import fr.vigie.geo.Epci;
import fr.vigie.geo.EpciMember;
import fr.vigie.geo.GeoDirectory;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.Locality;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Completes a reported victim from the geography tables: département, région and population never
 * come from the form (DESIGN.md §5). Refuses a commune code that does not exist, a commune's SIREN
 * that is not its own, and an EPCI SIREN that names no EPCI.
 */
@Singleton
public final class VictimLocator {

  private final GeoDirectory geo;

  VictimLocator(GeoDirectory geo) {
    this.geo = geo;
  }

  /** The victim completed from the geography tables, and what triage needs of its EPCI. */
  public record Located(Victim victim, Locality locality) {}

  public Located locate(Victim v) {
    List<FieldError> errors = new ArrayList<>();
    Optional<Commune> commune = Optional.empty();
    if (v.communeCode() != null) {
      commune = geo.commune(v.communeCode());
      if (commune.isEmpty()) {
        errors.add(new FieldError("victim.communeCode", "no commune has this INSEE code"));
      }
    }
    Integer population = null;
    Locality locality = Locality.NONE;
    if (v.type() == VictimType.COMMUNE && commune.isPresent()) {
      if (v.siren() != null && !v.siren().equals(commune.get().siren())) {
        errors.add(
            new FieldError(
                "victim.siren", "is not the SIREN of the commune " + commune.get().name()));
      }
      population = commune.get().population();
    }
    if (v.type() == VictimType.EPCI && v.siren() != null) {
      Optional<Epci> epci = geo.epciBySiren(v.siren());
      if (epci.isEmpty()) {
        errors.add(new FieldError("victim.siren", "no intercommunality has this SIREN"));
      } else {
        population = epci.get().population();
        locality = Locality.of(epci.get());
        if (commune.isEmpty()) {
          commune = largestMember(epci.get());
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    String departement = commune.map(Commune::departement).orElse(null);
    String region = commune.map(Commune::region).orElse(null);
    Victim located =
        new Victim(
            v.type(),
            v.name(),
            v.siren(),
            v.communeCode(),
            departement,
            region,
            population,
            v.headcount(),
            v.nis2(),
            v.oiv(),
            v.ose(),
            v.sector(),
            v.hasItProvider(),
            v.cyberInsured());
    return new Located(located, locality);
  }

  /** An EPCI reported without a commune is located at its most populous member. */
  private Optional<Commune> largestMember(Epci epci) {
    return epci.members().stream()
        .filter(m -> m.population() != null)
        .max(Comparator.comparing(EpciMember::population))
        .flatMap(m -> geo.commune(m.communeCode()));
  }
}
