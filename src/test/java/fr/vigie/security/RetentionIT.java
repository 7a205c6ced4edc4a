package fr.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.routing.ProviderDirectory;
import fr.vigie.security.internal.Retention;
import fr.vigie.testing.Http;
import fr.vigie.testing.Providers;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.testing.TicketCalls;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Retention driven by a clock the test moves. The clock starts in 2001: only this test's tickets
 * end that early, so purging does not touch the tickets other tests share the database with.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "RetentionIT")
class RetentionIT {

  static final Instant START = Instant.parse("2001-03-05T09:00:00Z");
  static final AtomicReference<Instant> NOW = new AtomicReference<>(START);

  @Factory
  @Requires(property = "spec.name", value = "RetentionIT")
  static class MovableClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return NOW.get();
        }
      };
    }
  }

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;
  @Inject Database database;
  @Inject Retention retention;
  @Inject ProviderDirectory directory;

  Http.Answer send(String token, MutableHttpRequest<?> request) {
    return new Http(client, json).send(token == null ? request : request.bearerAuth(token));
  }

  String report(ReportJson report) {
    Http.Answer receipt =
        send(
            null,
            TicketCalls.postJson(
                "/api/v1/reports",
                report
                    .set("incident.discoveredAt", "2001-03-05T08:00:00+01:00")
                    .set("incident.fundsTransferred", null)
                    .body()));
    assertThat(receipt.status()).as(receipt.body()).isEqualTo(201);
    return (String) receipt.json().get("reference");
  }

  void post(String token, String reference, String segment, Map<String, Object> body) {
    Http.Answer answer =
        send(token, TicketCalls.postJson("/api/v1/tickets/" + reference + "/" + segment, body));
    assertThat(answer.status()).as(segment + " " + answer.body()).isIn(200, 201);
  }

  void close(String token, String reference) {
    for (String to : List.of("QUALIFIED", "IN_PROGRESS", "RESOLVED")) {
      post(token, reference, "transitions", Map.of("to", to));
    }
    post(
        token,
        reference,
        "transitions",
        Map.of("to", "CLOSED", "outcome", "ADVICE_ONLY", "prevented", false));
  }

  Map<String, Object> ticket(String token, String reference) {
    return send(token, HttpRequest.GET("/api/v1/tickets/" + reference)).json();
  }

  String column(String sql, String reference) {
    return database.read(
        c -> {
          try (var s = c.prepareStatement(sql)) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              return rows.next() ? rows.getString(1) : null;
            }
          }
        });
  }

  @Test
  @SuppressWarnings("unchecked")
  void personalDataIsPurgedAfterTheRetentionPeriodUnlessHeld() {
    NOW.set(START);
    String analyst = Staff.token(users, client, "ANALYST");
    String coordinator = Staff.token(users, client, "COORDINATOR");
    String closed = report(ReportJson.mairie(NOW.get()));
    String held = report(ReportJson.company(NOW.get()));
    String individual =
        report(
            ReportJson.company(NOW.get())
                .set("victim.type", "PARTICULIER")
                .set("victim.name", "Jean Dupont")
                .set("victim.siren", null)
                .set("victim.headcount", null)
                .set("incident.threat", "PHISHING")
                .set("incident.fundsTransferred", null));
    post(analyst, closed, "notes", Map.of("text", "Le maire a un numéro perso 06 11 22 33 44"));
    post(analyst, closed, "messages", Map.of("text", "Bonjour Madame Martin"));
    post(
        analyst,
        closed,
        "calls",
        Map.of("at", "2001-03-05T09:00:00Z", "summary", "Appel à Claire Martin"));
    close(analyst, closed);
    close(analyst, held);
    Map<String, Object> before = ticket(analyst, closed);
    // What routing and notification leave of a case: a provider's note on its referral, and a
    // mail server's refusal quoting the victim's address (written here as they would be).
    long provider = Providers.provider().create(directory).id();
    database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "INSERT INTO referral (ticket_id, provider_id, mode, state, proposed_by,"
                      + " proposed_at, respond_by, note, outcome)"
                      + " SELECT id, ?, 'SHORTLIST', 'COMPLETED', 'test', ?, ?,"
                      + " 'Rappeler Mme Martin au 06 11 22 33 44', 'RESOLVED'"
                      + " FROM ticket WHERE reference = ?")) {
            s.setLong(1, provider);
            s.setObject(2, START.atOffset(ZoneOffset.UTC));
            s.setObject(3, START.atOffset(ZoneOffset.UTC));
            s.setString(4, closed);
            s.executeUpdate();
          }
          try (var s =
              c.prepareStatement(
                  "INSERT INTO outbox (created_at, dedup_key, channel, topic, ticket_id,"
                      + " recipient, state, next_attempt_at, last_error)"
                      + " SELECT ?, 'retention-probe:' || id, 'EMAIL', 'VICTIM_RECEIPT', id,"
                      + " jsonb_build_object('contact', id), 'FAILED', ?,"
                      + " '550 5.1.1 <anne@example.fr>: Recipient address rejected'"
                      + " FROM ticket WHERE reference = ?")) {
            s.setObject(1, START.atOffset(ZoneOffset.UTC));
            s.setObject(2, START.atOffset(ZoneOffset.UTC));
            s.setString(3, closed);
            s.executeUpdate();
          }
          return null;
        });

    Http.Answer hold =
        send(
            coordinator,
            HttpRequest.PUT(
                "/api/v1/tickets/" + held + "/legal-hold",
                Map.of("legalHold", true, "reason", "Réquisition judiciaire 2001/42")));
    assertThat(hold.status()).as(hold.body()).isEqualTo(200);
    assertThat(hold.json()).containsEntry("legalHold", true).containsEntry("purgedAt", null);
    Instant purgeableFrom = Instant.parse((String) hold.json().get("purgeableFrom"));
    assertThat(purgeableFrom).isEqualTo(START.atOffset(ZoneOffset.UTC).plusMonths(18).toInstant());

    NOW.set(purgeableFrom.minus(Duration.ofMinutes(1)));
    retention.purge();
    // Eighteen months later: new sessions.
    analyst = Staff.token(users, client, "ANALYST");
    coordinator = Staff.token(users, client, "COORDINATOR");
    assertThat((Map<String, Object>) ticket(analyst, closed).get("contact"))
        .as("not yet")
        .containsEntry("email", "anne@example.fr");

    NOW.set(purgeableFrom.plus(Duration.ofMinutes(1)));
    assertThat(retention.purge()).isGreaterThanOrEqualTo(2);
    analyst = Staff.token(users, client, "ANALYST");
    coordinator = Staff.token(users, client, "COORDINATOR");

    Map<String, Object> after = ticket(analyst, closed);
    assertThat(after).as("a purged contact reads as null").containsEntry("contact", null);
    assertThat((Map<String, Object>) after.get("incident"))
        .containsEntry("description", null)
        .containsEntry("observables", List.of());
    for (String kept : List.of("severity", "kind", "status", "rsitClass", "victim")) {
      assertThat(after.get(kept)).as("statistics facts stay: " + kept).isEqualTo(before.get(kept));
    }
    String timeline =
        send(analyst, HttpRequest.GET("/api/v1/tickets/" + closed + "/timeline")).body();
    assertThat(timeline)
        .contains(Retention.PURGED)
        .doesNotContain("06 11 22 33 44")
        .doesNotContain("Madame Martin")
        .doesNotContain("Claire Martin");
    String payload =
        column(
            "SELECT r.payload::text FROM report r JOIN ticket t ON t.report_id = r.id WHERE t.reference = ?",
            closed);
    assertThat(payload)
        .doesNotContain("anne@example.fr")
        .doesNotContain("02 98 00 00 00")
        .doesNotContain("compta@faux.example")
        .contains("RANSOMWARE");

    assertThat(
            column(
                "SELECT r.note FROM referral r JOIN ticket t ON t.id = r.ticket_id"
                    + " WHERE t.reference = ?",
                closed))
        .as("a provider's note on the case")
        .isEqualTo(Retention.PURGED);
    assertThat(
            column(
                "SELECT coalesce(o.last_error, 'none') FROM outbox o JOIN ticket t"
                    + " ON t.id = o.ticket_id WHERE t.reference = ? AND o.state = 'FAILED'",
                closed))
        .as("a delivery error quoting the victim's address")
        .isEqualTo("none");
    assertThat(
            column(
                "SELECT v.name FROM victim v JOIN ticket t ON t.id = v.ticket_id WHERE t.reference = ?",
                individual))
        .as("a private individual's name is personal data")
        .isEqualTo(Retention.PURGED);

    assertThat((Map<String, Object>) ticket(analyst, held).get("contact"))
        .as("held")
        .containsEntry("email", "anne@example.fr");
    String admin = Staff.token(users, client, "ADMIN");
    Http.Answer trail =
        send(
            admin,
            HttpRequest.GET("/api/v1/audit?action=PERSONAL_DATA_PURGED&target=ticket:" + closed));
    assertThat((List<Object>) trail.json().get("items")).hasSize(1);
    assertThat(
            send(analyst, HttpRequest.GET("/api/v1/tickets/" + closed + "/legal-hold"))
                .json()
                .get("purgedAt"))
        .isNotNull();

    Http.Answer lifted =
        send(
            coordinator,
            HttpRequest.PUT("/api/v1/tickets/" + held + "/legal-hold", Map.of("legalHold", false)));
    assertThat(lifted.status()).isEqualTo(200);
    retention.purge();
    assertThat(ticket(analyst, held)).containsEntry("contact", null);
    assertThat(send(admin, HttpRequest.GET("/api/v1/audit?target=ticket:" + held)).body())
        .contains("LEGAL_HOLD_SET")
        .contains("LEGAL_HOLD_LIFTED")
        .contains("PERSONAL_DATA_PURGED")
        .doesNotContain("Réquisition");
  }

  @Test
  void onlyCoordinatorsAndAdministratorsHoldAndAReasonIsRequired() {
    NOW.set(START);
    String reference = report(ReportJson.company(NOW.get()));
    String analyst = Staff.token(users, client, "ANALYST");
    String coordinator = Staff.token(users, client, "COORDINATOR");
    String path = "/api/v1/tickets/" + reference + "/legal-hold";
    assertThat(
            send(analyst, HttpRequest.PUT(path, Map.of("legalHold", true, "reason", "x"))).status())
        .isEqualTo(403);
    assertThat(send(analyst, HttpRequest.GET(path)).status()).isEqualTo(200);
    assertThat(send(Staff.token(users, client, "OFFICIAL"), HttpRequest.GET(path)).status())
        .isEqualTo(403);
    Http.Answer noReason = send(coordinator, HttpRequest.PUT(path, Map.of("legalHold", true)));
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.errorFields()).containsExactly("reason");
    assertThat(send(coordinator, HttpRequest.PUT(path, Map.of("reason", "x"))).errorFields())
        .containsExactly("legalHold");
    assertThat(
            send(
                    coordinator,
                    HttpRequest.PUT(path, Map.of("legalHold", true, "reason", "x", "until", 1)))
                .status())
        .isEqualTo(400);
    assertThat(
            send(
                    coordinator,
                    HttpRequest.PUT(
                        "/api/v1/tickets/BZH-2000-999999/legal-hold",
                        Map.of("legalHold", true, "reason", "x")))
                .status())
        .isEqualTo(404);
    Http.Answer open = send(analyst, HttpRequest.GET(path));
    assertThat(open.json()).containsEntry("endedAt", null).containsEntry("purgeableFrom", null);
  }
}
