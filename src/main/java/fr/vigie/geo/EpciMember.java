package fr.vigie.geo;

/**
 * A commune member of an EPCI.
 *
 * @param communeCode INSEE code of the commune
 * @param name commune name
 * @param population the commune's population as in {@link Commune#population()}, or {@code null}
 */
public record EpciMember(String communeCode, String name, Integer population) {}
