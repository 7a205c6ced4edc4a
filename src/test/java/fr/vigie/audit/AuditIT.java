package fr.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.vigie.audit.internal.AuditSealer;
import fr.vigie.db.Database;
import fr.vigie.security.UserService;
import fr.vigie.testing.Http;
import fr.vigie.testing.Providers;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.testing.TicketCalls;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The audit log: writes and reads of personal data leave entries, the sealer chains them without
 * holding writers up, the database refuses edits, and verification finds an edit a superuser made
 * behind the application's back.
 */
@MicronautTest(transactional = false)
class AuditIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;
  @Inject Database database;
  @Inject AuditSealer sealer;
  @Inject Audit audit;

  Http.Answer send(String token, MutableHttpRequest<?> request) {
    return new Http(client, json).send(token == null ? request : request.bearerAuth(token));
  }

  String report() {
    return (String)
        send(null, TicketCalls.postJson("/api/v1/reports", ReportJson.company().body()))
            .json()
            .get("reference");
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> entries(String admin, String query) {
    Http.Answer answer = send(admin, HttpRequest.GET("/api/v1/audit?" + query));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return (List<Map<String, Object>>) answer.json().get("items");
  }

  @Test
  void aReportItsReadingAndItsChangesAreOnRecordWithTheirActors() {
    String admin = Staff.token(users, client, "ADMIN");
    String analyst = Staff.token(users, client, "ANALYST");
    String reference = report();
    assertThat(send(analyst, HttpRequest.GET("/api/v1/tickets/" + reference)).status())
        .isEqualTo(200);
    assertThat(
            send(
                    analyst,
                    TicketCalls.postJson(
                        "/api/v1/tickets/" + reference + "/notes",
                        Map.of("text", "Appel au maire: sauvegardes hors ligne")))
                .status())
        .isEqualTo(201);
    assertThat(
            send(analyst, HttpRequest.GET("/api/v1/tickets/" + reference + "/timeline")).status())
        .isEqualTo(200);

    List<Map<String, Object>> trail = entries(admin, "target=ticket:" + reference);
    assertThat(trail)
        .extracting(e -> e.get("action"))
        .containsExactly("TIMELINE_VIEWED", "NOTE", "TICKET_VIEWED", "REPORT_RECEIVED");
    assertThat(trail.get(3)).containsEntry("actor", "intake:WEB_FORM");
    String analystName = (String) trail.get(2).get("actor");
    assertThat(analystName).startsWith("analyst-");
    assertThat(trail.get(1)).containsEntry("actor", analystName);
    assertThat(trail.toString())
        .as("the audit log holds no personal data: not the note's text")
        .doesNotContain("sauvegardes")
        .doesNotContain("anne@example.fr");

    sealer.seal(true);
    List<Map<String, Object>> sealed = entries(admin, "target=ticket:" + reference);
    assertThat(sealed).allSatisfy(e -> assertThat(e.get("seq")).isNotNull());
    assertThat(sealed).allSatisfy(e -> assertThat((String) e.get("hash")).hasSize(64));
    assertThat(((Number) sealed.get(0).get("seq")).longValue())
        .isGreaterThan(((Number) sealed.get(3).get("seq")).longValue());
  }

  @Test
  void clockFilingsAreOnRecordWithoutTheirText() {
    String admin = Staff.token(users, client, "ADMIN");
    String analyst = Staff.token(users, client, "ANALYST");
    String filed = mairie();
    String waived = mairie();
    // A minute ago by the system clock the Vigie under test runs on: a filing cannot be future.
    String at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();
    Http.Answer complete =
        send(
            analyst,
            TicketCalls.postJson(
                "/api/v1/tickets/" + filed + "/clocks/GDPR_CNIL_72H/complete",
                Map.of("at", at, "reference", "CNIL-2026-77", "note", "Déclaré par Mme Kerbrat")));
    assertThat(complete.status()).as(complete.body()).isEqualTo(200);
    Http.Answer waive =
        send(
            analyst,
            TicketCalls.postJson(
                "/api/v1/tickets/" + waived + "/clocks/GDPR_CNIL_72H/not-applicable",
                Map.of("reason", "Aucune donnée de M. Kerbrat touchée")));
    assertThat(waive.status()).as(waive.body()).isEqualTo(200);

    List<Map<String, Object>> filing = entries(admin, "target=ticket:" + filed);
    assertThat(filing).extracting(e -> e.get("action")).first().isEqualTo("CLOCK_COMPLETED");
    assertThat((String) filing.get(0).get("actor")).startsWith("analyst-");
    List<Map<String, Object>> waiver = entries(admin, "target=ticket:" + waived);
    assertThat(waiver).extracting(e -> e.get("action")).first().isEqualTo("CLOCK_NOT_APPLICABLE");
    assertThat(filing.toString() + waiver)
        .as("the filing's note and the reason stay out of the log")
        .doesNotContain("Kerbrat");
  }

  @Test
  @SuppressWarnings("unchecked")
  void providersContractsReferralsAndThePortalsReadsAreOnRecord() {
    String admin = Staff.token(users, client, "ADMIN");
    String coordinator = Staff.token(users, client, "COORDINATOR");
    String analyst = Staff.token(users, client, "ANALYST");

    Providers firm =
        Providers.provider()
            .name("Audit Morbihan")
            .label("PRIS_ELEVE", "2099-12-31")
            .departements("56", "56")
            .victimTypes("ASSOCIATION")
            .email("astreinte@audit-morbihan.example");
    Http.Answer created =
        send(coordinator, TicketCalls.postJson("/api/v1/providers", firm.request()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long provider = ((Number) created.json().get("id")).longValue();
    Http.Answer replaced =
        send(
            coordinator,
            HttpRequest.PUT("/api/v1/providers/" + provider, firm.capacity(5).request()));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    Http.Answer contract =
        send(
            coordinator,
            TicketCalls.postJson(
                "/api/v1/contracts",
                Map.of(
                    "name",
                    "Marché échu de Corse",
                    "departements",
                    List.of("2A"),
                    "victimTypes",
                    List.of("REGION"),
                    "providerIds",
                    List.of(provider),
                    "validFrom",
                    "2020-01-01",
                    "validUntil",
                    "2020-12-31")));
    assertThat(contract.status()).as(contract.body()).isEqualTo(201);
    List<Map<String, Object>> directory = entries(admin, "target=provider:" + provider);
    assertThat(directory)
        .extracting(e -> e.get("action"))
        .containsExactly("PROVIDER_UPDATED", "PROVIDER_CREATED");
    assertThat((String) directory.get(1).get("actor")).startsWith("coordinator-");
    assertThat(directory.toString()).doesNotContain("astreinte@");
    assertThat(entries(admin, "target=contract:" + contract.json().get("id")))
        .extracting(e -> e.get("action"))
        .containsExactly("CONTRACT_CREATED");

    String reference =
        (String)
            send(
                    null,
                    TicketCalls.postJson(
                        "/api/v1/reports",
                        ReportJson.company()
                            .set("victim.type", "ASSOCIATION")
                            .set("victim.name", "Cercle celtique de Vannes")
                            .set("victim.communeCode", "56260")
                            .body()))
                .json()
                .get("reference");
    assertThat(
            send(
                    analyst,
                    TicketCalls.postJson(
                        "/api/v1/tickets/" + reference + "/transitions", Map.of("to", "QUALIFIED")))
                .status())
        .isEqualTo(200);
    assertThat(
            send(analyst, HttpRequest.GET("/api/v1/tickets/" + reference + "/referral-options"))
                .status())
        .isEqualTo(200);
    Http.Answer proposed =
        send(
            analyst,
            TicketCalls.postJson(
                "/api/v1/tickets/" + reference + "/referrals", Map.of("providerId", provider)));
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    long referral = ((Number) proposed.json().get("id")).longValue();

    String firmUser = Staff.provider(users, client, provider);
    assertThat(send(firmUser, HttpRequest.GET("/api/v1/provider/referrals")).status())
        .isEqualTo(200);
    assertThat(send(firmUser, HttpRequest.GET("/api/v1/provider/referrals/" + referral)).status())
        .isEqualTo(200);
    Http.Answer accepted =
        send(
            firmUser,
            TicketCalls.postJson(
                "/api/v1/provider/referrals/" + referral + "/accept",
                Map.of("note", "On rappelle Mme Le Goff")));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

    List<Map<String, Object>> ticket = entries(admin, "target=ticket:" + reference);
    assertThat(ticket)
        .extracting(e -> e.get("action"))
        .contains("REFERRAL_OPTIONS_SHOWN", "REFERRAL_PROPOSED", "REFERRAL_ACCEPTED");
    List<Map<String, Object>> views = entries(admin, "target=referral:" + referral);
    assertThat(views)
        .extracting(e -> e.get("action"))
        .containsExactly("REFERRAL_VIEWED", "REFERRAL_VIEWED");
    String firmName = (String) views.get(0).get("actor");
    assertThat(firmName).startsWith("provider-");
    assertThat((Map<String, Object>) views.get(0).get("details"))
        .as("after accepting, the provider saw the contact")
        .containsEntry("contactShown", true)
        .containsEntry("ticket", reference);
    assertThat((Map<String, Object>) views.get(1).get("details"))
        .containsEntry("contactShown", false);
    List<Map<String, Object>> lists =
        entries(admin, "action=PROVIDER_REFERRALS_LISTED&actor=" + firmName);
    assertThat(lists).hasSize(1);
    assertThat((List<Number>) ((Map<String, Object>) lists.get(0).get("details")).get("referrals"))
        .extracting(Number::longValue)
        .containsExactly(referral);
    assertThat(ticket.toString() + views + lists)
        .as("no contact, victim name or provider note in the log")
        .doesNotContain("Le Goff")
        .doesNotContain("Cercle celtique")
        .doesNotContain("anne@example.fr");
  }

  String mairie() {
    return (String)
        send(null, TicketCalls.postJson("/api/v1/reports", ReportJson.mairie().body()))
            .json()
            .get("reference");
  }

  @Test
  void theChainVerifiesAfterConcurrentWritersAndSealers() throws Exception {
    String admin = Staff.token(users, client, "ADMIN");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < 6; w++) {
        int writer = w;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    audit.record("tester", "CONCURRENCY_PROBE", "probe:" + writer, Map.of("i", i));
                  }
                }));
      }
      for (int s = 0; s < 2; s++) {
        boolean wait = s == 0;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    sealer.seal(wait);
                  }
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    Http.Answer verify = send(admin, HttpRequest.GET("/api/v1/audit/verify"));
    assertThat(verify.status()).isEqualTo(200);
    assertThat(verify.json()).containsEntry("ok", true).containsEntry("firstBrokenSeq", null);
    assertThat(((Number) verify.json().get("entries")).longValue()).isGreaterThanOrEqualTo(1200);
    assertThat(entries(admin, "action=CONCURRENCY_PROBE&target=probe:3&size=200"))
        .hasSize(200)
        .allSatisfy(e -> assertThat(e.get("seq")).isNotNull());
  }

  @Test
  void theApplicationsConnectionCannotEditOrDeleteAnEntry() {
    audit.record("tester", "EDIT_PROBE", "probe:edit", Map.of());
    sealer.seal(true);
    for (String sql :
        List.of(
            "UPDATE audit_event SET actor = 'mallory' WHERE action = 'EDIT_PROBE'",
            "UPDATE audit_event SET seq = NULL, hash = NULL, prev_hash = NULL"
                + " WHERE action = 'EDIT_PROBE'",
            "DELETE FROM audit_event WHERE action = 'EDIT_PROBE'",
            "TRUNCATE audit_event")) {
      assertThatThrownBy(() -> database.inTransaction(c -> c.createStatement().executeUpdate(sql)))
          .as(sql)
          .isInstanceOf(Database.DatabaseException.class)
          .hasMessageContaining("audit_event rows cannot be changed or deleted");
    }
    // An unsealed row cannot be edited either: only the sealer's fill of the chain is allowed.
    audit.record("tester", "EDIT_PROBE_UNSEALED", "probe:edit", Map.of());
    assertThatThrownBy(
            () ->
                database.inTransaction(
                    c ->
                        c.createStatement()
                            .executeUpdate(
                                "UPDATE audit_event SET target = 'probe:other'"
                                    + " WHERE action = 'EDIT_PROBE_UNSEALED'")))
        .hasMessageContaining("cannot be changed");
  }

  @Test
  void anEntryEditedBySuperuserBreaksTheChainAtItsNumber() {
    boolean superuser =
        database.read(
            c -> {
              try (var rows =
                  c.createStatement()
                      .executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                return rows.next() && rows.getBoolean(1);
              }
            });
    assumeTrue(superuser, "the tamper test needs a superuser connection");
    String admin = Staff.token(users, client, "ADMIN");
    audit.record("tester", "TAMPER_PROBE", "probe:tamper", Map.of("amount", 100));
    sealer.seal(true);
    long seq =
        database.read(
            c -> {
              try (var rows =
                  c.createStatement()
                      .executeQuery(
                          "SELECT max(seq) FROM audit_event WHERE action = 'TAMPER_PROBE'")) {
                rows.next();
                return rows.getLong(1);
              }
            });
    assertThat(send(admin, HttpRequest.GET("/api/v1/audit/verify")).json())
        .containsEntry("ok", true);

    String original = tamper(seq, "details = '{\"amount\": 1}'");
    try {
      Http.Answer verify = send(admin, HttpRequest.GET("/api/v1/audit/verify"));
      assertThat(verify.json())
          .containsEntry("ok", false)
          .containsEntry("firstBrokenSeq", (int) seq)
          .containsEntry("entries", (int) seq - 1);
    } finally {
      tamper(seq, "details = '" + original + "'");
    }
    assertThat(send(admin, HttpRequest.GET("/api/v1/audit/verify")).json())
        .as("restored, the chain holds again")
        .containsEntry("ok", true);
  }

  /** Changes a sealed row as a superuser would: triggers off for this transaction only. */
  private String tamper(long seq, String assignment) {
    return database.inTransaction(
        c -> {
          String before;
          try (var s = c.prepareStatement("SELECT details::text FROM audit_event WHERE seq = ?")) {
            s.setLong(1, seq);
            try (var rows = s.executeQuery()) {
              rows.next();
              before = rows.getString(1);
            }
          }
          c.createStatement().execute("SET LOCAL session_replication_role = replica");
          try (var s =
              c.prepareStatement("UPDATE audit_event SET " + assignment + " WHERE seq = ?")) {
            s.setLong(1, seq);
            assertThat(s.executeUpdate()).isEqualTo(1);
          }
          return before;
        });
  }

  @Test
  void onlyAdministratorsReadTheLogAndFiltersAreChecked() {
    String analyst = Staff.token(users, client, "ANALYST");
    assertThat(send(analyst, HttpRequest.GET("/api/v1/audit")).status()).isEqualTo(403);
    assertThat(send(analyst, HttpRequest.GET("/api/v1/audit/verify")).status()).isEqualTo(403);
    assertThat(send(null, HttpRequest.GET("/api/v1/audit")).status()).isEqualTo(401);
    String admin = Staff.token(users, client, "ADMIN");
    for (String query :
        List.of("from=yesterday", "action=drop%20table", "size=0", "to=2026-13-01T00:00:00Z")) {
      Http.Answer answer = send(admin, HttpRequest.GET("/api/v1/audit?" + query));
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.contentType()).startsWith("application/problem+json");
    }
  }
}
