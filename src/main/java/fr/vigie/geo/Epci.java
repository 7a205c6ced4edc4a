package fr.vigie.geo;

public record Epci(
    String siren,
    String name,
    Object type,
    Integer population,
    java.util.List<EpciMember> members) {}
