/**
 * Staff identities: users with roles (DESIGN.md §9), bcrypt passwords, login to a JWT, the
 * bootstrap administrator, and the secrets Vigie generates for itself.
 */
package fr.vigie.security;
