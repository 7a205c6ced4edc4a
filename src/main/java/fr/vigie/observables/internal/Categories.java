package fr.vigie.observables.internal;

import fr.vigie.stats.VictimCategory;

/** A victim type seen from outside: its statistics category, never more (DESIGN.md §8, §14). */
public final class Categories {

  private Categories() {}

  public static String of(String victimType) {
    return switch (victimType) {
      case "COMMUNE", "EPCI", "DEPARTEMENT", "REGION" -> VictimCategory.COLLECTIVITE.name();
      case "ETABLISSEMENT_PUBLIC" -> VictimCategory.ETABLISSEMENT_PUBLIC.name();
      case "ENTREPRISE" -> VictimCategory.ENTREPRISE.name();
      case "ASSOCIATION" -> VictimCategory.ASSOCIATION.name();
      default -> VictimCategory.PARTICULIER.name();
    };
  }
}
