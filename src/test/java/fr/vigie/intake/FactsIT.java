package fr.vigie.intake;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.security.UserService;
import fr.vigie.testing.ContractClient;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.testing.TicketCalls;
import fr.vigie.tickets.Activity;
import fr.vigie.tickets.OpenedTicket;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code PATCH /api/v1/tickets/{reference}/facts}: a report received by e-mail, opened with
 * placeholders, is qualified by an analyst; the triage, the legal deadlines, the département and
 * the statistics follow. Hostile corrections are refused naming their field, nothing written.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "FactsIT")
@Property(name = "micronaut.security.token.generator.access-token.expiration", value = "315360000")
class FactsIT {

  /** Friday 20 November 2026, 10:00 in Paris. */
  static final Instant FRIDAY_10 = Instant.parse("2026-11-20T09:00:00Z");

  static final AtomicReference<Instant> NOW = new AtomicReference<>(FRIDAY_10);

  static final String FACTS = "/api/v1/tickets/{reference}/facts";

  @Factory
  @Requires(property = "spec.name", value = "FactsIT")
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
  @Inject IntakeService intake;
  @Inject Activity activity;

  static String analyst;

  @BeforeEach
  void staff() {
    NOW.set(FRIDAY_10);
    if (analyst == null) {
      analyst = Staff.token(users, client, "ANALYST");
    }
  }

  ContractClient api() {
    return new ContractClient(client, json);
  }

  TicketCalls calls() {
    return new TicketCalls(api(), analyst);
  }

  /** A ticket opened as the mailbox opens one, with the analyst's to-do on its timeline. */
  String emailed() {
    return database.inTransaction(
        c -> {
          OpenedTicket t =
              intake.openFromEmail(
                  c,
                  new IntakeService.EmailReport(
                      NOW.get(),
                      "Secrétariat",
                      "accueil@plouzane.example.fr",
                      "Au secours",
                      "Plus aucun fichier ne s'ouvre, un message demande une rançon."));
          activity.recordIn(
              c,
              t.reference(),
              "vigie:mail",
              "QUALIFICATION_NEEDED",
              "channel",
              "EMAIL",
              "unknown",
              String.join(", ", IntakeService.UNKNOWN_FROM_EMAIL));
          return t.reference();
        });
  }

  Http.Answer patch(int status, String reference, String body, String ifMatch) {
    MutableHttpRequest<?> request =
        HttpRequest.PATCH("/api/v1/tickets/" + reference + "/facts", body)
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .bearerAuth(analyst);
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    Http.Answer answer = api().exchange(status, FACTS, request);
    if (status == 200) {
      ContractClient.etag(answer);
    }
    return answer;
  }

