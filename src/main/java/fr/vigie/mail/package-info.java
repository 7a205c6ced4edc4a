/**
 * The desk's mailbox (DESIGN.md §13): e-mails read over IMAP become reports, replies on their
 * ticket or items for review; their attachments are kept with the ticket; what an analyst writes to
 * the victim also goes by e-mail, through the outbox, in the same thread.
 */
package fr.vigie.mail;
