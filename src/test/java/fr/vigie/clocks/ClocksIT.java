package fr.vigie.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.clocks.internal.ClockStore;
import fr.vigie.db.Database;
import fr.vigie.security.UserService;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLA and regulatory clocks end to end, with a clock the test moves: they follow the ticket's
 * events, pause and resume, are re-targeted, replay to the same due times, take the victim's legal
 * filings, and the sweeper records each warning and breach once, even with two sweepers racing.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "ClocksIT")
// Tokens expire on the injected clock, which these tests move by days: one token for the class.
@Property(name = "micronaut.security.token.generator.access-token.expiration", value = "315360000")
class ClocksIT {

  /** Monday 16 November 2026, 09:00 in Paris (in the past, so no other test sees these as new). */
  static final Instant MONDAY_9 = Instant.parse("2026-11-16T08:00:00Z");

  static final AtomicReference<Instant> NOW = new AtomicReference<>(MONDAY_9);

  @Factory
  @Requires(property = "spec.name", value = "ClocksIT")
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
  @Inject Database database;
  @Inject Clock clock;
  @Inject ClockMetrics metrics;
  @Inject ClockRecomputer recomputer;
  @Inject Sweeper sweeper;

  static String analyst;

  @BeforeEach
  void staff() {
    NOW.set(MONDAY_9);
    if (analyst == null) {
      String name = "horloge-" + UUID.randomUUID().toString().substring(0, 8);
      users.create(new UserService.NewUser(name, Staff.PASSWORD, List.of("ANALYST"), null));
      analyst = Staff.login(client, name, Staff.PASSWORD);
    }
  }

  Http.Answer send(MutableHttpRequest<?> request) {
    return new Http(client, json).send(request.bearerAuth(analyst));
  }

