/**
 * Notifications (DESIGN.md §6, §11): the outbox written in the same transaction as what caused a
 * message, and the dispatcher that delivers it by e-mail over SMTP or by signed webhook, with
 * retries, exactly once per message across instances.
 */
package fr.vigie.notify;
