package fr.vigie;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static fr.vigie.testing.TicketCalls.TICKETS;
import static fr.vigie.testing.TicketCalls.items;
import static fr.vigie.testing.TicketCalls.references;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.security.UserService;
import fr.vigie.testing.ContractClient;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.testing.TicketCalls;
import fr.vigie.tickets.TicketQuery;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analysts' queue in the contract, called for real: open tickets by default, each filter, the
 * three orders, paging, and a 400 naming each parameter outside its schema. Tickets are isolated by
 * a victim name no other test uses.
 */
@MicronautTest(transactional = false)
class QueueContractIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;

  ContractClient api;
  TicketCalls calls;
  String analystName;
  String analyst;

  @BeforeEach
  void api() {
    api = new ContractClient(client, json);
    analystName = "analyste-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(new UserService.NewUser(analystName, Staff.PASSWORD, List.of("ANALYST"), null));
    analyst = Staff.login(client, analystName, Staff.PASSWORD);
    calls = new TicketCalls(api, analyst);
  }

  @Test
  void theQueueFiltersSortsAndPagesAsTheContractSays() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    ReportJson mairieReport = ReportJson.mairie().set("victim.name", "Mairie de Plouzané " + tag);
    String mairie = calls.receipt(mairieReport);
    String bakery =
        calls.receipt(ReportJson.phishing().set("victim.name", "Boulangerie Le Goff " + tag));
    String rejected =
        calls.receipt(ReportJson.mairie().set("victim.name", "Mairie de Plouzané " + tag));
    calls.transition(
        200, rejected, "{\"to\": \"REJECTED\", \"reason\": \"Signalement en double\"}");
    calls.assign(200, mairie, "{\"assignee\": \"" + analystName + "\"}", null);

    Http.Answer queue = calls.queue("q=" + tag);
    assertThat(references(queue))
        .as("open tickets only, the earliest due first")
        .containsExactly(mairie, bakery);
    Map<String, Object> first = items(queue).get(0);
    assertThat(first).containsEntry("assignee", analystName);
    assertThat(Instant.parse((String) first.get("nextDueAt")))
        .as("a P1's first contact, 30 minutes after the report, before its CNIL deadline")
        .isEqualTo(Instant.parse((String) first.get("createdAt")).plusSeconds(30 * 60))
        .isBefore(
            OffsetDateTime.parse(mairieReport.afterDiscovery(Duration.ofHours(72))).toInstant());
    assertThat(Instant.parse((String) items(queue).get(1).get("nextDueAt")))
        .as("the phishing report's first contact, on business time, comes later")
        .isAfter(Instant.parse((String) first.get("nextDueAt")));

    assertThat(references(calls.queue("q=" + tag + "&sort=created")))
        .containsExactly(bakery, mairie);
    assertThat(references(calls.queue("q=" + tag + "&sort=SEVERITY")))
        .containsExactly(mairie, bakery);
    assertThat(references(calls.queue("q=" + tag + "&status=REJECTED"))).containsExactly(rejected);
    assertThat(references(calls.queue("q=" + tag + "&status=NEW,REJECTED&sort=created")))
        .containsExactly(rejected, bakery, mairie);
    assertThat(references(calls.queue("q=" + tag + "&status=NEW&status=REJECTED")))
        .containsExactlyInAnyOrder(rejected, bakery, mairie);
    assertThat(references(calls.queue("q=" + tag + "&severity=P4"))).containsExactly(bakery);
    assertThat(references(calls.queue("q=" + tag + "&kind=SIGNALEMENT"))).containsExactly(bakery);
    assertThat(references(calls.queue("q=" + tag + "&threat=RANSOMWARE"))).containsExactly(mairie);
    assertThat(references(calls.queue("q=" + tag + "&departement=29")))
        .containsExactly(mairie, bakery);
    assertThat(references(calls.queue("q=" + tag + "&departement=35"))).isEmpty();
    assertThat(references(calls.queue("q=" + tag + "&assignee=" + analystName)))
        .containsExactly(mairie);
    assertThat(references(calls.queue("q=" + tag + "&unassigned=true"))).containsExactly(bakery);
    assertThat(references(calls.queue("q=" + mairie.toLowerCase(Locale.ROOT))))
        .as("a reference, case ignored")
        .containsExactly(mairie);
    assertThat(
            references(
                calls.queue("q=MAIRIE%20DE%20plouzan%C3%A9%20" + tag.toUpperCase(Locale.ROOT))))
        .as("part of the victim's name, case ignored")
        .containsExactly(mairie);
    assertThat(references(calls.queue("q=Plouzane%20" + tag)))
        .as("accents count, as the contract says")
        .isEmpty();

    Http.Answer secondPage =
        calls.queue("q=" + tag + "&status=NEW,REJECTED&sort=created&size=2&page=1");
    assertThat(secondPage.json())
        .containsEntry("page", 1)
        .containsEntry("size", 2)
        .containsEntry("total", 3);
    assertThat(references(secondPage)).containsExactly(mairie);
  }

  @Test
  void queueParametersOutsideTheirSchemaAreRefusedByName() {
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("status", "OPEN");
    refused.put("severity", "p1");
    refused.put("kind", "incident");
    refused.put("assignee", "X");
    refused.put("departement", "2a");
    refused.put("threat", "HACKED");
    refused.put("q", "  ");
    refused.put("sort", "oldest");
    refused.put("page", "-1");
    refused.put("size", "201");
    for (var entry : refused.entrySet()) {
      Http.Answer answer =
          api.exchange(
              400,
              TICKETS,
              HttpRequest.GET(
                      TICKETS
                          + "?"
                          + entry.getKey()
                          + "="
                          + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                  .bearerAuth(analyst));
      assertThat(answer.errorFields()).as(entry.toString()).containsExactly(entry.getKey());
    }

    assertThat(queueParameterNames())
        .as("every queue parameter of the contract is refused by name above, or is unassigned")
        .isEqualTo(union(refused.keySet(), Set.of("unassigned")));
    List<String> sorts = new ArrayList<>();
    queueParameter("sort").at("/schema/enum").forEach(v -> sorts.add(v.asText()));
    assertThat(sorts)
        .as("sort values of the contract: TicketQuery.Sort, in lower case")
        .containsExactlyElementsOf(
            Arrays.stream(TicketQuery.Sort.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .toList());
  }

  // ---- Helpers ------------------------------------------------------------------------------

  private static JsonNode queueParameter(String name) {
    for (JsonNode parameter : queueParameters()) {
      if (parameter.path("name").asText().equals(name)) {
        return parameter;
      }
    }
    throw new AssertionError("no queue parameter " + name);
  }

  private static Set<String> queueParameterNames() {
    Set<String> names = new TreeSet<>();
    queueParameters().forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  /** The parameters of listTickets, shared ones ($ref) resolved. */
  private static List<JsonNode> queueParameters() {
    List<JsonNode> parameters = new ArrayList<>();
    for (JsonNode parameter : CONTRACT.document().at("/paths/~1api~1v1~1tickets/get/parameters")) {
      String ref = parameter.path("$ref").asText();
      parameters.add(ref.isEmpty() ? parameter : CONTRACT.document().at(ref.substring(1)));
    }
    return parameters;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> result = new TreeSet<>(a);
    result.addAll(b);
    return result;
  }
}
