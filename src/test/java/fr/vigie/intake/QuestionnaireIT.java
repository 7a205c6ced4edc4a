package fr.vigie.intake;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.testing.Http;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/intake/questionnaire over HTTP, as the public form and the operator read it. */
@MicronautTest(transactional = false)
class QuestionnaireIT {

  static final String PATH = "/api/v1/intake/questionnaire";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  Http.Answer get(String ifNoneMatch) {
    var request = HttpRequest.GET(PATH);
    if (ifNoneMatch != null) {
      request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
    }
    return new Http(client, json).send(request);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAnonymousVisitorGetsTheVersionedFrenchQuestionnaire() {
    Http.Answer answer = get(null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.json())
        .containsEntry("version", "2026-11-1")
        .containsEntry("locale", "fr-FR");
    List<Map<String, Object>> steps = (List<Map<String, Object>>) answer.json().get("steps");
    assertThat(steps.get(0)).containsEntry("id", "who").containsEntry("title", "Qui êtes-vous ?");
    assertThat(answer.json()).isEqualTo(QuestionnaireTest.DOC);
  }

  @Test
  void itMayBeCachedFiveMinutesAndRevalidatedWithItsETag() {
    Http.Answer first = get(null);
    String etag = first.header(HttpHeaders.ETAG).orElseThrow();

    assertThat(first.header(HttpHeaders.CACHE_CONTROL)).contains("public, max-age=300");
    assertThat(etag).startsWith("\"2026-11-1-");

    Http.Answer again = get(etag);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isNullOrEmpty();
    assertThat(again.header(HttpHeaders.ETAG)).contains(etag);

    assertThat(get("\"another-version\"").status()).isEqualTo(200);
  }
}
