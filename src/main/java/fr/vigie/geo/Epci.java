package fr.vigie.geo;

import java.util.List;

/**
 * An EPCI à fiscalité propre (communauté de communes, d'agglomération, urbaine, métropole).
 *
 * @param siren its SIREN, the identifier a victim gives for an EPCI
 * @param name official name ({@code Brest Métropole})
 * @param type legal form
 * @param population DGCL population totale of its members, or {@code null}
 * @param members member communes, largest first
 */
public record Epci(
    String siren, String name, EpciType type, Integer population, List<EpciMember> members) {

  public Epci {
    members = List.copyOf(members);
  }

  /** Whether one member commune has strictly more than {@code inhabitants} inhabitants. */
  public boolean hasMemberAbove(int inhabitants) {
    return members.stream().anyMatch(m -> m.population() != null && m.population() > inhabitants);
  }
}
