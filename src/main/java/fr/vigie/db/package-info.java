/**
 * Database bootstrap: decides which PostgreSQL Vigie talks to (an external one named by {@code
 * DATASOURCES_DEFAULT_URL}, else an embedded server it starts itself, DESIGN.md §2) and owns that
 * embedded server's life cycle.
 */
package fr.vigie.db;
