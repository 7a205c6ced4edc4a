/**
 * Cross-cutting HTTP: every error leaves Vigie as {@code application/problem+json} (RFC 9457)
 * naming the offending fields, never a stack trace (DESIGN.md §9); and the Prometheus endpoint.
 */
package fr.vigie.http;
