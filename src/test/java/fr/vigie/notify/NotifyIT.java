package fr.vigie.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import fr.vigie.db.Database;
import fr.vigie.routing.Provider;
import fr.vigie.routing.ProviderDirectory;
import fr.vigie.security.UserService;
import fr.vigie.testing.Http;
import fr.vigie.testing.Providers;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Notifications over real wires: e-mails received by a GreenMail SMTP server, webhooks by a local
 * HTTP server that checks the signature itself, a delivery that fails then succeeds sent once, and
 * a delivery that keeps failing given up and flagged.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "NotifyIT")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifyIT implements TestPropertyProvider {

  static final Instant FRIDAY_10 = Instant.parse("2026-11-20T09:00:00Z");
  static final AtomicReference<Instant> NOW = new AtomicReference<>(FRIDAY_10);
  static final String SECRET = "un-secret-de-webhook-assez-long";

  /** What the webhook receiver got: headers and body of each request. */
  record Received(String signature, String delivery, String event, String body) {}

  final GreenMail mail;
  final HttpServer receiver;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresToGo = new AtomicInteger();

  NotifyIT() throws IOException {
    mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("X-Vigie-Signature"),
                  exchange.getRequestHeaders().getFirst("X-Vigie-Delivery"),
                  exchange.getRequestHeaders().getFirst("X-Vigie-Event"),
                  body));
          int status = failuresToGo.getAndDecrement() > 0 ? 500 : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "vigie.notify.smtp.host", "127.0.0.1",
        "vigie.notify.smtp.port", String.valueOf(mail.getSmtp().getPort()),
        "vigie.notify.from", "csirt@vigie.example",
        // The local receiver is on 127.0.0.1, which webhooks may not reach by default
        // (WebhookGuard): this test, and only it, allows that host.
        "vigie.webhooks.allowed-hosts", "127.0.0.1");
  }

  @AfterAll
  void stop() {
    mail.stop();
    receiver.stop(0);
  }

  @Factory
  @Requires(property = "spec.name", value = "NotifyIT")
  static class MovableClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return new fr.vigie.testing.SettableClock(NOW);
    }
  }

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;
  @Inject ProviderDirectory directory;
  @Inject OutboxDispatcher dispatcher;
  @Inject Database database;

  String analyst;

  @BeforeEach
  void reset() {
    NOW.set(FRIDAY_10);
    received.clear();
    failuresToGo.set(0);
    if (analyst == null) {
      analyst = Staff.token(users, client, "ANALYST");
    }
  }

  String hook() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  /** A report from Rennes (35238), qualified and referred to {@code provider}. */
  String referredTo(Provider provider, String email) {
    Http http = new Http(client, json);
    Http.Answer a =
        http.send(
            HttpRequest.POST(
                "/api/v1/reports",
                ReportJson.company(NOW.get())
                    .set("victim.communeCode", "35238")
                    .set("contact.email", email)
                    .set("incident.discoveredAt", "2026-11-20T08:00:00+01:00")
                    .body()));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    String reference = (String) a.json().get("reference");
    assertThat(
            http.send(
                    HttpRequest.POST(
                            "/api/v1/tickets/" + reference + "/transitions",
                            Map.of("to", "QUALIFIED"))
                        .bearerAuth(analyst))
                .status())
        .isEqualTo(200);
    Http.Answer r =
        http.send(
            HttpRequest.POST(
                    "/api/v1/tickets/" + reference + "/referrals",
                    Map.of("providerId", provider.id()))
                .bearerAuth(analyst));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return reference;
  }

  /** Runs dispatcher passes until no message of the ticket is due (bounded). */
  void deliver(String reference) {
    for (int i = 0; i < 200 && due(reference) > 0; i++) {
      dispatcher.dispatch();
    }
    assertThat(due(reference)).as("messages still due").isZero();
  }

  long due(String reference) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT count(*) FROM outbox o JOIN ticket t ON t.id = o.ticket_id"
                      + " WHERE t.reference = ? AND o.state = 'PENDING' AND o.next_attempt_at <= ?")) {
            s.setString(1, reference);
            s.setObject(2, NOW.get().atOffset(ZoneOffset.UTC));
            try (var rows = s.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  List<Map<String, Object>> outbox(String reference, String topic) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT o.channel, o.state, o.attempts, coalesce(o.last_error, '') FROM outbox o JOIN ticket t"
                      + " ON t.id = o.ticket_id WHERE t.reference = ? AND o.topic = ? ORDER BY o.id")) {
            s.setString(1, reference);
            s.setString(2, topic);
            List<Map<String, Object>> out = new java.util.ArrayList<>();
            try (var rows = s.executeQuery()) {
              while (rows.next()) {
                out.add(
                    Map.of(
                        "channel", rows.getString(1),
                        "state", rows.getString(2),
                        "attempts", rows.getInt(3),
                        "error", rows.getString(4)));
              }
            }
            return out;
          }
        });
  }

  List<MimeMessage> to(String address) {
    return java.util.Arrays.stream(mail.getReceivedMessages())
        .filter(
            m -> {
              try {
                return java.util.Arrays.stream(m.getAllRecipients())
                    .anyMatch(r -> r.toString().equals(address));
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  static String expectedSignature(String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of()
        .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theProviderGetsTheReferralByEmailInFrenchAndBySignedWebhook() throws Exception {
    Provider p =
        Providers.provider()
            .name("Cyber Rennes")
            .departements("35", "35")
            .email("astreinte@cyber-rennes.example")
            .webhook(hook(), SECRET)
            .create(directory);
    String reference = referredTo(p, "secretariat@mairie.example");
    deliver(reference);

    List<MimeMessage> mails = to("astreinte@cyber-rennes.example");
    assertThat(mails).as(outbox(reference, "REFERRAL_PROPOSED").toString()).hasSize(1);
    MimeMessage m = mails.get(0);
    assertThat(m.getSubject()).isEqualTo("[Vigie] Nouvelle demande d'intervention " + reference);
    assertThat(m.getFrom()[0].toString()).isEqualTo("csirt@vigie.example");
    String body = GreenMailUtil.getBody(m);
    assertThat(m.getContent().toString())
        .contains("La cellule régionale vous propose d'intervenir sur le dossier " + reference)
        .contains("avant le 2026-11-20T")
        .doesNotContain("Boulangerie")
        .doesNotContain("anne@example.fr");
    assertThat(body).isNotBlank();

    assertThat(received).hasSize(1);
    Received hook = received.get(0);
    assertThat(hook.event()).isEqualTo("REFERRAL_PROPOSED");
    String t = hook.signature().split(",")[0].substring(2);
    String v1 = hook.signature().split(",")[1].substring(3);
    assertThat(Long.parseLong(t)).isEqualTo(FRIDAY_10.getEpochSecond());
    assertThat(v1).isEqualTo(expectedSignature(t, hook.body()));
    assertThat(
            WebhookSignature.verify(
                SECRET, hook.signature(), hook.body(), FRIDAY_10, Duration.ofMinutes(5)))
        .isTrue();
    assertThat(
            WebhookSignature.verify(
                SECRET,
                hook.signature(),
                hook.body(),
                FRIDAY_10.plus(Duration.ofHours(1)),
                Duration.ofMinutes(5)))
        .as("a replay an hour later is refused")
        .isFalse();
    assertThat(
            WebhookSignature.verify(
                SECRET, hook.signature(), hook.body() + " ", FRIDAY_10, Duration.ofMinutes(5)))
        .isFalse();
    Map<String, Object> payload =
        json.readValue(hook.body(), Argument.mapOf(String.class, Object.class));
    assertThat(payload)
        .containsEntry("topic", "REFERRAL_PROPOSED")
        .containsEntry("reference", reference);
    assertThat(outbox(reference, "REFERRAL_PROPOSED"))
        .extracting(r -> r.get("channel") + " " + r.get("state") + " " + r.get("attempts"))
        .containsExactlyInAnyOrder("EMAIL SENT 1", "WEBHOOK SENT 1");

    // Another pass sends nothing again.
    dispatcher.dispatch();
    assertThat(received).hasSize(1);
    assertThat(to("astreinte@cyber-rennes.example")).hasSize(1);
  }

  @Test
  void theVictimGetsAReceiptWithItsReferenceAndFirstAid() throws Exception {
    Provider p = Providers.provider().departements("35", "35").create(directory);
    String reference = referredTo(p, "gerance@boulangerie-rennes.example");
    deliver(reference);
    List<MimeMessage> mails = to("gerance@boulangerie-rennes.example");
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getSubject())
        .isEqualTo("[Vigie] Votre signalement " + reference + " est enregistré");
    assertThat(mails.get(0).getContent().toString())
        .contains("Son numéro de dossier est " + reference)
        .contains("les premiers gestes")
        .doesNotContain("followUpToken");
  }

  @Test
  void aWebhookThatFailsThenSucceedsIsDeliveredOnce() {
    Provider p =
        Providers.provider().departements("35", "35").webhook(hook(), SECRET).create(directory);
    failuresToGo.set(1);
    String reference = referredTo(p, "a@b.example");
    deliver(reference);
    assertThat(received).hasSize(1);
    assertThat(outbox(reference, "REFERRAL_PROPOSED"))
        .filteredOn(r -> r.get("channel").equals("WEBHOOK"))
        .extracting(r -> r.get("state") + " " + r.get("attempts"))
        .containsExactly("PENDING 1");
    // The retry waits for its backoff (5 s), then goes through once.
    dispatcher.dispatch();
    assertThat(received).hasSize(1);
    NOW.set(FRIDAY_10.plusSeconds(6));
    deliver(reference);
    assertThat(received).hasSize(2);
    assertThat(received.get(0).delivery()).isEqualTo(received.get(1).delivery());
    assertThat(outbox(reference, "REFERRAL_PROPOSED"))
        .filteredOn(r -> r.get("channel").equals("WEBHOOK"))
        .extracting(r -> r.get("state") + " " + r.get("attempts"))
        .containsExactly("SENT 2");
    NOW.set(FRIDAY_10.plus(Duration.ofHours(2)));
    dispatcher.dispatch();
    assertThat(received).hasSize(2);
  }

  /**
   * Issue 16, finding 7, at delivery: a webhook whose host resolves inside the desk's network is
   * refused when it is sent, even if it got into the directory (here written straight into the
   * database, as a name that resolved elsewhere when it was saved would be). {@code localhost}
   * resolves to the receiver's own address, but only {@code 127.0.0.1} is allowed in this test.
   */
  @Test
  void aWebhookResolvingInsideIsNotDeliveredEvenIfSaved() {
    Provider p =
        Providers.provider().departements("35", "35").webhook(hook(), SECRET).create(directory);
    database.inTransaction(
        c -> {
          try (var s = c.prepareStatement("UPDATE provider SET webhook_url = ? WHERE id = ?")) {
            s.setString(1, hook().replace("127.0.0.1", "localhost"));
            s.setLong(2, p.id());
            return s.executeUpdate();
          }
        });
    String reference = referredTo(p, "a@b.example");
    deliver(reference);
    assertThat(received).as("nothing reached the receiver").isEmpty();
    assertThat(outbox(reference, "REFERRAL_PROPOSED"))
        .filteredOn(r -> r.get("channel").equals("WEBHOOK"))
        .extracting(r -> r.get("state") + " " + r.get("attempts"))
        .containsExactly("PENDING 1");
  }

  @Test
  void aDeliveryThatKeepsFailingIsGivenUpAndFlagged() {
    Provider p =
        Providers.provider().departements("35", "35").webhook(hook(), SECRET).create(directory);
    failuresToGo.set(1_000);
    String reference = referredTo(p, "a@b.example");
    for (int hours = 0; hours <= 25; hours++) {
      NOW.set(FRIDAY_10.plus(Duration.ofHours(hours)));
      deliver(reference);
    }
    assertThat(outbox(reference, "REFERRAL_PROPOSED"))
        .filteredOn(r -> r.get("channel").equals("WEBHOOK"))
        .extracting(r -> r.get("state"))
        .containsExactly("FAILED");
    int attempts = received.size();
    assertThat(attempts).isBetween(2, 30);
    NOW.set(FRIDAY_10.plus(Duration.ofDays(3)));
    dispatcher.dispatch();
    assertThat(received).hasSize(attempts);
  }

  @Test
  void theCoordinatorsAreToldWhenNoProviderIsEligible() throws Exception {
    String name = "coord-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    users.create(new UserService.NewUser(name, Staff.PASSWORD, List.of("COORDINATOR"), null));
    database.inTransaction(
        c -> {
          try (var s = c.prepareStatement("UPDATE app_user SET email = ? WHERE username = ?")) {
            s.setString(1, name + "@csirt.example");
            s.setString(2, name);
            return s.executeUpdate();
          }
        });
    Http http = new Http(client, json);
    Http.Answer a =
        http.send(
            HttpRequest.POST(
                "/api/v1/reports",
                ReportJson.mairie(NOW.get())
                    .set("victim.type", "ASSOCIATION")
                    .set("victim.siren", null)
                    .set("victim.name", "Association du Pays de Retz")
                    .set("victim.communeCode", "22278")
                    .set("victim.hasItProvider", false)
                    .set("incident.discoveredAt", "2026-11-20T08:00:00+01:00")
                    .body()));
    String reference = (String) a.json().get("reference");
    http.send(
        HttpRequest.GET("/api/v1/tickets/" + reference + "/referral-options").bearerAuth(analyst));
    deliver(reference);
    List<MimeMessage> mails = to(name + "@csirt.example");
    assertThat(mails)
        .extracting(MimeMessage::getSubject)
        .contains("[Vigie] " + reference + " : aucun prestataire disponible");
  }
}
