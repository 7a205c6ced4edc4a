package fr.vigie.intake;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /api/v1/reports/{reference}: the victim's view, behind the follow-up token. */
@MicronautTest(transactional = false)
class FollowUpIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  String reference;
  String token;

  @BeforeEach
  void report() {
    Http.Answer answer =
        new Http(client, json)
            .send(HttpRequest.POST("/api/v1/reports", ReportJson.company().body()));
    reference = (String) answer.json().get("reference");
    token = (String) answer.json().get("followUpToken");
  }

  Http.Answer read(String ref, String withToken) {
    var request = HttpRequest.GET("/api/v1/reports/" + ref);
    if (withToken != null) {
      request.header("X-Follow-Up-Token", withToken);
    }
    return new Http(client, json).send(request);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theVictimReadsWhatItSentWithItsToken() {
    Http.Answer answer = read(reference, token);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json()).containsEntry("reference", reference).containsEntry("status", "NEW");
    assertThat(answer.json().get("receivedAt")).isNotNull();
    assertThat((Map<String, Object>) answer.json().get("victim"))
        .containsEntry("name", "Boulangerie Le Goff");
    assertThat((Map<String, Object>) answer.json().get("incident"))
        .containsEntry("threat", "TRANSFER_FRAUD")
        .containsEntry("description", "Faux RIB reçu par courriel");
    assertThat(answer.json()).doesNotContainKeys("assignee", "version", "tlp");
  }

  @Test
  void aWrongTokenLooksExactlyLikeAnUnknownReference() {
    Http.Answer wrongToken = read(reference, token.substring(1) + "x");
    Http.Answer unknown = read("BZH-1999-999999", token);

    assertThat(wrongToken.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(wrongToken.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    assertThat(wrongToken.json().get("title")).isEqualTo(unknown.json().get("title"));
  }

  @Test
  void noTokenIsNotFound() {
    assertThat(read(reference, null).status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "BZH-2026-00000%27%20OR%201=1", "%00", "%C3%28"})
  void hostileReferencesAreNotFound(String ref) {
    Http.Answer answer = read(ref, token);
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  @Test
  void aLongReferenceIsNotFound() {
    // Netty refuses an over-long request line itself (413) before any routing.
    assertThat(read("A".repeat(5000), token).status()).isIn(404, 413, 414);
  }
}
