/**
 * The audit log (DESIGN.md §9): who wrote or looked at what, appended by every write and every read
 * of personal data, hash-chained so that an edit shows, and verified on demand. Other modules call
 * {@link fr.vigie.audit.Audit}; ticket changes are audited by the database with their timeline
 * event (migration V8).
 */
package fr.vigie.audit;
