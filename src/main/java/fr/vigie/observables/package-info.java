/**
 * Observables (normalised technical traces with their TLP), their correlation across tickets, the
 * campaigns that waves of tickets open, and sharing with the CSIRT community: MISP and STIX 2.1
 * exports and pushes to a MISP instance through the outbox (DESIGN.md §14).
 */
package fr.vigie.observables;
