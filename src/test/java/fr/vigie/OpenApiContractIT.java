package fr.vigie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import fr.vigie.intake.Channel;
import fr.vigie.security.Role;
import fr.vigie.security.UserService;
import fr.vigie.testing.Http;
import fr.vigie.testing.OpenApiContract;
import fr.vigie.testing.OpenApiContract.Route;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.tickets.AffectedService;
import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.ObservableType;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.Scope;
import fr.vigie.tickets.Sector;
import fr.vigie.tickets.ServiceImpact;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.VictimType;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code openapi/vigie.yaml} true (DESIGN.md §1): the routes the running application serves
 * and the operations of the contract are the same set, the enumerations are spelled as the Java
 * enums, and real answers of the main operations (status, media type, required headers, body)
 * validate against what the contract declares for that operation and status.
 */
@MicronautTest(transactional = false)
class OpenApiContractIT {

  private static final OpenApiContract CONTRACT = OpenApiContract.load();

  /**
   * Served by the framework, deliberately outside the contract; each says why. Empty since the
   * token introspection endpoint ({@code /token_info}) was switched off.
   */
  private static final Map<Route, String> NOT_IN_CONTRACT = Map.of();

  /** Java enums behind the contract's enumeration schemas. */
  private static final Map<String, Class<? extends Enum<?>>> JAVA_ENUMS =
      Map.ofEntries(
          Map.entry("Channel", Channel.class),
          Map.entry("VictimType", VictimType.class),
          Map.entry("Nis2Status", Nis2Status.class),
          Map.entry("Sector", Sector.class),
          Map.entry("Threat", Threat.class),
          Map.entry("ServiceImpact", ServiceImpact.class),
          Map.entry("AffectedService", AffectedService.class),
          Map.entry("Scope", Scope.class),
          Map.entry("PersonalData", PersonalData.class),
          Map.entry("ObservableType", ObservableType.class),
          Map.entry("TicketStatus", TicketStatus.class),
          Map.entry("Role", Role.class));

  /** Vocabularies that are still strings in Java, pinned by CHECK constraints in V1. */
  private static final Set<String> VOCABULARIES_WITHOUT_JAVA_ENUM =
      Set.of("TicketKind", "Severity", "Tlp");

  private static final String REPORTS = "/api/v1/reports";
  private static final String REPORT = "/api/v1/reports/{reference}";
  private static final String TICKETS = "/api/v1/tickets";
  private static final String TICKET = "/api/v1/tickets/{reference}";
  private static final String USERS = "/api/v1/users";
  private static final String LOGIN = "/login";
  private static final String COMMUNES = "/api/v1/geo/communes";
  private static final String QUESTIONNAIRE = "/api/v1/intake/questionnaire";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject Router router;
  @Inject UserService users;

  // ---- Routes -------------------------------------------------------------------------------

  @Test
  void servedRoutesAndContractOperationsAreTheSame() {
    Set<Route> served = servedRoutes();
    assertThat(served)
        .as("the router lists the security and management routes too")
        .contains(Route.of("POST", LOGIN), Route.of("GET", "/health"), Route.of("GET", "/metrics"));
    assertThat(NOT_IN_CONTRACT.keySet())
        .as("allow-listed routes that are no longer served: remove them from NOT_IN_CONTRACT")
        .isSubsetOf(allRouterRoutes());

    Set<Route> contract = CONTRACT.routes();
    Set<Route> undocumented = difference(served, contract);
    Set<Route> unserved = difference(contract, served);
    if (!undocumented.isEmpty() || !unserved.isEmpty()) {
      fail(
          "The served API and %s disagree.%n"
              + "Served but not in the contract (document them, or allow-list a framework route):"
              + "%n%s%nIn the contract but not served:%n%s",
          OpenApiContract.FILE, lines(undocumented), lines(unserved));
    }
  }

