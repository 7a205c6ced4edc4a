/**
 * Staff identities and the edge of the service (DESIGN.md §9): users with roles, bcrypt passwords
 * under a policy, login with lockout, revocable sessions (access and rotated refresh tokens),
 * optional OIDC issuers, the bootstrap administrator, generated secrets; rate limits per client,
 * security headers and CORS on every answer; the retention of personal data and legal holds.
 */
package fr.vigie.security;
