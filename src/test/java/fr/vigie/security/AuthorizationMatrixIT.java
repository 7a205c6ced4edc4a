package fr.vigie.security;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.testing.TicketCalls;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorisation matrix (DESIGN.md §9): every operation of {@code openapi/vigie.yaml} is called
 * without a token and with a token of each role, with a request that is otherwise valid, and must
 * answer the status {@code authorization-matrix.csv} declares; every answer is also checked against
 * the contract. An operation without a row fails the build. Object-level rules (a victim's token
 * opens its own report only) are checked apart.
 *
 * <p>To add an operation: a row in the CSV; if the generic request (path variables from the
 * fixtures below, the body from the contract's example) is not valid for it, a builder in {@link
 * #builders}.
 */
@MicronautTest(transactional = false)
class AuthorizationMatrixIT {

  static final Path MATRIX = Path.of("src", "test", "resources", "authorization-matrix.csv");
  static final List<String> CALLERS =
      List.of("ANONYMOUS", "ANALYST", "COORDINATOR", "PROVIDER", "OFFICIAL", "ADMIN");
  static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;

  Http http;
  final Map<String, String> tokens = new LinkedHashMap<>();

  /** An operation of the contract. */
  record Operation(String id, String method, String path) {}

  @BeforeEach
  void tokens() {
    http = new Http(client, json);
    if (tokens.isEmpty()) {
      for (String role : CALLERS.subList(1, CALLERS.size())) {
        tokens.put(role, Staff.token(users, client, role));
      }
    }
  }

  static List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    CONTRACT
        .document()
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (METHODS.contains(op.getKey())) {
                            operations.add(
                                new Operation(
                                    op.getValue().path("operationId").asText(),
                                    op.getKey().toUpperCase(),
                                    path.getKey()));
                          }
                        }));
    return operations;
  }

  static Map<String, Map<String, Integer>> matrix() throws IOException {
    Map<String, Map<String, Integer>> rows = new LinkedHashMap<>();
    List<String> header = null;
    for (String line : Files.readAllLines(MATRIX)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = List.of(line.split(",", -1));
      if (header == null) {
        header = cells;
        assertThat(header.subList(1, header.size())).isEqualTo(CALLERS);
        continue;
      }
      Map<String, Integer> row = new LinkedHashMap<>();
      for (int i = 1; i < cells.size(); i++) {
        row.put(header.get(i), Integer.parseInt(cells.get(i).strip()));
      }
      assertThat(row).as("row %s has a status for every caller", cells.get(0)).hasSize(6);
      assertThat(rows.put(cells.get(0), row)).as("one row for %s", cells.get(0)).isNull();
    }
    return rows;
  }

  @Test
  void everyOperationOfTheContractHasARowAndEveryRowAnOperation() throws IOException {
    Set<String> declared = new TreeSet<>();
    operations().forEach(op -> declared.add(op.id()));
    assertThat(new TreeSet<>(matrix().keySet()))
        .as("operations of %s vs rows of %s", "openapi/vigie.yaml", MATRIX)
        .isEqualTo(declared);
  }

  @Test
  void everyOperationAnswersEachCallerAsDeclared() throws IOException {
    Map<String, Map<String, Integer>> matrix = matrix();
    List<String> mismatches = new ArrayList<>();
    StringBuilder table = new StringBuilder(String.format("%-22s", "operation"));
    CALLERS.forEach(c -> table.append(String.format("%13s", c)));
    for (Operation op : operations()) {
      Map<String, Integer> expected = matrix.get(op.id());
      if (expected == null) {
        continue; // reported by the test above
      }
      table.append(System.lineSeparator()).append(String.format("%-22s", op.id()));
      for (String caller : CALLERS) {
        MutableHttpRequest<?> request = request(op, caller);
        if (!caller.equals("ANONYMOUS") && !request.getHeaders().contains("Authorization")) {
          request.bearerAuth(tokens.get(caller));
        }
        Http.Answer answer = http.send(request);
        int want = expected.get(caller);
        table.append(
            String.format("%13s", answer.status() == want ? want : want + "≠" + answer.status()));
        if (answer.status() != want) {
          mismatches.add(
              op.id()
                  + " as "
                  + caller
                  + ": expected "
                  + want
                  + ", got "
                  + answer.status()
                  + " "
                  + answer.body());
          continue;
        }
        List<String> violations = CONTRACT.violations(op.method(), op.path(), answer);
        if (!violations.isEmpty()) {
          mismatches.add(op.id() + " as " + caller + ": " + violations);
        }
      }
    }
    System.out.println("Authorisation matrix (expected status; ≠ marks a mismatch):");
    System.out.println(table);
    assertThat(mismatches).isEmpty();
  }

  /** Every operation that reads a body refuses one over 256 KiB, before doing anything. */
  @Test
  void everyBodyIsLimitedTo256KiB() {
    String huge = "{\"text\": \"" + "x".repeat(300_000) + "\"}";
    List<String> wrong = new ArrayList<>();
    for (Operation op : operations()) {
      boolean hasBody =
          CONTRACT
              .document()
              .path("paths")
              .path(op.path())
              .path(op.method().toLowerCase())
              .has("requestBody");
      if (!hasBody) {
        continue;
      }
      String path =
          op.path()
              .replace("{reference}", "BZH-2026-000001")
              .replace("{id}", "1")
              .replace("{code}", "X_Y");
      Http.Answer answer =
          http.send(
              HttpRequest.create(HttpMethod.valueOf(op.method()), path)
                  .body(huge)
                  .contentType(MediaType.APPLICATION_JSON_TYPE)
                  .bearerAuth(tokens.get("ADMIN")));
      if (answer.status() != 413 || !answer.contentType().startsWith("application/problem+json")) {
        wrong.add(op.id() + " → " + answer.status() + " " + answer.contentType());
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aVictimsTokenOpensItsOwnReportOnly() {
    Map<String, Object> mine = receipt(ReportJson.company());
    Map<String, Object> theirs = receipt(ReportJson.mairie());
    String myToken = (String) mine.get("followUpToken");
    String their = "/api/v1/reports/" + theirs.get("reference");
    Http.Answer read = http.send(HttpRequest.GET(their).header("X-Follow-Up-Token", myToken));
    assertThat(read.status()).isEqualTo(404);
    Http.Answer write =
        http.send(
            TicketCalls.postJson(their + "/messages", Map.of("text", "intrusion"))
                .header("X-Follow-Up-Token", myToken));
    assertThat(write.status()).isEqualTo(404);
    String staff = tokens.get("ANALYST");
    assertThat(http.send(HttpRequest.GET(their).bearerAuth(staff)).status())
        .as("a staff token is no follow-up token")
        .isEqualTo(404);
  }

  // ---- Requests ---------------------------------------------------------------------------

  Map<String, Object> receipt(ReportJson report) {
    Http.Answer answer = http.send(TicketCalls.postJson("/api/v1/reports", report.body()));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json();
  }

  String ticket() {
    return (String) receipt(ReportJson.mairie()).get("reference");
  }

  String signalement() {
    return (String) receipt(ReportJson.phishing()).get("reference");
  }

  long userId() {
    String name = "matrice-" + UUID.randomUUID().toString().substring(0, 8);
    return users
        .create(new UserService.NewUser(name, Staff.PASSWORD, List.of("ANALYST"), null))
        .id();
  }

  static String now() {
    return Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Requests that the generic one cannot make valid, by operation id; the caller is given. */
  Map<String, Function<String, MutableHttpRequest<?>>> builders() {
    Map<String, Function<String, MutableHttpRequest<?>>> b = new LinkedHashMap<>();
    b.put(
        "submitReport", c -> TicketCalls.postJson("/api/v1/reports", ReportJson.company().body()));
    b.put(
        "followReport",
        c -> {
          Map<String, Object> r = receipt(ReportJson.company());
          return HttpRequest.GET("/api/v1/reports/" + r.get("reference"))
              .header("X-Follow-Up-Token", (String) r.get("followUpToken"));
        });
    b.put(
        "sendVictimMessage",
        c -> {
          Map<String, Object> r = receipt(ReportJson.company());
          return TicketCalls.postJson(
                  "/api/v1/reports/" + r.get("reference") + "/messages",
                  Map.of("text", "Le serveur est débranché."))
              .header("X-Follow-Up-Token", (String) r.get("followUpToken"));
        });
    b.put(
        "submitDiagnosis",
        c -> TicketCalls.postJson("/api/v1/intake/diagnosis", ReportJson.mairie().body()));
    b.put("searchCommunes", c -> HttpRequest.GET("/api/v1/geo/communes?q=plouz"));
    b.put(
        "overrideTriage",
        c ->
            HttpRequest.PATCH(
                    "/api/v1/tickets/" + ticket() + "/triage",
                    Map.of("severity", "P2", "reason", "Sauvegardes saines"))
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    b.put(
        "promoteTicket",
        c ->
            TicketCalls.postJson(
                "/api/v1/tickets/" + signalement() + "/promote",
                Map.of("reason", "Identifiants saisis sur le faux site")));
    b.put(
        "transitionTicket",
        c ->
            TicketCalls.postJson(
                "/api/v1/tickets/" + ticket() + "/transitions", Map.of("to", "QUALIFIED")));
    b.put(
        "mergeTicket",
        c ->
            TicketCalls.postJson(
                "/api/v1/tickets/" + ticket() + "/merge", Map.of("into", ticket())));
    b.put(
        "recordCall",
        c ->
            TicketCalls.postJson(
                "/api/v1/tickets/" + ticket() + "/calls",
                Map.of("at", now(), "summary", "Appel de la mairie")));
    b.put(
        "assignTicket",
        c -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("assignee", null);
          return TicketCalls.postJson("/api/v1/tickets/" + ticket() + "/assign", body);
        });
    b.put(
        "completeClock",
        c ->
            TicketCalls.postJson(
                "/api/v1/tickets/" + ticket() + "/clocks/GDPR_CNIL_72H/complete",
                Map.of("at", now(), "reference", "CNIL-2026-1", "note", "Télédéclaration faite")));
    b.put(
        "clockNotApplicable",
        c ->
            TicketCalls.postJson(
                "/api/v1/tickets/" + ticket() + "/clocks/GDPR_CNIL_72H/not-applicable",
                Map.of("reason", "Aucune donnée personnelle")));
    b.put(
        "createUser",
        c ->
            TicketCalls.postJson(
                "/api/v1/users",
                Map.of(
                    "username",
                    "nouveau-" + UUID.randomUUID().toString().substring(0, 8),
                    "password",
                    Staff.PASSWORD,
                    "roles",
                    List.of("ANALYST"))));
    b.put(
        "updateUser",
        c ->
            HttpRequest.PUT(
                "/api/v1/users/" + userId(),
                Map.of("roles", List.of("ANALYST", "COORDINATOR"), "enabled", true)));
    b.put(
        "login",
        c -> {
          long id = userId();
          String name = users.byId(id).orElseThrow().username();
          return TicketCalls.postJson(
              "/login", Map.of("username", name, "password", Staff.PASSWORD));
        });
    b.put(
        "refreshToken",
        c -> {
          String name = users.byId(userId()).orElseThrow().username();
          Http.Answer login =
              http.send(
                  TicketCalls.postJson(
                      "/login", Map.of("username", name, "password", Staff.PASSWORD)));
          return TicketCalls.postJson(
              "/oauth/access_token",
              Map.of(
                  "grant_type",
                  "refresh_token",
                  "refresh_token",
                  login.json().get("refresh_token")));
        });
    // Logging out ends the caller's sessions: a token of its own, not the one shared by the test.
    b.put(
        "logout",
        c -> {
          MutableHttpRequest<?> request = HttpRequest.POST("/logout", "");
          return c.equals("ANONYMOUS")
              ? request
              : request.bearerAuth(Staff.token(users, client, c));
        });
    return b;
  }

  private Map<String, Function<String, MutableHttpRequest<?>>> builders;

  MutableHttpRequest<?> request(Operation op, String caller) {
    if (builders == null) {
      builders = builders();
    }
    Function<String, MutableHttpRequest<?>> builder = builders.get(op.id());
    return builder != null ? builder.apply(caller) : generic(op);
  }

  /** Path variables from fixtures, the body from the contract's example of the operation. */
  MutableHttpRequest<?> generic(Operation op) {
    String path =
        op.path()
            .replace("{reference}", ticket())
            .replace("{id}", Long.toString(userId()))
            .replace("{code}", "GDPR_CNIL_72H")
            .replace("{probe}", "liveness");
    JsonNode content =
        CONTRACT
            .document()
            .path("paths")
            .path(op.path())
            .path(op.method().toLowerCase())
            .path("requestBody")
            .path("content")
            .path("application/json");
    if (content.isMissingNode()) {
      return HttpRequest.create(HttpMethod.valueOf(op.method()), path);
    }
    JsonNode example = content.has("example") ? content.get("example") : content.path("examples");
    if (content.has("examples")) {
      example = example.elements().next();
    }
    if (example.has("$ref")) {
      example = CONTRACT.document().at(example.get("$ref").asText().substring(1));
    }
    if (example.has("value") && example.size() <= 3 && !content.has("example")) {
      example = example.get("value");
    }
    JsonNode schema = content.path("schema");
    if (example.isMissingNode() && schema.has("$ref")) {
      example = CONTRACT.document().at(schema.get("$ref").asText().substring(1)).path("example");
    }
    return HttpRequest.create(HttpMethod.valueOf(op.method()), path)
        .body(example.isMissingNode() ? "{}" : example.toString())
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
