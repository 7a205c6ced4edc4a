package fr.vigie.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.security.UserService;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The analysts' queue on a few hundred tickets: filters, paging and the default order. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueIT {

  static final int TICKETS = 240;

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;

  String marker;
  String token;

  @BeforeAll
  void load() {
    marker = "Q" + UUID.randomUUID().toString().substring(0, 6);
    token = Staff.token(users, client, "ANALYST");
    Http http = new Http(client, json);
    String[] communes = {"29019", "29212", "35238", "56260", "22113"};
    for (int i = 0; i < TICKETS; i++) {
      ReportJson report =
          ReportJson.mairie()
              .set("victim.name", marker + " victime " + i)
              .set("victim.type", i % 3 == 0 ? "ASSOCIATION" : "ENTREPRISE")
              .set("victim.siren", null)
              .set("victim.communeCode", communes[i % communes.length])
              .set("victim.headcount", i % 7 * 40)
              .set("incident.threat", i % 4 == 0 ? "PHISHING" : "RANSOMWARE")
              .set("incident.serviceImpact", i % 5 == 0 ? "INTERRUPTED" : "NONE")
              .set("incident.ongoing", i % 2 == 0)
              .set("incident.personalData", i % 6 == 0 ? "NO" : "SUSPECTED")
              .set(
                  "incident.discoveredAt",
                  // Spread over the 200 hours before now (the system clock Vigie runs on).
                  Instant.now()
                      .truncatedTo(ChronoUnit.HOURS)
                      .minusSeconds(3_600L * (1 + i * 7 % 200))
                      .toString());
      assertThat(http.send(HttpRequest.POST("/api/v1/reports", report.body())).status())
          .isEqualTo(201);
    }
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> items(Http.Answer answer) {
    return (List<Map<String, Object>>) answer.json().get("items");
  }

  Http.Answer get(String query) {
    return new Http(client, json)
        .send(HttpRequest.GET("/api/v1/tickets?q=" + marker + "&" + query).bearerAuth(token));
  }

  @Test
  void theDefaultOrderIsTheEarliestClockThenSeverityThenAge() {
    Http.Answer answer = get("size=200");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json()).containsEntry("total", TICKETS);
    List<Map<String, Object>> items = items(answer);
    Comparator<Map<String, Object>> expected =
        Comparator.<Map<String, Object>, String>comparing(
                i -> (String) i.get("nextDueAt"),
                Comparator.nullsLast(Comparator.comparing(Instant::parse)))
            .thenComparing(i -> (String) i.get("severity"))
            .thenComparing(i -> Instant.parse((String) i.get("createdAt")));
    assertThat(items).hasSize(200).isSortedAccordingTo(expected);
    assertThat(items.get(0).get("nextDueAt")).isNotNull();
  }

  @Test
  void pagesCoverEveryTicketOnce() {
    Set<Object> seen = new HashSet<>();
    for (int page = 0; page < 5; page++) {
      Http.Answer answer = get("size=50&page=" + page);
      assertThat(answer.json()).containsEntry("page", page).containsEntry("total", TICKETS);
      items(answer).forEach(i -> seen.add(i.get("reference")));
    }
    assertThat(seen).hasSize(TICKETS);
  }

  @Test
  void filtersCombine() {
    List<Map<String, Object>> p2Phishing = items(get("severity=P2&threat=PHISHING&size=200"));
    assertThat(p2Phishing)
        .isNotEmpty()
        .allSatisfy(
            i -> {
              assertThat(i).containsEntry("severity", "P2").containsEntry("threat", "PHISHING");
            });
    List<Map<String, Object>> finistere = items(get("departement=29&size=200"));
    assertThat(finistere)
        .hasSize(TICKETS * 2 / 5)
        .allSatisfy(i -> assertThat(i).containsEntry("departement", "29"));
    assertThat(items(get("status=CLOSED,REJECTED&size=200"))).isEmpty();
    assertThat(get("status=NEW&status=QUALIFIED&unassigned=true&size=10").json())
        .containsEntry("total", TICKETS);
    assertThat(items(get("kind=SIGNALEMENT&size=200")))
        .allSatisfy(i -> assertThat(i).containsEntry("kind", "SIGNALEMENT"));
  }

  @Test
  void aReferenceFindsItsTicket() {
    String reference = (String) items(get("size=1")).get(0).get("reference");
    Http.Answer answer =
        new Http(client, json)
            .send(HttpRequest.GET("/api/v1/tickets?q=" + reference).bearerAuth(token));
    assertThat(items(answer)).extracting(i -> i.get("reference")).containsExactly(reference);
  }

  @Test
  void sortByCreationIsNewestFirst() {
    List<String> created = new ArrayList<>();
    items(get("sort=created&size=200")).forEach(i -> created.add((String) i.get("createdAt")));
    assertThat(created)
        .isSortedAccordingTo(Comparator.comparing(Instant::parse, Comparator.reverseOrder()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "status=DONE",
        "severity=P0",
        "kind=EVENT",
        "threat=HACK",
        "departement=99x",
        "sort=random",
        "assignee=%27%3B--",
        "size=500"
      })
  void unknownFilterValuesAreRefusedByName(String query) {
    Http.Answer answer = get(query);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorFields()).containsExactly(query.substring(0, query.indexOf('=')));
  }

  @Test
  void likeWildcardsInQAreLiteral() {
    assertThat(
            items(
                new Http(client, json)
                    .send(HttpRequest.GET("/api/v1/tickets?q=%25%25%25&size=5").bearerAuth(token))))
        .isEmpty();
  }
}
