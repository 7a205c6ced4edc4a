package fr.vigie.triage;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Realistic reports end to end: severity, kind, orientations and deadlines to the minute, the
 * stored clocks, the diagnosis that stores nothing, and an analyst's override.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "TriageIT")
class TriageIT {

  static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

  // Only in this test's context: inner beans are on every test's classpath.
  @Factory
  @Requires(property = "spec.name", value = "TriageIT")
  static class FixedClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject Database database;
  @Inject UserService users;

  Http.Answer post(String path, ReportJson report) {
    return new Http(client, json).send(HttpRequest.POST(path, report.body()));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> orientations(Http.Answer a) {
    return ((List<Map<String, Object>>) a.json().get("orientations"))
        .stream().collect(Collectors.toMap(o -> (String) o.get("code"), o -> o.get("urgent")));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deadlines(Http.Answer a) {
    return ((List<Map<String, Object>>) a.json().get("deadlines"))
        .stream().collect(Collectors.toMap(o -> (String) o.get("code"), o -> o.get("dueAt")));
  }

  @Test
  void ransomwareAtADepartementIsP1WithEveryLegalClock() {
    ReportJson report =
        ReportJson.mairie(NOW)
            .set("victim.type", "DEPARTEMENT")
            .set("victim.name", "Département du Finistère")
            .set("victim.siren", null)
            .set("victim.communeCode", "29232")
            .set("victim.cyberInsured", true)
            .set("incident.personalData", "CONFIRMED");
    Http.Answer a = post("/api/v1/reports", report);

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.json())
        .containsEntry("status", "NEW")
        .containsEntry("kind", "INCIDENT")
        .containsEntry("severity", "P1")
        .containsEntry("impact", "I3")
        .containsEntry("criticality", "C4")
        .containsEntry("inConstituency", true)
        .containsEntry(
            "rsit",
            Map.of(
                "class",
                "information-content-security",
                "type",
                "unauthorised-information-modification"));
    assertThat(orientations(a))
        .containsEntry("CERT_FR", true)
        .containsEntry("POLICE_GENDARMERIE", false)
        .containsEntry("CNIL", true);
    assertThat(deadlines(a))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "GDPR_CNIL_72H", "2026-11-23T07:45:00+01:00",
                "NIS2_EARLY_WARNING_24H", "2026-11-21T07:45:00+01:00",
                "NIS2_NOTIFICATION_72H", "2026-11-23T07:45:00+01:00",
                "NIS2_FINAL_REPORT_1M", "2026-12-23T07:45:00+01:00",
                "LOPMI_COMPLAINT_72H", "2026-11-23T07:45:00+01:00"));
    assertThat((List<String>) a.json().get("factors"))
        .contains("impact I3: service interrupted", "NIS2 essential: every département is");
    assertThat(openClocks((String) a.json().get("reference"))).isEqualTo(5);
  }

  @Test
  void defacementAtASmallCommuneIsP3() {
    // Botmeur (29013), a village of the Monts d'Arrée, 224 inhabitants.
    ReportJson report =
        ReportJson.mairie(NOW)
            .set("victim.name", "Mairie de Botmeur")
            .set("victim.communeCode", "29013")
            .set("victim.siren", null)
            .set("incident.threat", "DEFACEMENT")
            .set("incident.ongoing", false)
            .set("incident.serviceImpact", "DEGRADED")
            .set("incident.affectedServices", List.of("WEBSITE"))
            .set("incident.scope", "SINGLE_DEVICE")
            .set("incident.personalData", "NO")
            .set("incident.ransomDemanded", false);
    Http.Answer a = post("/api/v1/reports", report);

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.json())
        .containsEntry("severity", "P3")
        .containsEntry("impact", "I2")
        .containsEntry("criticality", "C1")
        .containsEntry("kind", "INCIDENT");
    assertThat(orientations(a)).containsOnlyKeys("POLICE_GENDARMERIE");
    assertThat(deadlines(a)).isEmpty();
  }

  @Test
  void transferFraudAtAnSmeWithinTheRecallWindowIsP1AndUrgentForThePolice() {
    // Funds left on 2026-11-19 at 16:00 (+01:00): 18 h before the report.
    Http.Answer a =
        post("/api/v1/reports", ReportJson.company(NOW).set("victim.communeCode", "29019"));

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.json())
        .containsEntry("severity", "P1")
        .containsEntry("impact", "I3")
        .containsEntry("criticality", "C2");
    assertThat(orientations(a)).containsEntry("POLICE_GENDARMERIE", true);
    assertThat(deadlines(a))
        .containsOnly(Map.entry("LOPMI_COMPLAINT_72H", "2026-11-23T07:45:00+01:00"));
  }

  @Test
  void anIndividualsPhishingIsOrientedTo17Cyber() {
    Http.Answer a =
        post(
            "/api/v1/reports",
            ReportJson.company(NOW)
                .set("victim.type", "PARTICULIER")
                .set("victim.name", "Jean Dupont")
                .set("victim.siren", null)
                .set("victim.headcount", null)
                .set("victim.communeCode", "29019")
                .set("victim.cyberInsured", false)
                .set("incident.threat", "PHISHING")
                .set("incident.fundsTransferred", null));

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.json())
        .containsEntry("status", "ORIENTED")
        .containsEntry("kind", "SIGNALEMENT")
        .containsEntry("severity", "P4")
        .containsEntry("inConstituency", false);
    assertThat(orientations(a)).containsOnlyKeys("CYBERMALVEILLANCE_17CYBER");
  }

  @Test
  void aVictimInAnotherRegionIsOrientedToItsOwnCsirt() {
    // Nantes (44109) is in Pays de la Loire (52); this CSIRT serves Bretagne (53).
    Http.Answer a =
        post(
            "/api/v1/reports",
            ReportJson.mairie(NOW)
                .set("victim.name", "Mairie de Nantes")
                .set("victim.communeCode", "44109")
                .set("victim.siren", null));

    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.json())
        .containsEntry("status", "ORIENTED")
        .containsEntry("inConstituency", false)
        .containsEntry("criticality", "C4");
    assertThat(orientations(a)).containsKey("OTHER_REGIONAL_CSIRT").containsKey("CERT_FR");
  }

  @Test
  void theDiagnosisAnswersTheSameAndStoresNothing() {
    long before = count();
    Http.Answer diagnosis = post("/api/v1/intake/diagnosis", ReportJson.mairie(NOW));
    assertThat(diagnosis.status()).isEqualTo(200);
    assertThat(count()).isEqualTo(before);
    assertThat(diagnosis.json())
        .doesNotContainKeys("reference", "followUpToken")
        .containsEntry("severity", "P1")
        .containsEntry("impact", "I3")
        .containsEntry("criticality", "C3");

    Http.Answer report = post("/api/v1/reports", ReportJson.mairie(NOW));
    for (String field :
        List.of(
            "severity",
            "kind",
            "impact",
            "criticality",
            "rsit",
            "orientations",
            "deadlines",
            "factors",
            "firstAid",
            "status")) {
      assertThat(report.json().get(field)).as(field).isEqualTo(diagnosis.json().get(field));
    }
  }

  @Test
  void aBadDiagnosisIsAProblem() {
    Http.Answer a =
        post("/api/v1/intake/diagnosis", ReportJson.mairie(NOW).set("incident.threat", "HACKED"));
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.errorFields()).containsExactly("incident.threat");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAnalystOverridesWithAReasonAndTheComputedTriageStays() {
    String reference =
        (String) post("/api/v1/reports", ReportJson.mairie(NOW)).json().get("reference");
    String token = Staff.token(users, client, "ANALYST");
    Http http = new Http(client, json);

    Http.Answer refused =
        http.send(
            HttpRequest.PATCH("/api/v1/tickets/" + reference + "/triage", Map.of("severity", "P1"))
                .bearerAuth(token));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.errorFields()).containsExactly("reason");

    Http.Answer badEnum =
        http.send(
            HttpRequest.PATCH(
                    "/api/v1/tickets/" + reference + "/triage",
                    Map.of("severity", "P9", "reason", "mauvaise valeur"))
                .bearerAuth(token));
    assertThat(badEnum.status()).isEqualTo(400);
    assertThat(badEnum.errors())
        .singleElement()
        .satisfies(e -> assertThat((String) e.get("message")).contains("[P1, P2, P3, P4]", "P9"));
    assertThat(badEnum.body()).doesNotContain("fr.vigie").doesNotContain("Source:");
    Http.Answer notJson =
        http.send(
            HttpRequest.PATCH("/api/v1/tickets/" + reference + "/triage", "{severity: P1")
                .contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(token));
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body()).doesNotContain("Source:").doesNotContain("fr.vigie");

    Http.Answer typo =
        http.send(
            HttpRequest.PATCH(
                    "/api/v1/tickets/" + reference + "/triage",
                    Map.of("rsit_class", "fraud", "reason", "faute de frappe"))
                .bearerAuth(token));
    assertThat(typo.status()).isEqualTo(400);

    Http.Answer badRsit =
        http.send(
            HttpRequest.PATCH(
                    "/api/v1/tickets/" + reference + "/triage",
                    Map.of("rsitClass", "fraud", "rsitType", "ddos", "reason", "wrong pair"))
                .bearerAuth(token));
    assertThat(badRsit.status()).isEqualTo(422);
    assertThat(badRsit.errorFields()).containsExactly("rsitType");

    Http.Answer done =
        http.send(
            HttpRequest.PATCH(
                    "/api/v1/tickets/" + reference + "/triage",
                    Map.of(
                        "severity", "P2", "reason", "Sauvegardes saines, reprise prévue ce soir"))
                .bearerAuth(token));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json()).containsEntry("severity", "P2").containsEntry("version", 1);
    assertThat((Map<String, Object>) done.json().get("triage")).containsEntry("severity", "P1");
    assertThat((Map<String, Object>) done.json().get("triageOverride"))
        .containsEntry("severity", "P2")
        .containsEntry("reason", "Sauvegardes saines, reprise prévue ce soir")
        .containsKey("by");
    // The legal deadline stays; the SLA clocks follow the analyst's P2, counted from the report
    // (Friday 20 November, 10:00 in Paris) on the business calendar.
    assertThat((List<Map<String, Object>>) done.json().get("clocks"))
        .extracting(
            k -> k.get("code") + " " + k.get("kind") + " " + k.get("state") + " " + k.get("dueAt"))
        .containsExactlyInAnyOrder(
            "GDPR_CNIL_72H REGULATORY OPEN 2026-11-23T06:45:00Z",
            // 2 business hours: Friday 12:00 in Paris.
            "FIRST_CONTACT SLA RUNNING 2026-11-20T11:00:00Z",
            // 1 business day (9 h): 8 h on Friday, 1 h on Monday: Monday 10:00.
            "QUALIFICATION SLA RUNNING 2026-11-23T09:00:00Z",
            // 10 business days (90 h): 8 h on Friday, 9 full days, 1 h: Friday 4 December 10:00.
            "RESOLUTION SLA RUNNING 2026-12-04T09:00:00Z");
    assertThat(done.header("ETag")).contains("\"v1\"");
    Http.Answer stale =
        http.send(
            HttpRequest.PATCH(
                    "/api/v1/tickets/" + reference + "/triage",
                    Map.of("severity", "P3", "reason", "relu trop tard"))
                .header("If-Match", "\"v0\"")
                .bearerAuth(token));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(events(reference, "TRIAGE_OVERRIDDEN")).isEqualTo(1);

    String official = Staff.token(users, client, "OFFICIAL");
    assertThat(
            http.send(
                    HttpRequest.PATCH(
                            "/api/v1/tickets/" + reference + "/triage",
                            Map.of("severity", "P4", "reason", "no"))
                        .bearerAuth(official))
                .status())
        .isEqualTo(403);
  }

  long count() {
    return database.read(
        c -> {
          try (var rows = c.createStatement().executeQuery("SELECT count(*) FROM report")) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  long openClocks(String reference) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT count(*) FROM clock k JOIN ticket t"
                      + " ON t.id = k.ticket_id WHERE t.reference = ? AND k.state = 'OPEN'"
                      + " AND k.kind = 'REGULATORY'")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  long events(String reference, String type) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT count(*) FROM ticket_event e JOIN ticket t"
                      + " ON t.id = e.ticket_id WHERE t.reference = ? AND e.type = ?")) {
            s.setString(1, reference);
            s.setString(2, type);
            try (var rows = s.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }
}
