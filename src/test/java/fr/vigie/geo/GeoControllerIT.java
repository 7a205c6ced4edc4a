package fr.vigie.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/v1/geo/communes} over HTTP. Requests are sent with the JDK client so that the
 * query string reaches the server exactly as written here, hostile encodings included.
 */
@MicronautTest(transactional = false)
class GeoControllerIT {

  private static final String PATH = "/api/v1/geo/communes";

  @Inject EmbeddedServer server;
  @Inject JsonMapper json;
  @Inject GeoDirectory geo;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String rawQuery) throws IOException, InterruptedException {
    URI uri = URI.create(server.getURI() + PATH + "?" + rawQuery);
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> items(HttpResponse<String> response) throws IOException {
    assertEquals(200, response.statusCode(), response.body());
    Map<String, Object> body = json.readValue(response.body(), Map.class);
    return (List<Map<String, Object>>) body.get("items");
  }

  private static void assertProblem(HttpResponse<String> response, String parameter) {
    assertEquals(400, response.statusCode(), response.body());
    String type = response.headers().firstValue("Content-Type").orElse("");
    assertTrue(type.startsWith("application/problem+json"), "content type " + type);
    assertTrue(response.body().contains(parameter), "names " + parameter + ": " + response.body());
  }

  @Test
  void plouzaneIsFoundWithoutItsAccent() throws Exception {
    Map<String, Object> first = items(get("q=plouzane")).get(0);
    assertEquals(
        Map.of(
            "code", "29212",
            "name", "Plouzané",
            "postalCodes", List.of("29280"),
            "departement", "29",
            "region", "53"),
        first);
  }

  @Test
  void accentsCaseAndHyphensAreIgnoredAndTheLargestComesFirst() throws Exception {
    List<Map<String, Object>> items = items(get("q=Saint%20%C3%A9tienne&limit=3"));
    assertEquals(3, items.size());
    assertEquals("Saint-Étienne", items.get(0).get("name"));
    assertEquals("42", items.get(0).get("departement"));
  }

  @Test
  void byPostalCodeListsEveryCommuneItServesByName() throws Exception {
    List<Map<String, Object>> items = items(get("postalCode=29280"));
    assertEquals(
        List.of("Locmaria-Plouzané", "Plouzané"), items.stream().map(i -> i.get("name")).toList());
    items.forEach(i -> assertTrue(((List<?>) i.get("postalCodes")).contains("29280")));
  }

  @Test
  void limitDefaultsToTwentyAndAcceptsFifty() throws Exception {
    assertEquals(20, items(get("q=sa")).size());
    assertEquals(50, items(get("q=sa&limit=50")).size());
  }

  @Test
  void anUnknownNameOrPostalCodeIsAnEmptyList() throws Exception {
    assertEquals(List.of(), items(get("q=zzzzzz")));
    assertEquals(List.of(), items(get("postalCode=00000")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          q=a                                              | q
          q=%25                                            | q
          q=_                                              | q
          q=%25%25                                         | q
          q=__                                             | q
          q=%27%3B%20DROP%20TABLE%20geo_commune%3B%20--    | q
          q=%C3%28                                         | q
          postalCode=ABCDE                                 | postalCode
          postalCode=2928                                  | postalCode
          postalCode=29280%20                              | postalCode
          q=brest&limit=-1                                 | limit
          q=brest&limit=0                                  | limit
          q=brest&limit=abc                                | limit
          q=brest&limit=1000                               | limit
          q=brest&postalCode=29200                         | postalCode
          limit=5                                          | postalCode
          """)
  void hostileOrInvalidInputIsABadRequestNamingTheParameter(String query, String parameter)
      throws Exception {
    assertProblem(get(query), parameter);
    assertEquals("Brest", geo.commune("29019").orElseThrow().name(), "tables intact");
  }

  @Test
  void aControlCharacterInTheQueryIsRefusedNamingQ() throws Exception {
    // Every query parameter's characters are checked before the controller (issue 16): 422.
    HttpResponse<String> response = get("q=ab%00cd");
    assertEquals(422, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"field\":\"q\""), response.body());
    assertEquals("Brest", geo.commune("29019").orElseThrow().name(), "tables intact");
  }

  @Test
  void aVeryLongQueryIsABadRequestNamingQ() throws Exception {
    assertProblem(get("q=" + "a".repeat(101)), "q");
    // Needs micronaut.server.netty.max-initial-line-length above 10 kB (Netty's default is 4096
    // and answers 413 before the request reaches validation).
    assertProblem(get("q=" + "a".repeat(10_000)), "q");
  }

  @Test
  void injectionLikeButValidTextIsJustASearchThatFindsNothing() throws Exception {
    assertEquals(List.of(), items(get("q=x%27%20or%20%27a%27%20like%20%27a")));
    assertEquals(List.of(), items(get("q=%27%27")));
    assertEquals("Brest", geo.commune("29019").orElseThrow().name(), "tables intact");
  }

  @Test
  void anonymousCallersAreServed() throws Exception {
    HttpResponse<String> response = get("q=brest");
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
  }
}