  @Test
  void enumerationsAreSpelledAsTheJavaEnums() {
    assertThat(CONTRACT.enumSchemaNames())
        .as("enumeration schemas of the contract")
        .containsExactlyInAnyOrderElementsOf(
            union(JAVA_ENUMS.keySet(), VOCABULARIES_WITHOUT_JAVA_ENUM));
    JAVA_ENUMS.forEach(
        (schema, type) ->
            assertThat(CONTRACT.enumValues(schema))
                .as("components.schemas.%s vs %s", schema, type.getName())
                .containsExactlyElementsOf(
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
  }

  @Test
  void examplesOfTheContractMatchTheirSchemas() {
    assertThat(CONTRACT.exampleViolations()).isEmpty();
  }

  // ---- Intake -------------------------------------------------------------------------------

  @Test
  void reportSubmissionReplayAndFollowUpMatchTheContract() {
    Map<String, Object> report = ReportJson.company().body();
    assertThat(CONTRACT.requestViolations("POST", REPORTS, write(report)))
        .as("the test's valid report is valid for the contract too")
        .isEmpty();
    String key = UUID.randomUUID().toString();

    Http.Answer created = exchange(201, REPORTS, submit(report).header("Idempotency-Key", key));
    String reference = (String) created.json().get("reference");
    String token = (String) created.json().get("followUpToken");
    assertThat(created.json()).containsEntry("status", "NEW");
    assertThat(created.header("Location")).contains(REPORTS + "/" + reference);
    assertThat(created.header("Idempotent-Replayed")).isEmpty();

    Http.Answer replayed = exchange(201, REPORTS, submit(report).header("Idempotency-Key", key));
    assertThat(replayed.json())
        .containsEntry("reference", reference)
        .containsEntry("followUpToken", token);
    assertThat(replayed.header("Idempotent-Replayed")).contains("true");

    Http.Answer followed =
        exchange(
            200,
            REPORT,
            HttpRequest.GET(REPORTS + "/" + reference).header("X-Follow-Up-Token", token));
    assertThat(followed.json()).containsEntry("reference", reference);
    assertThat(field(followed, "victim", "name")).isEqualTo("Boulangerie Le Goff");

    Http.Answer notFound =
        exchange(
            404,
            REPORT,
            HttpRequest.GET(REPORTS + "/" + reference).header("X-Follow-Up-Token", "not-it"));
    assertThat(notFound.json()).containsEntry("detail", "Report not found.");
  }

  @Test
  void aMairieIsLocatedFromTheGeographyAsTheContractSays() {
    Map<String, Object> mairie = ReportJson.mairie().body();
    assertThat(CONTRACT.requestViolations("POST", REPORTS, write(mairie))).isEmpty();

    Http.Answer created = exchange(201, REPORTS, submit(mairie));
    String reference = (String) created.json().get("reference");
    String token = (String) created.json().get("followUpToken");

    Http.Answer followed =
        exchange(
            200,
            REPORT,
            HttpRequest.GET(REPORTS + "/" + reference).header("X-Follow-Up-Token", token));
    assertThat(field(followed, "victim", "departement")).isEqualTo("29");
    assertThat(field(followed, "victim", "region")).isEqualTo("53");
    assertThat(field(followed, "victim", "population")).isInstanceOf(Integer.class);
  }

  @Test
  void theQuestionnaireAndItsRevalidationMatchTheContract() {
    Http.Answer questionnaire = exchange(200, QUESTIONNAIRE, HttpRequest.GET(QUESTIONNAIRE));
    String etag = questionnaire.header("ETag").orElseThrow();

    Http.Answer notModified =
        exchange(304, QUESTIONNAIRE, HttpRequest.GET(QUESTIONNAIRE).header("If-None-Match", etag));
    assertThat(notModified.header("ETag")).contains(etag);
  }

  @Test
  void rejectedReportsMatchTheContract() {
    Http.Answer noConsent = exchange(422, REPORTS, submit(report("consent", false)));
    assertThat(noConsent.errorFields()).containsExactly("consent");

    String key = UUID.randomUUID().toString();
    exchange(201, REPORTS, submit(ReportJson.company().body()).header("Idempotency-Key", key));
    Map<String, Object> other = report("victim.name", "Boulangerie Le Bihan");
    Http.Answer reused = exchange(422, REPORTS, submit(other).header("Idempotency-Key", key));
    assertThat(reused.errorFields()).containsExactly("Idempotency-Key");

    Map<String, Object> unknownField = report("victim.color", "blue");
    assertThat(CONTRACT.requestViolations("POST", REPORTS, write(unknownField)))
        .as("the contract refuses unknown fields as the server does")
        .isNotEmpty();
    assertThat(exchange(400, REPORTS, submit(unknownField)).errorFields())
        .containsExactly("victim.color");

    Http.Answer notJson = exchange(400, REPORTS, submit("{\"channel\": "));
    assertThat(notJson.json()).containsEntry("detail", "The body is not valid JSON.");

    Http.Answer badKey =
        exchange(400, REPORTS, submit(ReportJson.company().body()).header("Idempotency-Key", "x"));
    assertThat(badKey.errorFields()).containsExactly("Idempotency-Key");

    Http.Answer tooLarge = exchange(413, REPORTS, submit("\"" + "x".repeat(300_000) + "\""));
    assertThat(tooLarge.json()).containsEntry("status", 413);

    Http.Answer notJsonType =
        exchange(
            415,
            REPORTS,
            HttpRequest.POST(REPORTS, "channel=WEB_FORM").contentType(MediaType.TEXT_PLAIN_TYPE));
    assertThat(notJsonType.json()).containsEntry("status", 415);
  }

  // ---- Login and tickets --------------------------------------------------------------------

  @Test
  void loginMatchesTheContract() {
    String username = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(
        new UserService.NewUser(username, Staff.PASSWORD, List.of("ANALYST", "COORDINATOR"), null));

    Http.Answer asJson = exchange(200, LOGIN, login(username, Staff.PASSWORD));
    assertThat(asJson.json())
        .containsEntry("username", username)
        .containsEntry("token_type", "Bearer")
        .containsEntry("roles", List.of("ANALYST", "COORDINATOR"));

    Http.Answer asForm =
        exchange(
            200,
            LOGIN,
            HttpRequest.POST(LOGIN, Map.of("username", username, "password", Staff.PASSWORD))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    assertThat(asForm.json()).containsEntry("username", username);

    Http.Answer wrong = exchange(401, LOGIN, login(username, "not-the-password"));
    assertThat(wrong.json()).containsEntry("status", 401).doesNotContainKey("access_token");

    Http.Answer blank = exchange(400, LOGIN, login("", ""));
    assertThat(blank.errorFields()).containsExactlyInAnyOrder("username", "password");
  }

  @Test
  void ticketReadsMatchTheContract() {
    Http.Answer created = exchange(201, REPORTS, submit(ReportJson.company().body()));
    String reference = (String) created.json().get("reference");
    String analyst = Staff.token(users, client, "ANALYST");

    Http.Answer page =
        exchange(200, TICKETS, HttpRequest.GET(TICKETS + "?size=5").bearerAuth(analyst));
    assertThat(page.json()).containsEntry("page", 0).containsEntry("size", 5);
    assertThat((List<?>) page.json().get("items")).isNotEmpty().hasSizeLessThanOrEqualTo(5);

    Http.Answer ticket =
        exchange(200, TICKET, HttpRequest.GET(TICKETS + "/" + reference).bearerAuth(analyst));
    assertThat(ticket.json())
        .containsEntry("reference", reference)
        .containsEntry("status", "NEW")
        .containsEntry("tlp", "AMBER");

    Http.Answer missing =
        exchange(404, TICKET, HttpRequest.GET(TICKETS + "/BZH-2000-999999").bearerAuth(analyst));
    assertThat(missing.json()).containsEntry("detail", "Ticket not found.");

    Http.Answer badSize =
        exchange(400, TICKETS, HttpRequest.GET(TICKETS + "?size=0").bearerAuth(analyst));
    assertThat(badSize.errorFields()).containsExactly("size");

    Http.Answer anonymous = exchange(401, TICKETS, HttpRequest.GET(TICKETS));
    assertThat(anonymous.json()).containsEntry("status", 401);
    assertThat(anonymous.header("WWW-Authenticate").filter(c -> c.startsWith("Basic")))
        .as("no Basic challenge: staff use bearer tokens only")
        .isEmpty();

    String official = Staff.token(users, client, "OFFICIAL");
    Http.Answer forbidden =
        exchange(403, TICKET, HttpRequest.GET(TICKETS + "/" + reference).bearerAuth(official));
    assertThat(forbidden.json()).containsEntry("status", 403);
  }

  // ---- Users --------------------------------------------------------------------------------

  @Test
  void userListMatchesTheContract() {
    String admin = Staff.token(users, client, "ADMIN");

    Http.Answer page = exchange(200, USERS, HttpRequest.GET(USERS + "?size=200").bearerAuth(admin));
    assertThat(page.json()).containsEntry("page", 0).containsEntry("size", 200);
    assertThat(itemValues(page, "username")).contains("admin");

    String analyst = Staff.token(users, client, "ANALYST");
    exchange(403, USERS, HttpRequest.GET(USERS).bearerAuth(analyst));
    exchange(401, USERS, HttpRequest.GET(USERS));
  }

  @Test
  void userCreationMatchesTheContract() {
    String admin = Staff.token(users, client, "ADMIN");
    String username = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> newUser =
        ReportJson.map(
            "username", username, "password", Staff.PASSWORD, "roles", List.of("ANALYST"));
    assertThat(CONTRACT.requestViolations("POST", USERS, write(newUser))).isEmpty();

    Http.Answer created = exchange(201, USERS, HttpRequest.POST(USERS, newUser).bearerAuth(admin));
    assertThat(created.json())
        .containsEntry("username", username)
        .containsEntry("roles", List.of("ANALYST"))
        .containsEntry("enabled", true)
        .doesNotContainKey("password");

    Http.Answer taken = exchange(409, USERS, HttpRequest.POST(USERS, newUser).bearerAuth(admin));
    assertThat(taken.errorFields()).containsExactly("username");

    Map<String, Object> invalid =
        ReportJson.map("username", "X", "password", "short", "roles", List.of("BOSS"));
    Http.Answer refused = exchange(422, USERS, HttpRequest.POST(USERS, invalid).bearerAuth(admin));
    assertThat(refused.errorFields()).containsExactlyInAnyOrder("username", "password", "roles[0]");
  }

  // ---- Geography and operations -------------------------------------------------------------

  @Test
  void communeSearchMatchesTheContract() {
    Http.Answer byName = exchange(200, COMMUNES, HttpRequest.GET(COMMUNES + "?q=Plouzan&limit=5"));
    assertThat(itemValues(byName, "name")).contains("Plouzané");

    Http.Answer byPostalCode =
        exchange(200, COMMUNES, HttpRequest.GET(COMMUNES + "?postalCode=29280"));
    assertThat(itemValues(byPostalCode, "code")).contains("29212");

    Http.Answer neither = exchange(400, COMMUNES, HttpRequest.GET(COMMUNES));
    assertThat(neither.json()).containsEntry("status", 400);

    Http.Answer tooShort = exchange(400, COMMUNES, HttpRequest.GET(COMMUNES + "?q=P"));
    assertThat(tooShort.errorFields()).containsExactly("q");

    Http.Answer noLimit = exchange(400, COMMUNES, HttpRequest.GET(COMMUNES + "?q=Plou&limit=0"));
    assertThat(noLimit.errorFields()).containsExactly("limit");
  }

  @Test
  void healthAndMetricsMatchTheContract() {
    Http.Answer health = exchange(200, "/health", HttpRequest.GET("/health"));
    assertThat(health.json()).containsEntry("status", "UP").containsEntry("details", null);

    String admin = Staff.token(users, client, "ADMIN");
    Http.Answer asAdmin = exchange(200, "/health", HttpRequest.GET("/health").bearerAuth(admin));
    assertThat(asAdmin.json())
        .as("details name the database: shown to nobody")
        .containsEntry("details", null);

    for (String probe : List.of("liveness", "readiness")) {
      Http.Answer answer = exchange(200, "/health/{probe}", HttpRequest.GET("/health/" + probe));
      assertThat(answer.json()).containsEntry("status", "UP");
    }

    Http.Answer metrics = exchange(200, "/metrics", HttpRequest.GET("/metrics"));
    assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
  }

  // ---- Helpers ------------------------------------------------------------------------------

  /**
   * Sends the request, checks its status, then checks the answer against the contract's declaration
   * for {@code pathTemplate} (as written in the YAML) and that status.
   */
  private Http.Answer exchange(int status, String pathTemplate, MutableHttpRequest<?> request) {
    Http.Answer answer = new Http(client, json).send(request);
    String call = request.getMethodName() + " " + request.getUri();
    assertThat(answer.status()).as("status of %s, body %s", call, answer.body()).isEqualTo(status);
    assertThat(CONTRACT.violations(request.getMethodName(), pathTemplate, answer))
        .as("%s disagrees with %s", call, OpenApiContract.FILE)
        .isEmpty();
    return answer;
  }

  private static Object field(Http.Answer answer, String object, String name) {
    return ((Map<?, ?>) answer.json().get(object)).get(name);
  }

  private static List<Object> itemValues(Http.Answer answer, String name) {
    return ((List<?>) answer.json().get("items"))
        .stream().<Object>map(i -> ((Map<?, ?>) i).get(name)).toList();
  }

  private static MutableHttpRequest<?> submit(Object body) {
    return HttpRequest.POST(REPORTS, body).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private static MutableHttpRequest<?> login(String username, String password) {
    return HttpRequest.POST(LOGIN, Map.of("username", username, "password", password));
  }

  private static Map<String, Object> report(String path, Object value) {
    return ReportJson.company().set(path, value).body();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every (method, path) of the router: controllers, the login endpoint, management endpoints. */
  private Set<Route> allRouterRoutes() {
    return router
        .uriRoutes()
        .map(r -> Route.of(r.getHttpMethodName(), r.getUriMatchTemplate().toString()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The routes the contract must describe: all of the router's, minus the allow-list and the HEAD
   * twin Micronaut adds to every GET route ({@code @Get(headRoute = true)} is the default).
   */
  private Set<Route> servedRoutes() {
    Set<Route> all = allRouterRoutes();
    Set<Route> served = new TreeSet<>(all);
    served.removeIf(r -> r.method().equals("HEAD") && all.contains(new Route("GET", r.path())));
    served.removeAll(NOT_IN_CONTRACT.keySet());
    return served;
  }

  private static Set<Route> difference(Set<Route> a, Set<Route> b) {
    Set<Route> result = new TreeSet<>(a);
    result.removeAll(b);
    return result;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> result = new HashSet<>(a);
    result.addAll(b);
    return result;
  }

  private static String lines(Set<Route> routes) {
    return routes.isEmpty()
        ? "  (none)"
        : routes.stream().map(r -> "  " + r).collect(Collectors.joining(System.lineSeparator()));
  }
}
