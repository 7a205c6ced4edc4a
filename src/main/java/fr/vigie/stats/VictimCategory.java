package fr.vigie.stats;

/**
 * Who the victim is, for statistics (DESIGN.md §8): communes, EPCI, départements and régions are
 * all {@code COLLECTIVITE}.
 */
public enum VictimCategory {
  COLLECTIVITE,
  ETABLISSEMENT_PUBLIC,
  ENTREPRISE,
  ASSOCIATION,
  PARTICULIER
}
