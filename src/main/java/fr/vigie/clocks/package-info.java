/**
 * Clocks: the French business calendar and, with the clocks issue, the SLA and regulatory clocks
 * computed from a ticket's history (DESIGN.md §7).
 */
package fr.vigie.clocks;