  /** The correction of the scenario: a commune of Finistère hit by ransomware, data maybe out. */
  String qualification() {
    String discovered =
        java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            NOW.get().minus(Duration.ofHours(3)).atZone(ReportJson.PARIS).toOffsetDateTime());
    return """
        {"victim": {"type": "COMMUNE", "name": "Mairie de Plouzané", "communeCode": "29212",
                    "hasItProvider": true, "cyberInsured": false},
         "incident": {"threat": "RANSOMWARE", "personalData": "SUSPECTED",
                      "discoveredAt": "%s", "serviceImpact": "INTERRUPTED",
                      "affectedServices": ["CIVIL_STATUS"]},
         "reason": "Rappel de la secrétaire de mairie : rançongiciel, état civil à l'arrêt."}
        """
        .formatted(discovered);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anEmailedReportQualifiedIsTriagedAsIntakeWouldHaveIt() {
    String reference = emailed();
    Map<String, Object> before = calls().read(reference).json();
    assertThat(((Map<String, Object>) before.get("victim")).get("name"))
        .isEqualTo(IntakeService.UNQUALIFIED_VICTIM);
    assertThat(clockCodes(before)).doesNotContain("GDPR_CNIL_72H");
    assertThat(statFact(reference))
        .containsEntry("departement", null)
        .containsEntry("victim_category", "ENTREPRISE")
        .containsEntry("threat", "UNKNOWN");
    assertThat(CONTRACT.requestViolations("PATCH", FACTS, qualification())).isEmpty();

    NOW.set(FRIDAY_10.plus(Duration.ofMinutes(20)));
    Map<String, Object> after = patch(200, reference, qualification(), null).json();

    assertThat(after.get("version")).isEqualTo((Integer) before.get("version") + 1);
    Map<String, Object> victim = (Map<String, Object>) after.get("victim");
    assertThat(victim)
        .containsEntry("type", "COMMUNE")
        .containsEntry("name", "Mairie de Plouzané")
        .containsEntry("communeCode", "29212")
        .containsEntry("departement", "29")
        .containsEntry("region", "53")
        .containsEntry("population", 13567)
        .containsEntry("cyberInsured", false);
    Map<String, Object> incident = (Map<String, Object>) after.get("incident");
    assertThat(incident)
        .containsEntry("threat", "RANSOMWARE")
        .containsEntry("personalData", "SUSPECTED");
    // The victim's own words stay as received.
    assertThat((String) incident.get("description")).contains("rançon");

    // The same facts as a new report triage to the same severity, orientations and deadlines.
    Map<String, Object> report = new LinkedHashMap<>();
    Map<String, Object> corrected = readJson(qualification());
    report.put("channel", "EMAIL");
    report.put("victim", corrected.get("victim"));
    report.put("contact", Map.of("name", "Secrétariat", "email", "accueil@plouzane.example.fr"));
    report.put("incident", corrected.get("incident"));
    report.put("consent", true);
    NOW.set(FRIDAY_10);
    Map<String, Object> diagnosis =
        new Http(client, json)
            .send(TicketCalls.postJson("/api/v1/intake/diagnosis", report))
            .json();
    assertThat(after.get("severity")).isEqualTo(diagnosis.get("severity"));
    Map<String, Object> triage = (Map<String, Object>) after.get("triage");
    assertThat(triage.get("severity")).isEqualTo(diagnosis.get("severity"));
    assertThat((List<Object>) triage.get("orientations"))
        .isNotEmpty()
        .isEqualTo(diagnosis.get("orientations"));
    assertThat(after.get("severity")).isNotEqualTo(before.get("severity"));
    // The RSIT class of the threat now known, not of the unknown one.
    assertThat(after.get("rsitClass")).isNotEqualTo(before.get("rsitClass"));
    assertThat(clockCodes(after)).contains("GDPR_CNIL_72H");

    assertThat(ticketDepartement(reference)).isEqualTo("29");
    Map<String, Object> fact = statFact(reference);
    assertThat(fact)
        .containsEntry("departement", "29")
        .containsEntry("region", "53")
        .containsEntry("victim_category", "COLLECTIVITE")
        .containsEntry("threat", "RANSOMWARE")
        .containsEntry("severity", after.get("severity"));

    Map<String, Object> event = lastEvent(reference);
    assertThat(event).containsEntry("type", "FACTS_CORRECTED");
    Map<String, Object> details = (Map<String, Object>) event.get("details");
    assertThat(details)
        .containsEntry(
            "reason", "Rappel de la secrétaire de mairie : rançongiciel, état civil à l'arrêt.")
        .containsEntry("severity", after.get("severity"));
    assertThat((List<Map<String, Object>>) details.get("changes"))
        .contains(
            Map.of(
                "field",
                "victim.name",
                "from",
                IntakeService.UNQUALIFIED_VICTIM,
                "to",
                "Mairie de Plouzané"),
            ReportJson.map("field", "victim.departement", "from", null, "to", "29"),
            Map.of("field", "incident.threat", "from", "UNKNOWN", "to", "RANSOMWARE"));
    // No contact data in the event.
    assertThat(json(details)).doesNotContain("accueil@plouzane.example.fr");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAnalystsSeverityOverrideStaysInForce() {
    String reference = emailed();
    Http.Answer overridden =
        api()
            .exchange(
                200,
                "/api/v1/tickets/{reference}/triage",
                HttpRequest.PATCH(
                        "/api/v1/tickets/" + reference + "/triage",
                        Map.of("severity", "P4", "reason", "Simple question d'un usager"))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .bearerAuth(analyst));
    Map<String, Object> after =
        patch(200, reference, qualification(), ContractClient.etag(overridden)).json();
    assertThat(after.get("severity")).isEqualTo("P4");
    assertThat(((Map<String, Object>) after.get("triage")).get("severity")).isNotEqualTo("P4");
    assertThat(clockCodes(after)).contains("GDPR_CNIL_72H");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown victim type      | 422 | {"victim": {"type": "MAIRIE"}, "reason": "Qualifié"}                        | victim.type
          commune that is not one  | 422 | {"victim": {"type": "COMMUNE", "communeCode": "99999"}, "reason": "Qualifié"} | victim.communeCode
          commune code injection   | 422 | {"victim": {"communeCode": "29' OR '1'='1"}, "reason": "Qualifié"}           | victim.communeCode
          threat injection         | 422 | {"incident": {"threat": "RANSOMWARE'; DROP TABLE ticket;--"}, "reason": "Qualifié"} | incident.threat
          name with a control char | 422 | {"victim": {"name": "Mairie\\u0000"}, "reason": "Qualifié"}                  | victim.name
          empty name               | 422 | {"victim": {"name": "   "}, "reason": "Qualifié"}                           | victim.name
          EPCI without its SIREN   | 422 | {"victim": {"type": "EPCI"}, "reason": "Qualifié"}                         | victim.siren
          SIREN not the commune's  | 422 | {"victim": {"type": "COMMUNE", "communeCode": "29212", "siren": "212900195"}, "reason": "Qualifié"} | victim.siren
          discovered in the future | 422 | {"incident": {"discoveredAt": "2026-11-21T10:00:00+01:00"}, "reason": "Qualifié"} | incident.discoveredAt
          discovered, not a date   | 422 | {"incident": {"discoveredAt": "hier"}, "reason": "Qualifié"}                | incident.discoveredAt
          description not here     | 422 | {"incident": {"description": "autre"}, "reason": "Qualifié"}               | incident.description
          headcount as a word      | 400 | {"victim": {"headcount": "cent"}, "reason": "Qualifié"}                     | victim.headcount
          headcount negative       | 422 | {"victim": {"headcount": -1}, "reason": "Qualifié"}                        | victim.headcount
          personal data as boolean | 400 | {"incident": {"personalData": true}, "reason": "Qualifié"}                 | incident.personalData
          victim as a list         | 400 | {"victim": ["COMMUNE"], "reason": "Qualifié"}                              | victim
          reason missing           | 422 | {"victim": {"name": "Mairie de Plouzané"}}                                 | reason
          reason too short         | 422 | {"victim": {"name": "Mairie de Plouzané"}, "reason": "ab"}                 | reason
          reason as a number       | 400 | {"victim": {"name": "Mairie de Plouzané"}, "reason": 42}                   | reason
          nothing to correct       | 422 | {"reason": "Qualifié"}                                                     | victim
          unknown field            | 400 | {"victim": {"name": "Mairie"}, "motif": "Qualifié", "reason": "Qualifié"}  | motif
          derived field given      | 400 | {"victim": {"departement": "29"}, "reason": "Qualifié"}                    | victim.departement
          unknown incident field   | 400 | {"incident": {"threatt": "RANSOMWARE"}, "reason": "Qualifié"}              | incident.threatt
          a key given twice        | 400 | {"reason": "Qualifié", "reason": "Qualifié encore", "victim": {"name": "M"}} | reason
          """)
  void hostileCorrectionsAreRefusedNamingTheirFieldWithNothingWritten(
      String what, int status, String body, String field) {
    String reference = emailed();
    Map<String, Object> before = calls().read(reference).json();
    if (status == 422 && !what.equals("a key given twice")) {
      // The contract's schema says so too, where a schema can (geography cannot).
      if (!List.of(
              "commune that is not one",
              "EPCI without its SIREN",
              "SIREN not the commune's",
              "discovered in the future",
              "name with a control char",
              "empty name")
          .contains(what)) {
        assertThat(CONTRACT.requestViolations("PATCH", FACTS, body)).as(body).isNotEmpty();
      }
    }
    Http.Answer refused = patch(status, reference, body, null);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.errorFields()).as(refused.body()).contains(field);
    Map<String, Object> after = calls().read(reference).json();
    assertThat(after.get("version")).isEqualTo(before.get("version"));
    assertThat(after.get("victim")).isEqualTo(before.get("victim"));
    assertThat(lastEvent(reference).get("type")).isEqualTo("QUALIFICATION_NEEDED");
  }

  @Test
  void aStaleVersionIsRefusedWithNothingWritten() {
    String reference = emailed();
    String etag = ContractClient.etag(calls().read(reference));
    // Someone else corrects the name meanwhile.
    patch(200, reference, "{\"victim\": {\"name\": \"Mairie\"}, \"reason\": \"Nom connu\"}", null);
    Map<String, Object> before = calls().read(reference).json();
    Http.Answer stale = patch(412, reference, qualification(), etag);
    assertThat(stale.contentType()).startsWith("application/problem+json");
    Map<String, Object> after = calls().read(reference).json();
    assertThat(after.get("version")).isEqualTo(before.get("version"));
    assertThat(after.get("victim")).isEqualTo(before.get("victim"));
    patch(200, reference, qualification(), ContractClient.etag(calls().read(reference)));
    patch(404, TicketCalls.UNKNOWN, qualification(), null);
  }

  @SuppressWarnings("unchecked")
  static List<String> clockCodes(Map<String, Object> ticket) {
    return ((List<Map<String, Object>>) ticket.get("clocks"))
        .stream().map(c -> (String) c.get("code")).toList();
  }

  Map<String, Object> lastEvent(String reference) {
    List<Map<String, Object>> timeline = calls().timeline(reference);
    return timeline.stream()
        .max(java.util.Comparator.comparing(e -> ((Number) e.get("id")).longValue()))
        .orElseThrow();
  }

  String ticketDepartement(String reference) {
    return database.read(
        c -> {
          try (var s = c.prepareStatement("SELECT departement FROM ticket WHERE reference = ?")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              rows.next();
              return rows.getString(1);
            }
          }
        });
  }

  Map<String, Object> statFact(String reference) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT f.departement, f.region, f.victim_category, f.threat, f.severity"
                      + " FROM stat_fact f JOIN ticket t ON t.id = f.ticket_id"
                      + " WHERE t.reference = ?")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              assertThat(rows.next()).as("a fact for %s", reference).isTrue();
              Map<String, Object> fact = new HashMap<>();
              for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                fact.put(rows.getMetaData().getColumnName(i), rows.getObject(i));
              }
              return fact;
            }
          }
        });
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> readJson(String text) {
    try {
      return json.readValue(text, Map.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  String json(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
