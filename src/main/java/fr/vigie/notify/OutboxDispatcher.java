package fr.vigie.notify;

import fr.vigie.db.Database;
import fr.vigie.notify.internal.Mailer;
import fr.vigie.notify.internal.Templates;
import fr.vigie.triage.ThreatCatalogue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. A pass claims due messages with {@code FOR UPDATE SKIP LOCKED} and leases
 * them (the attempt is counted and the next try pushed past the lease) in a short transaction,
 * delivers them with no transaction open, then records the result only if its lease is still the
 * current one. So any number of instances share the work, each message is sent once when delivery
 * succeeds, and a message whose sender died is retried when its lease runs out.
 *
 * <p>Failures are retried with exponential backoff; after {@code vigie.notify.give-up-after} the
 * message is FAILED and flagged. A recipient with no address at all fails at once: retrying would
 * not give it one. Logs name the message id and topic, never an address.
 */
@Singleton
@Requires(property = "vigie.notify.dispatcher-enabled", notEquals = "false")
public final class OutboxDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  static final int BATCH = 20;

  /** A claimed message. */
  record Claimed(
      long id,
      String channel,
      String topic,
      String reference,
      Map<String, Object> recipient,
      Map<String, Object> payload,
      Instant createdAt,
      int attempts,
      String messageId) {}

  private final Database database;
  private final Clock clock;
  private final NotifySettings settings;
  private final JsonMapper json;
  private final Templates templates;
  private final Mailer mailer;
  private final HttpClient http;
  private final MeterRegistry meters;
  private final WebhookGuard webhooks;
  private final Map<String, OutboxCourier> couriers = new java.util.HashMap<>();

  OutboxDispatcher(
      Database database,
      Clock clock,
      NotifySettings settings,
      JsonMapper json,
      ThreatCatalogue catalogue,
      MeterRegistry meters,
      WebhookGuard webhooks,
      List<OutboxCourier> couriers,
      @io.micronaut.context.annotation.Value("${vigie.notify.public-url:http://localhost:8080/}")
          String publicUrl) {
    this.database = database;
    this.clock = clock;
    this.settings = settings;
    this.json = json;
    this.templates = new Templates(catalogue, publicUrl);
    this.mailer =
        settings.smtpConfigured()
            ? new Mailer(
                settings.smtpHost,
                settings.smtpPort,
                settings.smtpUsername,
                settings.smtpPassword,
                settings.smtpStarttls,
                settings.from,
                settings.timeout)
            : null;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.meters = meters;
    this.webhooks = webhooks;
    for (OutboxCourier courier : couriers) {
      this.couriers.put(courier.channel(), courier);
    }
    if (mailer == null) {
      LOG.info("No SMTP server configured (vigie.notify.smtp.host): e-mails wait in the outbox");
    }
  }

  @Scheduled(
      fixedDelay = "${vigie.notify.interval:5s}",
      initialDelay = "${vigie.notify.initial-delay:3s}")
  void scheduled() {
    try {
      while (dispatch() == BATCH) {
        // a full batch: there may be more due now
      }
    } catch (RuntimeException e) {
      LOG.warn("Outbox pass failed, the next one retries: {}", e.toString());
    }
  }

  /** One pass: claims up to {@value #BATCH} due messages and delivers them. */
  public int dispatch() {
    Instant now = clock.instant();
    List<Claimed> claimed = database.inTransaction(c -> claim(c, now));
    for (Claimed m : claimed) {
      deliver(m);
    }
    return claimed.size();
  }

  private List<Claimed> claim(Connection c, Instant now) throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            UPDATE outbox o SET attempts = o.attempts + 1, next_attempt_at = ?
            FROM (SELECT id FROM outbox WHERE state = 'PENDING' AND next_attempt_at <= ?
                    AND (channel <> 'EMAIL' OR ?) AND NOT (channel = ANY (?))
                  ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED) due
            WHERE o.id = due.id
            RETURNING o.id, o.channel, o.topic,
              (SELECT reference FROM ticket t WHERE t.id = o.ticket_id),
              o.recipient::text, o.payload::text, o.created_at, o.attempts, o.message_id
            """)) {
      s.setObject(1, now.plus(settings.lease).atOffset(ZoneOffset.UTC));
      s.setObject(2, now.atOffset(ZoneOffset.UTC));
      s.setBoolean(3, mailer != null);
      s.setArray(
          4,
          c.createArrayOf(
              "text",
              couriers.values().stream()
                  .filter(courier -> !courier.ready())
                  .map(OutboxCourier::channel)
                  .toArray()));
      s.setInt(5, BATCH);
      List<Claimed> out = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(
              new Claimed(
                  rows.getLong(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  map(rows.getString(5)),
                  map(rows.getString(6)),
                  rows.getObject(7, OffsetDateTime.class).toInstant(),
                  rows.getInt(8),
                  rows.getString(9)));
        }
      }
      return out;
    }
  }

  private void deliver(Claimed m) {
    String error;
    boolean permanent = false;
    try {
      OutboxCourier courier = couriers.get(m.channel());
      Target target =
          courier != null ? new Target(List.of(), null, null) : database.read(c -> resolve(c, m));
      if (courier != null) {
        error = courier.deliver(m.id(), m.topic(), m.payload());
      } else if (target.addresses().isEmpty() && target.webhookUrl() == null) {
        error = "no address for this recipient";
        permanent = true;
      } else if ("WEBHOOK".equals(m.channel())) {
        error = webhook(m, target);
      } else {
        Map<String, Object> payload = database.read(c -> withText(c, m));
        mailer.send(
            target.addresses(),
            templates.render(m.topic(), m.reference(), payload),
            new Mailer.Headers(
                m.messageId(),
                (String) payload.get("inReplyTo"),
                (String) payload.get("references"),
                !Templates.WRITTEN_BY_A_PERSON.contains(m.topic())));
        error = null;
      }
    } catch (Exception e) {
      error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
    }
    Instant now = clock.instant();
    String state;
    if (error == null) {
      state = "SENT";
    } else if (permanent || !now.isBefore(m.createdAt().plus(settings.giveUpAfter))) {
      state = "FAILED";
    } else {
      state = "PENDING";
    }
    String last = error == null ? null : error.substring(0, Math.min(error.length(), 2000));
    boolean recorded = database.inTransaction(c -> record(c, m, state, last, now));
    if (!recorded) {
      LOG.warn("Outbox message {} ({}) outlived its lease; the retry decides", m.id(), m.topic());
    } else if ("SENT".equals(state)) {
      meters.counter("vigie_outbox_sent_total", "channel", m.channel()).increment();
    } else if ("FAILED".equals(state)) {
      meters.counter("vigie_outbox_failed_total", "channel", m.channel()).increment();
      // Not the error itself: a mail server's refusal quotes the recipient's address, and logs
      // carry no personal data (DESIGN.md §9). It is in the outbox row (last_error).
      LOG.warn(
          "Outbox message {} ({}) given up after {} attempts: {}",
          m.id(),
          m.topic(),
          m.attempts(),
          permanent ? "refused for good, see outbox.last_error" : "delivery kept failing");
    }
  }

  private boolean record(Connection c, Claimed m, String state, String error, Instant now)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            UPDATE outbox SET state = ?, last_error = ?,
              sent_at = CASE WHEN ? = 'SENT' THEN ? ELSE NULL END,
              next_attempt_at = CASE WHEN ? = 'PENDING' THEN ? ELSE next_attempt_at END
            WHERE id = ? AND attempts = ? AND state = 'PENDING'
            """)) {
      OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
      s.setString(1, state);
      s.setString(2, error);
      s.setString(3, state);
      s.setObject(4, at);
      s.setString(5, state);
      s.setObject(6, now.plus(settings.backoff(m.attempts())).atOffset(ZoneOffset.UTC));
      s.setLong(7, m.id());
      s.setInt(8, m.attempts());
      return s.executeUpdate() == 1;
    }
  }

  /**
   * An analyst's message to the victim is not copied into the outbox (retention erases it on the
   * timeline only): its text is read from its timeline event when it is sent.
   */
  private static Map<String, Object> withText(Connection c, Claimed m) throws SQLException {
    Object event = m.payload().get("eventId");
    if (event == null) {
      return m.payload();
    }
    Map<String, Object> payload = new LinkedHashMap<>(m.payload());
    try (var s =
        c.prepareStatement(
            "SELECT e.details->>'text' FROM ticket_event e JOIN outbox o ON o.ticket_id ="
                + " e.ticket_id WHERE e.id = ? AND o.id = ?")) {
      s.setLong(1, ((Number) event).longValue());
      s.setLong(2, m.id());
      try (var rows = s.executeQuery()) {
        payload.put("text", rows.next() ? rows.getString(1) : null);
      }
    }
    return payload;
  }

  /** Where a message goes: e-mail addresses, or a provider's webhook. */
  record Target(List<String> addresses, String webhookUrl, String webhookSecret) {}

  private static Target resolve(Connection c, Claimed m) throws SQLException {
    Map<String, Object> r = m.recipient();
    List<String> addresses = new ArrayList<>();
    if (r.get("provider") != null) {
      try (var s =
          c.prepareStatement(
              "SELECT email, webhook_url, webhook_secret FROM provider WHERE id = ?")) {
        s.setLong(1, ((Number) r.get("provider")).longValue());
        try (var rows = s.executeQuery()) {
          if (!rows.next()) {
            return new Target(List.of(), null, null);
          }
          if ("WEBHOOK".equals(m.channel())) {
            return new Target(List.of(), rows.getString(2), rows.getString(3));
          }
          addresses.add(rows.getString(1));
        }
      }
    } else if (r.get("user") != null) {
      query(
          c, "SELECT email FROM app_user WHERE username = ? AND enabled", r.get("user"), addresses);
    } else if (r.get("role") != null) {
      query(
          c,
          "SELECT email FROM app_user WHERE ? = ANY (roles) AND enabled ORDER BY id",
          r.get("role"),
          addresses);
    } else if (r.get("contact") != null) {
      query(
          c,
          "SELECT email FROM contact WHERE ticket_id = ?",
          ((Number) r.get("contact")).longValue(),
          addresses);
    } else if (r.get("email") != null) {
      addresses.add(String.valueOf(r.get("email")));
    }
    addresses.removeIf(a -> a == null || a.isBlank());
    return new Target(addresses, null, null);
  }

  private static void query(Connection c, String sql, Object key, List<String> into)
      throws SQLException {
    try (var s = c.prepareStatement(sql)) {
      s.setObject(1, key);
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          into.add(rows.getString(1));
        }
      }
    }
  }

  private String webhook(Claimed m, Target target) throws IOException, InterruptedException {
    if (target.webhookUrl() == null || target.webhookSecret() == null) {
      return "the provider has no webhook any more";
    }
    // Checked again now, on the addresses the name resolves to today (issue 16, finding 7).
    String refused = webhooks.problemOnDelivery(target.webhookUrl());
    if (refused != null) {
      return "webhook URL refused: " + refused;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", m.id());
    body.put("topic", m.topic());
    body.put("reference", m.reference());
    body.put("createdAt", m.createdAt().toString());
    body.put("payload", m.payload());
    String text = json.writeValueAsString(body);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(target.webhookUrl()))
            .timeout(settings.timeout)
            .header("Content-Type", "application/json")
            .header("X-Vigie-Event", m.topic())
            .header("X-Vigie-Delivery", String.valueOf(m.id()))
            .header(
                WebhookSignature.HEADER,
                WebhookSignature.sign(target.webhookSecret(), clock.instant(), text))
            .POST(HttpRequest.BodyPublishers.ofString(text))
            .build();
    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
    return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
  }

  private Map<String, Object> map(String text) {
    try {
      return json.readValue(text, Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
