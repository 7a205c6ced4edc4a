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

/**
 * Merging a duplicate: both reporters' tokens keep working; each shows its own report, its own
 * messages and the status of the case it joined, never the other reporter's (issue 16, finding 3).
 */
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
  void theDuplicateIsMergedAndEachTokenShowsItsOwnReportWithTheCasesStatus() {
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
    assertThat(victim(duplicate).json())
        .as("its own report, with the status of the case it joined")
        .containsEntry("reference", dup)
        .containsEntry("status", "NEW");
    assertThat((Map<String, Object>) victim(duplicate).json().get("contact"))
        .containsEntry("name", "Paul, maire adjoint");

    Http.Answer message =
        http()
            .send(
                HttpRequest.POST(
                        "/api/v1/reports/" + dup + "/messages",
                        Map.of("text", "Le maire adjoint confirme."))
                    .header("X-Follow-Up-Token", (String) duplicate.get("followUpToken")));
    assertThat(message.status()).isEqualTo(201);
    assertThat((List<Map<String, Object>>) victim(duplicate).json().get("messages"))
        .extracting(m -> m.get("text"))
        .containsExactly("Le maire adjoint confirme.");
    assertThat((List<Map<String, Object>>) victim(survivor).json().get("messages"))
        .as("another reporter's words are never shown")
        .isEmpty();

    List<Map<String, Object>> timeline =
        (List<Map<String, Object>>)
            http()
                .send(HttpRequest.GET("/api/v1/tickets/" + into + "/timeline").bearerAuth(token))
                .json()
                .get("items");
    assertThat(timeline)
        .as("the desk sees both on the survivor")
        .extracting(e -> e.get("type"))
        .containsSubsequence("REPORT_RECEIVED", "REPORT_RECEIVED", "MERGED_INTO", "MERGED_FROM")
        .contains("MESSAGE_FROM_VICTIM");
  }

  Map<String, Object> commune(String name, String code, String contact, String description) {
    return http()
        .send(
            HttpRequest.POST(
                "/api/v1/reports",
                ReportJson.mairie()
                    .set("victim.name", name)
                    .set("victim.siren", null)
                    .set("victim.communeCode", code)
                    .set("contact.name", contact)
                    .set("incident.description", description)
                    .body()))
        .json();
  }

  /**
   * Issue 16, finding 3, replayed: a Morlaix report merged into a Quimper report showed the Morlaix
   * reporter « Mairie de Quimper », the Quimper description and the desk's messages to Quimper, and
   * the Quimper reporter the Morlaix messages. Now merging reports of two victims needs an explicit
   * confirmation, recorded on the timeline, and even then each token shows only its own report.
   */
  @Test
  @SuppressWarnings("unchecked")
  void mergingTwoVictimsNeedsAConfirmationAndNeverShowsOneReporterTheOther() {
    Map<String, Object> quimper =
        commune("Mairie de Quimper", "29232", "Nolwenn Quéré", "Rançon sur le serveur de Quimper");
    Map<String, Object> morlaix =
        commune("Mairie de Morlaix", "29151", "Erwan Morvan", "Rançon sur les postes de Morlaix");
    String q = (String) quimper.get("reference");
    String m = (String) morlaix.get("reference");
    http()
        .send(
            HttpRequest.POST("/api/v1/tickets/" + q + "/messages", Map.of("text", "Isolez le NAS."))
                .bearerAuth(token));
    http()
        .send(
            HttpRequest.POST("/api/v1/reports/" + m + "/messages", Map.of("text", "Vu à Morlaix"))
                .header("X-Follow-Up-Token", (String) morlaix.get("followUpToken")));

    Http.Answer refused = merge(m, q);
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.errorFields()).containsExactly("confirmDifferentVictims");
    assertThat(
            http()
                .send(HttpRequest.GET("/api/v1/tickets/" + m).bearerAuth(token))
                .json()
                .get("status"))
        .isEqualTo("NEW");

    Http.Answer confirmed =
        http()
            .send(
                HttpRequest.POST(
                        "/api/v1/tickets/" + m + "/merge",
                        Map.of("into", q, "confirmDifferentVictims", true))
                    .bearerAuth(token));
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    List<Map<String, Object>> timeline =
        (List<Map<String, Object>>)
            http()
                .send(HttpRequest.GET("/api/v1/tickets/" + q + "/timeline").bearerAuth(token))
                .json()
                .get("items");
    assertThat(timeline)
        .filteredOn(e -> List.of("MERGED_INTO", "MERGED_FROM").contains(e.get("type")))
        .extracting(e -> ((Map<String, Object>) e.get("details")).get("differentVictims"))
        .containsExactly(true, true);

    String morlaixView = victim(morlaix).body();
    assertThat(morlaixView)
        .contains("Mairie de Morlaix", "Erwan Morvan", "Vu à Morlaix")
        .doesNotContain("Quimper", "Nolwenn", "Isolez le NAS", q);
    String quimperView = victim(quimper).body();
    assertThat(quimperView)
        .contains("Mairie de Quimper", "Isolez le NAS")
        .doesNotContain("Morlaix", "Erwan", "Vu à Morlaix", m);
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
    assertThat(victim(x).json()).containsEntry("reference", xr).containsEntry("status", "NEW");
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
