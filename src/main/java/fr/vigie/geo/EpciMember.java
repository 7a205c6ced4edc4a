package fr.vigie.geo;

public record EpciMember(String communeCode, String name, Integer population) {}
