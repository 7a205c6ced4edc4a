/**
 * Routing (DESIGN.md §6): the provider directory, public contracts with ranked providers, who is
 * eligible for a ticket and in which order, and referrals from proposal to completion with the
 * provider-side clocks. Notifications it causes go through the outbox ({@code fr.vigie.notify}).
 */
package fr.vigie.routing;
