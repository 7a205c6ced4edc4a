/**
 * The analysts' console (DESIGN.md §12, issue 18): the queue at {@code /console} and the ticket
 * page at {@code /console/tickets/{reference}}, drawn by the server from the same services as the
 * API ({@code tickets}, {@code routing}) and authorised the same way; this package only composes.
 */
package fr.vigie.console;
