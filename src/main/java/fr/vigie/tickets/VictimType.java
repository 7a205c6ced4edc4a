package fr.vigie.tickets;

/** Who was hit (DESIGN.md §10). */
public enum VictimType {
  COMMUNE,
  EPCI,
  DEPARTEMENT,
  REGION,
  ETABLISSEMENT_PUBLIC,
  ENTREPRISE,
  ASSOCIATION,
  PARTICULIER
}
