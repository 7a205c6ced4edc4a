package fr.vigie.web;

/**
 * One mistake shown in an error summary: the id of the field it links to and what to do, in French.
 */
public record FieldProblem(String fieldId, String message) {}
