package fr.vigie.geo;

public record Commune(
    String code,
    String name,
    String departement,
    String region,
    String siren,
    Integer population,
    java.util.List<String> postalCodes,
    String epciSiren) {}