  /** A ransomware report from a mairie (P1), the victim aware one hour before it reports. */
  String report() {
    ReportJson report =
        ReportJson.mairie(NOW.get()).set("incident.discoveredAt", "2026-11-16T08:00:00+01:00");
    Http.Answer a = new Http(client, json).send(HttpRequest.POST("/api/v1/reports", report.body()));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.json()).containsEntry("severity", "P1");
    return (String) a.json().get("reference");
  }

  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> clocks(String reference) {
    Http.Answer a = send(HttpRequest.GET("/api/v1/tickets/" + reference + "/clocks"));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    Map<String, Map<String, Object>> byCode = new HashMap<>();
    List<Object> list;
    try {
      list = json.readValue(a.body(), io.micronaut.core.type.Argument.listOf(Object.class));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (Object k : list) {
      Map<String, Object> clock = (Map<String, Object>) k;
      byCode.put((String) clock.get("code"), clock);
    }
    return byCode;
  }

  Http.Answer transition(String reference, String to) {
    Http.Answer a =
        send(HttpRequest.POST("/api/v1/tickets/" + reference + "/transitions", Map.of("to", to)));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a;
  }

  /**
   * A clock's stored due time, read from the database: the class's staff token is dated after the
   * moments some tests move the clock back to.
   */
  Instant dueAt(String reference, String code) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT k.due_at FROM clock k JOIN ticket t ON t.id = k.ticket_id"
                      + " WHERE t.reference = ? AND k.code = ?")) {
            s.setString(1, reference);
            s.setString(2, code);
            try (var rows = s.executeQuery()) {
              rows.next();
              return rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
            }
          }
        });
  }

  Instant nextDue(String reference) {
    return database.read(
        c -> {
          try (var s = c.prepareStatement("SELECT next_due_at FROM ticket WHERE reference = ?")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              rows.next();
              var t = rows.getObject(1, java.time.OffsetDateTime.class);
              return t == null ? null : t.toInstant();
            }
          }
        });
  }

  long count(String sql, Object... parameters) {
    return database.read(
        c -> {
          try (var s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
              s.setObject(i + 1, parameters[i]);
            }
            try (var rows = s.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  /** A P2 (service interrupted at a small company, no funds gone) reported at {@code now}. */
  Http.Answer reportP2(Instant now) {
    NOW.set(now);
    ReportJson report =
        ReportJson.company(now)
            .set("incident.fundsTransferred", null)
            .set("incident.serviceImpact", "INTERRUPTED");
    Http.Answer a = new Http(client, json).send(HttpRequest.POST("/api/v1/reports", report.body()));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.json()).containsEntry("severity", "P2");
    return a;
  }

  // The two dates below are in the past whatever day the suite runs: tickets of this class never
  // come first in another test's "newest first" queue.

  @Test
  void aReportAtHalfPastMidnightOnNewYearsDayInParisBelongsToTheNewYear() {
    // 00:30 on Thursday 1 January 2026 in Paris, still 31 December 2025 in UTC.
    Http.Answer a = reportP2(Instant.parse("2025-12-31T23:30:00Z"));
    String ref = (String) a.json().get("reference");
    assertThat(ref).as("numbered in the desk's year, not UTC's").startsWith("BZH-2026-");
    assertThat(dueAt(ref, "FIRST_CONTACT"))
        .as("two business hours from the first working morning: Friday 2 January, 09:00–11:00")
        .isEqualTo(Instant.parse("2026-01-02T10:00:00Z"));
  }

  @Test
  void aReportOnThe29thOfFebruaryCountsItsBusinessHoursIntoMarch() {
    // 17:30 on Thursday 29 February 2024 in Paris.
    Http.Answer a = reportP2(Instant.parse("2024-02-29T16:30:00Z"));
    String ref = (String) a.json().get("reference");
    assertThat(ref).startsWith("BZH-2024-");
    assertThat(dueAt(ref, "FIRST_CONTACT"))
        .as("30 minutes on the 29th, then 90 on Friday 1 March: 10:30 in Paris")
        .isEqualTo(Instant.parse("2024-03-01T09:30:00Z"));
  }

  @Test
  void theClocksFollowTheTicketsEventsAndReplayToTheSameDueTimes() {
    String ref = report();
    // Intake computes the first clocks from what it holds, without reading the ticket back.
    assertTheStoredClocksAreAReplayOfTheHistory(ref);
    var clocks = clocks(ref);
    // P1: 30 minutes, 2 hours and 5 days on the wall clock from the report.
    assertThat(clocks.get("FIRST_CONTACT"))
        .containsEntry("state", "RUNNING")
        .containsEntry("target", "30m")
        .containsEntry("dueAt", "2026-11-16T08:30:00Z")
        .containsEntry("warnAt", "2026-11-16T08:22:30Z");
    assertThat(clocks.get("QUALIFICATION")).containsEntry("dueAt", "2026-11-16T10:00:00Z");
    assertThat(clocks.get("RESOLUTION")).containsEntry("dueAt", "2026-11-21T08:00:00Z");
    assertThat(clocks.get("GDPR_CNIL_72H"))
        .containsEntry("kind", "REGULATORY")
        .containsEntry("state", "OPEN")
        .containsEntry("dueAt", "2026-11-19T07:00:00Z");
    assertThat(nextDue(ref)).isEqualTo(Instant.parse("2026-11-16T08:30:00Z"));

    // A call at 08:26 UTC meets the first contact; the queue now orders by the qualification.
    NOW.set(Instant.parse("2026-11-16T08:27:00Z"));
    Http.Answer call =
        send(
            HttpRequest.POST(
                "/api/v1/tickets/" + ref + "/calls",
                Map.of("at", "2026-11-16T09:26:00+01:00", "summary", "Premier appel")));
    assertThat(call.status()).as(call.body()).isEqualTo(201);
    assertThat(clocks(ref).get("FIRST_CONTACT"))
        .containsEntry("state", "MET")
        .containsEntry("completedAt", "2026-11-16T08:26:00Z")
        .containsEntry("endedAt", "2026-11-16T08:26:00Z");
    assertThat(nextDue(ref)).isEqualTo(Instant.parse("2026-11-16T10:00:00Z"));

    NOW.set(Instant.parse("2026-11-16T08:40:00Z"));
    transition(ref, "QUALIFIED");
    assertThat(clocks(ref).get("QUALIFICATION")).containsEntry("state", "MET");

    // Waiting on the victim for two hours pauses resolution; it resumes two hours later.
    NOW.set(Instant.parse("2026-11-16T09:00:00Z"));
    transition(ref, "WAITING_ON_VICTIM");
    assertThat(clocks(ref).get("RESOLUTION"))
        .containsEntry("state", "PAUSED")
        .containsEntry("dueAt", null);
    assertThat(nextDue(ref))
        .as("a paused clock does not order the queue")
        .isEqualTo(Instant.parse("2026-11-19T07:00:00Z"));
    NOW.set(Instant.parse("2026-11-16T11:00:00Z"));
    transition(ref, "QUALIFIED");
    assertThat(clocks(ref).get("RESOLUTION"))
        .containsEntry("state", "RUNNING")
        .containsEntry("dueAt", "2026-11-21T10:00:00Z");
    assertThat(((Number) clocks(ref).get("RESOLUTION").get("pausedMinutes")).longValue())
        .isEqualTo(120);

    // A lower severity re-targets what still runs, from the report: P3 resolution is 20
    // business days (180 h) from Monday 09:00 in Paris without the pause (10:00–12:00 in Paris):
    // 7 h on Monday, 19 full days to Friday 11 December, 2 h: Monday 14 December 11:00 in Paris.
    NOW.set(Instant.parse("2026-11-16T11:05:00Z"));
    Http.Answer lower =
        send(
            HttpRequest.PATCH(
                "/api/v1/tickets/" + ref + "/triage",
                Map.of("severity", "P3", "reason", "Sauvegardes saines, pas d'urgence")));
    assertThat(lower.status()).as(lower.body()).isEqualTo(200);
    clocks = clocks(ref);
    assertThat(clocks.get("RESOLUTION"))
        .containsEntry("target", "20bd")
        .containsEntry("dueAt", "2026-12-14T10:00:00Z");
    assertThat(clocks.get("FIRST_CONTACT"))
        .as("met clocks keep the target they were met under")
        .containsEntry("target", "30m")
        .containsEntry("state", "MET");

    // Replaying the whole stored history gives the due times computed event by event.
    assertTheStoredClocksAreAReplayOfTheHistory(ref);
  }

  void assertTheStoredClocksAreAReplayOfTheHistory(String ref) {
    var clocks = clocks(ref);
    var replayed =
        database.read(
            c -> recomputer.rules().sla(ClockStore.history(c, ticketId(c, ref)).orElseThrow()));
    assertThat(replayed).isNotEmpty();
    for (var k : replayed) {
      assertThat(clocks.get(k.code()))
          .as(k.code())
          .containsEntry("dueAt", k.dueAt() == null ? null : k.dueAt().toString())
          .containsEntry("warnAt", k.warnAt() == null ? null : k.warnAt().toString())
          .containsEntry("target", k.target())
          .containsEntry("endedAt", k.endedAt() == null ? null : k.endedAt().toString());
    }
  }

  static long ticketId(java.sql.Connection c, String reference) throws java.sql.SQLException {
    try (var s = c.prepareStatement("SELECT id FROM ticket WHERE reference = ?")) {
      s.setString(1, reference);
      try (var rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @Test
  void theSweeperWarnsAndRecordsABreachOnceAndTellsTheCoordinators() {
    String ref = report();
    NOW.set(Instant.parse("2026-11-16T08:20:00Z"));
    sweeper.sweep();
    assertThat(clocks(ref).get("FIRST_CONTACT")).containsEntry("state", "RUNNING");

    NOW.set(Instant.parse("2026-11-16T08:23:00Z"));
    sweeper.sweep();
    assertThat(clocks(ref).get("FIRST_CONTACT")).containsEntry("state", "WARNING");
    NOW.set(Instant.parse("2026-11-16T08:31:00Z"));
    sweeper.sweep();
    sweeper.sweep();
    assertThat(clocks(ref).get("FIRST_CONTACT")).containsEntry("state", "BREACHED");
    assertThat(
            count(
                "SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
                    + " WHERE t.reference = ? AND e.type IN ('CLOCK_WARNING', 'CLOCK_BREACHED')"
                    + " AND e.details->>'code' = 'FIRST_CONTACT'",
                ref))
        .isEqualTo(2);
    assertThat(
            count(
                "SELECT count(*) FROM outbox o JOIN ticket t ON t.id = o.ticket_id"
                    + " WHERE t.reference = ? AND o.payload->>'code' = 'FIRST_CONTACT'"
                    + " AND o.recipient = '{\"role\": \"COORDINATOR\"}'::jsonb"
                    + " AND o.topic IN ('CLOCK_WARNING', 'CLOCK_BREACHED')",
                ref))
        .as("unassigned: the coordinators are told, once per level")
        .isEqualTo(2);

    // Met late: still a breach, with the moment it was met.
    NOW.set(Instant.parse("2026-11-16T08:45:00Z"));
    send(
        HttpRequest.POST(
            "/api/v1/tickets/" + ref + "/messages", Map.of("text", "Nous vous rappelons.")));
    assertThat(clocks(ref).get("FIRST_CONTACT"))
        .containsEntry("state", "BREACHED")
        .containsEntry("completedAt", "2026-11-16T08:45:00Z");
  }

  @Test
  void twoSweepersRacingRecordAndNotifyEachLevelExactlyOnce() throws Exception {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      refs.add(report());
    }
    // Small batches so that the two sweepers interleave on the same rows.
    Sweeper a = new Sweeper(database, clock, metrics, 3);
    Sweeper b = new Sweeper(database, clock, metrics, 3);
    for (Instant at :
        List.of(Instant.parse("2026-11-16T08:25:00Z"), Instant.parse("2026-11-16T08:35:00Z"))) {
      NOW.set(at);
      race(a, b);
    }
    for (String ref : refs) {
      for (String type : List.of("CLOCK_WARNING", "CLOCK_BREACHED")) {
        assertThat(
                count(
                    "SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
                        + " WHERE t.reference = ? AND e.type = ?"
                        + " AND e.details->>'code' = 'FIRST_CONTACT'",
                    ref,
                    type))
            .as(ref + " " + type)
            .isEqualTo(1);
        assertThat(
                count(
                    "SELECT count(*) FROM outbox o JOIN ticket t ON t.id = o.ticket_id"
                        + " WHERE t.reference = ? AND o.topic = ?"
                        + " AND o.payload->>'code' = 'FIRST_CONTACT'",
                    ref,
                    type))
            .as(ref + " " + type + " notification")
            .isEqualTo(1);
      }
      assertThat(clocks(ref).get("FIRST_CONTACT")).containsEntry("state", "BREACHED");
    }
  }

  /** Both sweepers start together and each sweeps three times. */
  private static void race(Sweeper a, Sweeper b) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (Sweeper s : List.of(a, b)) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  int recorded = 0;
                  for (int i = 0; i < 3; i++) {
                    recorded += s.sweep();
                  }
                  return recorded;
                }));
      }
      start.countDown();
      for (Future<Integer> run : runs) {
        run.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theVictimsLegalFilingsAreRecordedAndTheNis2FinalReportFollows() {
    ReportJson report =
        ReportJson.mairie(NOW.get())
            .set("victim.type", "DEPARTEMENT")
            .set("victim.name", "Département du Finistère")
            .set("victim.siren", null)
            .set("victim.communeCode", "29232")
            .set("victim.cyberInsured", true)
            .set("incident.discoveredAt", "2026-11-16T08:00:00+01:00")
            .set("incident.personalData", "CONFIRMED");
    Http.Answer receipt =
        new Http(client, json).send(HttpRequest.POST("/api/v1/reports", report.body()));
    String ref = (String) receipt.json().get("reference");
    String token = (String) receipt.json().get("followUpToken");
    String base = "/api/v1/tickets/" + ref + "/clocks/";
    NOW.set(Instant.parse("2026-11-17T10:00:00Z"));

    Http.Answer done =
        send(
            HttpRequest.POST(
                base + "NIS2_NOTIFICATION_72H/complete",
                Map.of(
                    "at", "2026-11-17T10:30:00+01:00",
                    "reference", "ANSSI-2026-0042'; DROP TABLE clock;--",
                    "note", "Déclaré sur MonEspaceNIS2")));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    var clocks = clocks(ref);
    assertThat(clocks.get("NIS2_NOTIFICATION_72H"))
        .containsEntry("state", "DONE")
        .containsEntry("completedAt", "2026-11-17T09:30:00Z");
    assertThat((Map<String, Object>) clocks.get("NIS2_NOTIFICATION_72H").get("details"))
        .containsEntry("reference", "ANSSI-2026-0042'; DROP TABLE clock;--")
        .containsEntry("note", "Déclaré sur MonEspaceNIS2")
        .containsKey("by");
    // One month after the filing (17 December 10:30 in Paris), not after the legal deadline.
    assertThat(clocks.get("NIS2_FINAL_REPORT_1M")).containsEntry("dueAt", "2026-12-17T09:30:00Z");

    Http.Answer again =
        send(
            HttpRequest.POST(
                base + "NIS2_NOTIFICATION_72H/complete",
                Map.of("at", "2026-11-17T10:30:00+01:00")));
    assertThat(again.status()).isEqualTo(409);
    Http.Answer sla =
        send(
            HttpRequest.POST(
                base + "FIRST_CONTACT/complete", Map.of("at", "2026-11-16T09:30:00+01:00")));
    assertThat(sla.status()).isEqualTo(409);
    assertThat(
            send(HttpRequest.POST(
                    base + "NOPE_72H/complete", Map.of("at", "2026-11-16T09:30:00+01:00")))
                .status())
        .isEqualTo(404);
    assertThat(
            send(HttpRequest.POST(
                    "/api/v1/tickets/BZH-2000-999999/clocks/GDPR_CNIL_72H/not-applicable",
                    Map.of("reason", "aucune donnée")))
                .status())
        .isEqualTo(404);

    // Hostile or wrong values are refused by name and change nothing.
    Map<String, Object> future = Map.of("at", "2026-11-30T10:30:00+01:00");
    Map<String, Object> beforeAwareness = Map.of("at", "2026-11-15T10:30:00+01:00");
    Map<String, Object> longReference =
        Map.of("at", "2026-11-16T08:30:00+01:00", "reference", "x".repeat(201));
    Map<String, Object> nul = Map.of("at", "2026-11-16T08:30:00+01:00", "note", "a\u0000b");
    for (var body : List.of(future, beforeAwareness, longReference, nul, Map.of())) {
      Http.Answer refused = send(HttpRequest.POST(base + "GDPR_CNIL_72H/complete", body));
      assertThat(refused.status()).as(body.toString()).isEqualTo(422);
      assertThat(refused.errorFields()).as(body.toString()).isNotEmpty();
    }
    for (String body :
        List.of(
            "{\"at\": true}",
            "{\"at\": \"2026-11-16T08:30:00+01:00\", \"by\": \"admin\"}",
            "[]",
            "{\"at\": \"demain\"}")) {
      Http.Answer refused =
          send(
              HttpRequest.POST(base + "GDPR_CNIL_72H/complete", body)
                  .contentType("application/json"));
      assertThat(refused.status()).as(body).isEqualTo(400);
      assertThat(refused.header("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
    Http.Answer noReason =
        send(HttpRequest.POST(base + "GDPR_CNIL_72H/not-applicable", Map.of("reason", " ")));
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.errorFields()).containsExactly("reason");
    assertThat(clocks(ref).get("GDPR_CNIL_72H")).containsEntry("state", "OPEN");

    Http.Answer moot =
        send(
            HttpRequest.POST(
                base + "LOPMI_COMPLAINT_72H/not-applicable",
                Map.of("reason", "Le département n'a pas d'assurance cyber.")));
    assertThat(moot.status()).as(moot.body()).isEqualTo(200);

    // Past its due time, an unfiled deadline is MISSED and the coordinators are told.
    NOW.set(Instant.parse("2026-11-19T07:01:00Z"));
    sweeper.sweep();
    clocks = clocks(ref);
    assertThat(clocks.get("GDPR_CNIL_72H")).containsEntry("state", "MISSED");
    assertThat(clocks.get("LOPMI_COMPLAINT_72H")).containsEntry("state", "NOT_APPLICABLE");
    assertThat(
            count(
                "SELECT count(*) FROM outbox o JOIN ticket t ON t.id = o.ticket_id WHERE"
                    + " t.reference = ? AND o.payload->>'code' = 'GDPR_CNIL_72H'"
                    + " AND o.payload->>'level' = 'MISSED'",
                ref))
        .isEqualTo(1);

    // The victim sees where each of its deadlines stands.
    Http.Answer view =
        new Http(client, json)
            .send(HttpRequest.GET("/api/v1/reports/" + ref).header("X-Follow-Up-Token", token));
    assertThat((List<Map<String, Object>>) view.json().get("deadlines"))
        .extracting(d -> d.get("code") + " " + d.get("state"))
        .contains(
            "NIS2_NOTIFICATION_72H DONE",
            "GDPR_CNIL_72H MISSED",
            "LOPMI_COMPLAINT_72H NOT_APPLICABLE");
  }

  @Test
  void theClocksAreForStaffOnly() {
    String ref = report();
    Http.Answer anonymous =
        new Http(client, json).send(HttpRequest.GET("/api/v1/tickets/" + ref + "/clocks"));
    assertThat(anonymous.status()).isEqualTo(401);
    String official = Staff.token(users, client, "OFFICIAL");
    Http.Answer forbidden =
        new Http(client, json)
            .send(HttpRequest.GET("/api/v1/tickets/" + ref + "/clocks").bearerAuth(official));
    assertThat(forbidden.status()).isEqualTo(403);
  }
}
