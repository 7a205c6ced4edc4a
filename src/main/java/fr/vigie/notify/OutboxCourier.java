package fr.vigie.notify;

import java.util.Map;

/**
 * Delivers the outbox messages of one more channel than e-mail and webhooks (e.g. {@code MISP},
 * implemented by the observables module): the dispatcher claims, leases, retries with backoff and
 * gives up exactly as for its own channels, and calls {@link #deliver} with no transaction open.
 */
public interface OutboxCourier {

  /** The outbox channel this courier delivers. */
  String channel();

  /**
   * Whether this courier can deliver now (its endpoint is configured). Messages of a courier that
   * is not ready wait in the outbox, unclaimed, as e-mails wait for an SMTP server.
   */
  default boolean ready() {
    return true;
  }

  /**
   * Delivers one message: null when done, else what went wrong (no personal data: it is stored in
   * {@code outbox.last_error}); the message is then retried. Must be safe to repeat.
   */
  String deliver(long messageId, String topic, Map<String, Object> payload) throws Exception;
}
