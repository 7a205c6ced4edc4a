package fr.vigie.geo;

/**
 * Legal form of an EPCI à fiscalité propre, with the DGCL codes used by the reference data.
 *
 * <p>NIS2 derivation (DESIGN.md §5) treats métropoles, communautés urbaines and communautés
 * d'agglomération apart from communautés de communes; the predicates below name those groups.
 */
public enum EpciType {
  /** Communauté de communes. */
  CC("Communauté de communes"),
  /** Communauté d'agglomération. */
  CA("Communauté d'agglomération"),
  /** Communauté urbaine. */
  CU("Communauté urbaine"),
  /** Métropole (including the Métropole du Grand Paris and Aix-Marseille-Provence). */
  METRO("Métropole"),
  /** Métropole de Lyon, a collectivité with a special status counted as an EPCI by the DGCL. */
  MET69("Métropole de Lyon");

  private final String label;

  EpciType(String label) {
    this.label = label;
  }

  /** French label, for factors and screens. */
  public String label() {
    return label;
  }

  /** A métropole of any kind. */
  public boolean isMetropole() {
    return this == METRO || this == MET69;
  }

  /** A communauté d'agglomération. */
  public boolean isAgglomeration() {
    return this == CA;
  }

  /**
   * Métropole, communauté urbaine or communauté d'agglomération: the EPCI that are NIS2 essential
   * when one member commune has more than 30,000 inhabitants.
   */
  public boolean isMetropoleOrUrbanOrAgglo() {
    return isMetropole() || this == CU || this == CA;
  }
}
