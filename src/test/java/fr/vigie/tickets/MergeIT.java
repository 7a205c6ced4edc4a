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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Merging a duplicate: both victims' tokens keep working and lead to the surviving ticket. */
@MicronautTest(transactional = false)
class MergeIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;
  static String token;

  @BeforeEach
  void analyst() {
    if (token == null) {
      token = Staff.token(users, client, "ANALYST");
    }
  }

  Http http() {
    return new Http(client, json);
  }

  Map<String, Object> report(String name) {
    return http()
        .send(
            HttpRequest.POST(
                "/api/v1/reports", ReportJson.mairie().set("contact.name", name).body()))
        .json();
  }

  Http.Answer merge(String duplicate, String into) {
    return http()
        .send(
            HttpRequest.POST("/api/v1/tickets/" + duplicate + "/merge", Map.of("into", into))
                .bearerAuth(token));
  }

  Http.Answer victim(Map<String, Object> receipt) {
    return http()
        .send(
            HttpRequest.GET("/api/v1/reports/" + receipt.get("reference"))
                .header("X-Follow-Up-Token", (String) receipt.get("followUpToken")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDuplicateIsMergedAndBothTokensLeadToTheSurvivor() {
    Map<String, Object> survivor = report("Claire, secrétaire de mairie");
    Map<String, Object> duplicate = report("Paul, maire adjoint");
    String into = (String) survivor.get("reference");
    String dup = (String) duplicate.get("reference");

    Http.Answer merged = merge(dup, into);
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(merged.json()).containsEntry("reference", into);
    Http.Answer dupTicket =
        http().send(HttpRequest.GET("/api/v1/tickets/" + dup).bearerAuth(token));
    assertThat(dupTicket.json()).containsEntry("status", "MERGED");

    assertThat(victim(survivor).json()).containsEntry("reference", into);
    assertThat(victim(duplicate).status()).isEqualTo(200);
    assertThat(victim(duplicate).json()).containsEntry("reference", into);
    assertThat((Map<String, Object>) victim(duplicate).json().get("contact"))
        .as("the duplicate's reporter sees its own contact details, not the survivor's")
        .containsEntry("name", "Paul, maire adjoint");

    Http.Answer message =
        http()
            .send(
                HttpRequest.POST(
                        "/api/v1/reports/" + dup + "/messages",
                        Map.of("text", "Le maire adjoint confirme."))
                    .header("X-Follow-Up-Token", (String) duplicate.get("followUpToken")));
    assertThat(message.status()).isEqualTo(201);
    List<Map<String, Object>> messages =
        (List<Map<String, Object>>) victim(survivor).json().get("messages");
    assertThat(messages).extracting(m -> m.get("text")).contains("Le maire adjoint confirme.");

    List<Map<String, Object>> timeline =
        (List<Map<String, Object>>)
            http()
                .send(HttpRequest.GET("/api/v1/tickets/" + into + "/timeline").bearerAuth(token))
                .json()
                .get("items");
    assertThat(timeline)
        .extracting(e -> e.get("type"))
        .containsSubsequence("REPORT_RECEIVED", "REPORT_RECEIVED", "MERGED_INTO", "MERGED_FROM")
        .contains("MESSAGE_FROM_VICTIM");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aChainOfMergesKeepsEveryHistory() {
    Map<String, Object> x = report("X");
    String xr = (String) x.get("reference");
    String y = (String) report("Y").get("reference");
    String z = (String) report("Z").get("reference");
    http()
        .send(
            HttpRequest.POST("/api/v1/reports/" + xr + "/messages", Map.of("text", "Message de X"))
                .header("X-Follow-Up-Token", (String) x.get("followUpToken")));
    assertThat(merge(xr, y).status()).isEqualTo(200);
    assertThat(merge(y, z).status()).isEqualTo(200);

    Http.Answer timeline =
        http().send(HttpRequest.GET("/api/v1/tickets/" + z + "/timeline").bearerAuth(token));
    assertThat((List<Map<String, Object>>) timeline.json().get("items"))
        .filteredOn(e -> "REPORT_RECEIVED".equals(e.get("type")))
        .hasSize(3);
    assertThat(victim(x).json()).containsEntry("reference", z);
    assertThat((List<Map<String, Object>>) victim(x).json().get("messages"))
        .extracting(m -> m.get("text"))
        .containsExactly("Message de X");
  }

  @Test
  void impossibleMergesAreRefused() {
    String a = (String) report("A").get("reference");
    String b = (String) report("B").get("reference");
    assertThat(merge(a, a).status()).isEqualTo(422);
    assertThat(merge(a, "BZH-1999-000001").errorFields()).containsExactly("into");
    assertThat(merge("BZH-1999-000001", a).status()).isEqualTo(404);
    assertThat(merge(a, b).status()).isEqualTo(200);
    Http.Answer intoMerged = merge(b, a);
    assertThat(intoMerged.status()).isEqualTo(409);
    String c = (String) report("C").get("reference");
    assertThat(merge(c, a).status()).isEqualTo(409);
  }

  @Test
  void crossedMergesCannotBothWin() throws Exception {
    String a = (String) report("A").get("reference");
    String b = (String) report("B").get("reference");
    var pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      calls.add(() -> merge(a, b).status());
      calls.add(() -> merge(b, a).status());
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(calls)) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    } finally {
      pool.shutdownNow();
    }
  }
}
