/**
 * Triage: turns a report into a severity, an RSIT classification, orientations and deadlines, each
 * with the plain-words factors that explain it (DESIGN.md §5). It also owns the threat catalogue:
 * the victim's vocabulary, its RSIT mapping and the first aid given at intake (DESIGN.md §4).
 */
package fr.vigie.triage;
