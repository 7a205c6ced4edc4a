/**
 * Demo data (DESIGN.md §12): with {@code VIGIE_DEMO_DATA=true}, a first start loads fictional
 * providers, a public contract, users of every role and a year and a half of synthetic tickets, so
 * that a newcomer's first run shows a living queue, portal and dashboard.
 */
package fr.vigie.demo;
