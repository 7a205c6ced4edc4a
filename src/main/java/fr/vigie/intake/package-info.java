/**
 * Intake: the public report form (DESIGN.md §10). Reads a report strictly, stores it and opens its
 * ticket in one transaction, and lets the victim follow it with a token shown once.
 */
package fr.vigie.intake;
