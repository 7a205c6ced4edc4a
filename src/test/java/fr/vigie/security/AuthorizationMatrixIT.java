package fr.vigie.security;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.routing.ContractRequest;
import fr.vigie.routing.Contracts;
import fr.vigie.routing.Provider;
import fr.vigie.routing.ProviderDirectory;
import fr.vigie.routing.Referrals;
import fr.vigie.testing.Http;
import fr.vigie.testing.Providers;
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
 * opens its own report only; a provider's user sees and answers only its provider's referrals) are
 * checked apart.
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
  @Inject ProviderDirectory directory;
  @Inject Contracts contracts;
  @Inject Referrals referrals;
  @Inject fr.vigie.mail.MailIntake mail;
  @Inject fr.vigie.db.Database database;

  Http http;
  final Map<String, String> tokens = new LinkedHashMap<>();

  /**
   * The provider the PROVIDER caller is bound to: the strongest label, in Morbihan, for
   * associations only, so that no other test's shortlist changes and it always heads this test's
   * own (associations of Morbihan, which no other test reports).
   */
  static Provider provider;

  /** An expired contract naming {@link #provider}: it sends no ticket anywhere. */
  static long contract;

  /** An operation of the contract. */
  record Operation(String id, String method, String path) {}

  @BeforeEach
  void tokens() {
    http = new Http(client, json);
    if (provider == null) {
      provider =
          Providers.provider()
              .name("Matrice 56")
              .label("PRIS_ELEVE", "2099-12-31")
              .departements("56", "56")
              .victimTypes("ASSOCIATION")
              .capacity(10_000)
              .create(directory);
      contract =
          contracts
              .create(
                  new ContractRequest(
                      "Marché échu",
                      List.of("56"),
                      List.of("ASSOCIATION"),
                      List.of(provider.id()),
                      "2020-01-01",
                      "2020-12-31"),
                  "test:fixture")
              .id();
    }
    if (tokens.isEmpty()) {
      for (String role : CALLERS.subList(1, CALLERS.size())) {
        tokens.put(role, token(role));
      }
    }
  }

  /** A new session of a user of that role; a PROVIDER user is bound to {@link #provider}. */
  String token(String role) {
    return role.equals("PROVIDER")
        ? Staff.provider(users, client, provider.id())
        : Staff.token(users, client, role);
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

  /**
   * Every operation that reads a body refuses one over 256 KiB, before doing anything. Each is
   * called by a caller it accepts (a refused caller's body is never read at all).
   */
  @Test
  void everyBodyIsLimitedTo256KiB() throws IOException {
    Map<String, Map<String, Integer>> matrix = matrix();
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
                  .bearerAuth(tokens.get(accepted(matrix.get(op.id())))));
      if (answer.status() != 413 || !answer.contentType().startsWith("application/problem+json")) {
        wrong.add(op.id() + " → " + answer.status() + " " + answer.contentType());
      }
    }
    assertThat(wrong).isEmpty();
  }

  // ---- Every body field, every method (issue 16, findings 1, 5 and 6) -------------------------

  static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** A field of a request body as the contract declares it: its path and its JSON type. */
  record BodyField(String path, String type) {}

  /** The fields of an operation's request body, from its schema, nested objects and arrays too. */
  static List<BodyField> bodyFields(Operation op) {
    JsonNode schema =
        CONTRACT
            .document()
            .path("paths")
            .path(op.path())
            .path(op.method().toLowerCase())
            .path("requestBody")
            .path("content")
            .path("application/json")
            .path("schema");
    List<BodyField> fields = new ArrayList<>();
    collect(resolve(schema), "", fields, 0);
    return fields;
  }

  static JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      schema = CONTRACT.document().at(schema.get("$ref").asText().substring(1));
    }
    return schema;
  }

  static String jsonType(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isTextual()) {
      return type.asText();
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asText().equals("null")) {
          return t.asText();
        }
      }
    }
    if (schema.has("enum") || schema.has("const")) {
      return "string";
    }
    if (schema.has("properties")) {
      return "object";
    }
    return null;
  }

  static void collect(JsonNode schema, String prefix, List<BodyField> into, int depth) {
    if (depth > 4) {
      return;
    }
    schema
        .path("properties")
        .properties()
        .forEach(
            p -> {
              JsonNode field = resolve(p.getValue());
              String path = prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey();
              String type = jsonType(field);
              if (type == null) {
                return;
              }
              into.add(new BodyField(path, type));
              if (type.equals("object")) {
                collect(field, path, into, depth + 1);
              } else if (type.equals("array")) {
                JsonNode items = resolve(field.path("items"));
                String itemType = jsonType(items);
                if (itemType != null) {
                  into.add(new BodyField(path + "[0]", itemType));
                  if (itemType.equals("object")) {
                    collect(items, path + "[0]", into, depth + 1);
                  }
                }
              }
            });
  }

  /** Sets a value at {@code a.b[0].c} in a parsed body; false when the path is not there. */
  @SuppressWarnings("unchecked")
  static boolean setAt(Object root, String path, Object value) {
    String[] parts = path.split("\\.");
    Object node = root;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      Integer index = null;
      if (part.endsWith("[0]")) {
        part = part.substring(0, part.length() - 3);
        index = 0;
      }
      if (!(node instanceof Map)) {
        return false;
      }
      Map<String, Object> map = (Map<String, Object>) node;
      boolean last = i == parts.length - 1;
      if (index == null) {
        if (last) {
          map.put(part, value);
          return true;
        }
        node = map.get(part);
      } else {
        if (!(map.get(part) instanceof List<?> list) || list.isEmpty()) {
          return false;
        }
        if (last) {
          ((List<Object>) list).set(0, value);
          return true;
        }
        node = list.get(0);
      }
    }
    return false;
  }

  static Object wrongType(String type) {
    return switch (type) {
      case "string" -> 5;
      case "boolean" -> "yes";
      case "integer", "number" -> "5";
      case "array" -> "x";
      default -> "x"; // object
    };
  }

  /** A valid request of the operation by a caller it accepts, and its body parsed. */
  record Base(MutableHttpRequest<?> request, String caller, Object body) {}

  Base base(Operation op, Map<String, Integer> row) throws IOException {
    String caller = row.get("ANONYMOUS") < 300 ? "ANONYMOUS" : accepted(row);
    MutableHttpRequest<?> request = request(op, caller);
    Object body = request.getBody().orElse(null);
    byte[] bytes =
        body instanceof String text
            ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8)
            : json.writeValueAsBytes(body);
    return new Base(request, caller, MAPPER.readValue(bytes, Object.class));
  }

  Http.Answer sendMutated(Base base, Object body) throws IOException {
    MutableHttpRequest<?> request =
        HttpRequest.create(base.request().getMethod(), base.request().getUri().toString())
            .body(MAPPER.writeValueAsString(body))
            .contentType(MediaType.APPLICATION_JSON_TYPE);
    base.request()
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")
                  && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> request.header(name, v));
              }
            });
    if (!base.caller().equals("ANONYMOUS") && !request.getHeaders().contains("Authorization")) {
      request.bearerAuth(tokens.get(base.caller()));
    }
    return http.send(request);
  }

  static Object copy(Object body) throws IOException {
    return MAPPER.readValue(MAPPER.writeValueAsBytes(body), Object.class);
  }

  /**
   * Every field of every request body, given a value of the wrong JSON type (a string for a
   * boolean, a number for a text…), answers 400 naming that field: nothing is coerced ({@code
   * "yes"} lifted a legal hold). An operation added tomorrow is attacked the same way from its
   * schema in the contract.
   */
  @Test
  void everyBodyFieldRefusesAValueOfTheWrongType() throws IOException {
    Map<String, Map<String, Integer>> matrix = matrix();
    List<String> wrong = new ArrayList<>();
    int tried = 0;
    for (Operation op : operations()) {
      List<BodyField> fields = bodyFields(op);
      if (fields.isEmpty() || !matrix.containsKey(op.id())) {
        continue;
      }
      Base base = base(op, matrix.get(op.id()));
      for (BodyField field : fields) {
        Object body = copy(base.body());
        if (!setAt(body, field.path(), wrongType(field.type()))) {
          continue;
        }
        tried++;
        Http.Answer answer = sendMutated(base, body);
        if (answer.status() != 400 || !answer.errorFields().contains(field.path())) {
          wrong.add(op.id() + " " + field + " → " + answer.status() + " " + answer.body());
        }
      }
    }
    assertThat(tried).as("body fields attacked").isGreaterThan(100);
    assertThat(wrong).isEmpty();
  }

  /**
   * Every text field of every request body refuses a NUL, another control character and the
   * bidirectional and invisible characters (400 or 422 naming the field, never a 500 from the
   * database).
   */
  @Test
  void everyTextFieldRefusesControlAndInvisibleCharacters() throws IOException {
    Map<String, Map<String, Integer>> matrix = matrix();
    List<String> wrong = new ArrayList<>();
    int tried = 0;
    for (Operation op : operations()) {
      List<BodyField> fields = bodyFields(op);
      if (fields.isEmpty() || !matrix.containsKey(op.id())) {
        continue;
      }
      Base base = base(op, matrix.get(op.id()));
      for (BodyField field : fields) {
        if (!field.type().equals("string")) {
          continue;
        }
        for (String hostile : List.of("a\u0000b", "a\u001bb", "Mairie \u202Eexe.fdp", "x\u2066y")) {
          Object body = copy(base.body());
          if (!setAt(body, field.path(), hostile)) {
            continue;
          }
          tried++;
          Http.Answer answer = sendMutated(base, body);
          String name = field.path().replace("[0]", "");
          boolean named =
              answer.errorFields().stream().anyMatch(f -> f.replace("[0]", "").equals(name));
          if ((answer.status() != 400 && answer.status() != 422) || !named) {
            wrong.add(
                op.id()
                    + " "
                    + field.path()
                    + " "
                    + hostile.codePointAt(1)
                    + " → "
                    + answer.status()
                    + " "
                    + answer.body());
          }
        }
      }
    }
    assertThat(tried).as("text fields attacked").isGreaterThan(100);
    assertThat(wrong).isEmpty();
  }

  static final List<String> EVERY_METHOD = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

  /**
   * Every method on every path, not only the declared ones: {@code HEAD} on a {@code GET} operation
   * answers each caller what {@code GET} answers (it runs the same handler); a method the contract
   * does not declare never succeeds and never fails with a 5xx.
   */
  @Test
  void everyMethodOnEveryPathAnswersAsDeclaredOrIsRefused() throws IOException {
    Map<String, Map<String, Integer>> matrix = matrix();
    List<String> wrong = new ArrayList<>();
    Map<String, List<Operation>> byPath = new LinkedHashMap<>();
    for (Operation op : operations()) {
      byPath.computeIfAbsent(op.path(), k -> new ArrayList<>()).add(op);
    }
    for (var entry : byPath.entrySet()) {
      Set<String> declared = new TreeSet<>();
      entry.getValue().forEach(op -> declared.add(op.method().toUpperCase()));
      for (Operation op : entry.getValue()) {
        if (!op.method().equalsIgnoreCase("GET") || !matrix.containsKey(op.id())) {
          continue;
        }
        for (String caller : CALLERS) {
          MutableHttpRequest<?> get = request(op, caller);
          MutableHttpRequest<?> head = HttpRequest.HEAD(get.getUri().toString());
          get.getHeaders().forEach((n, v) -> v.forEach(value -> head.header(n, value)));
          if (!caller.equals("ANONYMOUS") && !head.getHeaders().contains("Authorization")) {
            head.bearerAuth(tokens.get(caller));
          }
          int want = matrix.get(op.id()).get(caller);
          int got = http.send(head).status();
          if (got != want) {
            wrong.add("HEAD " + op.id() + " as " + caller + ": expected " + want + ", got " + got);
          }
        }
      }
      String path =
          entry
              .getKey()
              .replace("{reference}", "BZH-2026-000001")
              .replace("{id}", "1")
              .replace("{code}", "GDPR_CNIL_72H")
              .replace("{probe}", "liveness")
              .replace("{year}", "2025");
      for (String method : EVERY_METHOD) {
        if (declared.contains(method) || (method.equals("HEAD") && declared.contains("GET"))) {
          continue;
        }
        for (String caller : CALLERS) {
          MutableHttpRequest<?> request = HttpRequest.create(HttpMethod.valueOf(method), path);
          if (HttpMethod.permitsRequestBody(HttpMethod.valueOf(method))) {
            request.body("{}").contentType(MediaType.APPLICATION_JSON_TYPE);
          }
          if (!caller.equals("ANONYMOUS")) {
            request.bearerAuth(tokens.get(caller));
          }
          Http.Answer answer = http.send(request);
          if (answer.status() < 400 || answer.status() >= 500) {
            wrong.add(method + " " + path + " as " + caller + " → " + answer.status());
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** A role the row lets through, ADMIN first. */
  static String accepted(Map<String, Integer> row) {
    List<String> roles = new ArrayList<>(CALLERS.subList(1, CALLERS.size()));
    java.util.Collections.reverse(roles);
    return roles.stream().filter(r -> row.get(r) < 300).findFirst().orElse("ADMIN");
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

  @Test
  void aProvidersUserSeesAndAnswersOnlyItsProvidersReferrals() {
    long mine = referral("PROPOSED");
    Provider other =
        Providers.provider().name("Autre Corse").departements("2A", "2A").create(directory);
    String them = Staff.provider(users, client, other.id());
    String path = "/api/v1/provider/referrals/" + mine;

    assertThat(http.send(HttpRequest.GET(path).bearerAuth(them)).status())
        .as("another provider's referral does not exist for them")
        .isEqualTo(404);
    for (String action : List.of("accept", "decline", "engaged", "complete")) {
      Http.Answer answer =
          http.send(
              TicketCalls.postJson(
                      path + "/" + action, Map.of("note", "pas à nous", "outcome", "RESOLVED"))
                  .bearerAuth(them));
      assertThat(answer.status()).as(action + " " + answer.body()).isEqualTo(404);
    }
    Http.Answer list =
        http.send(HttpRequest.GET("/api/v1/provider/referrals?size=200").bearerAuth(them));
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json()).containsEntry("total", 0);

    Http.Answer still = http.send(HttpRequest.GET(path).bearerAuth(tokens.get("PROVIDER")));
    assertThat(still.status()).as(still.body()).isEqualTo(200);
    assertThat(still.json()).containsEntry("state", "PROPOSED");
    assertThat(
            http.send(
                    HttpRequest.GET("/api/v1/provider/referrals/" + mine)
                        .bearerAuth(tokens.get("ANALYST")))
                .status())
        .as("the desk does not use the portal")
        .isEqualTo(403);
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

  /** A ticket of an association of Morbihan, qualified: {@link #provider} heads its options. */
  String qualifiedForTheProvider() {
    String reference =
        (String)
            receipt(
                    ReportJson.company()
                        .set("victim.type", "ASSOCIATION")
                        .set("victim.name", "Amicale laïque de Vannes")
                        .set("victim.communeCode", "56260"))
                .get("reference");
    Http.Answer qualified =
        http.send(
            TicketCalls.postJson(
                    "/api/v1/tickets/" + reference + "/transitions", Map.of("to", "QUALIFIED"))
                .bearerAuth(tokens.get("ANALYST")));
    assertThat(qualified.status()).as(qualified.body()).isEqualTo(200);
    return reference;
  }

  /** A referral of {@link #provider} in the given state: PROPOSED, ACCEPTED or ENGAGED. */
  long referral(String state) {
    String reference = qualifiedForTheProvider();
    Http.Answer proposed =
        http.send(
            TicketCalls.postJson(
                    "/api/v1/tickets/" + reference + "/referrals",
                    Map.of("providerId", provider.id()))
                .bearerAuth(tokens.get("ANALYST")));
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    long id = ((Number) proposed.json().get("id")).longValue();
    if (!state.equals("PROPOSED")) {
      referrals.accept(id, provider.id(), "test:fixture", null);
    }
    if (state.equals("ENGAGED")) {
      referrals.engaged(id, provider.id(), "test:fixture", null);
    }
    return id;
  }

  /** A portal action on a referral in {@code state}; only a PROVIDER caller gets a fresh one. */
  Function<String, MutableHttpRequest<?>> portal(
      String action, String state, Map<String, Object> body) {
    return c -> {
      long id = c.equals("PROVIDER") ? referral(state) : sharedReferral();
      return TicketCalls.postJson("/api/v1/provider/referrals/" + id + "/" + action, body);
    };
  }

  private Long shared;

  /** One proposed referral, for the callers that are refused before anything is read. */
  long sharedReferral() {
    if (shared == null) {
      shared = referral("PROPOSED");
    }
    return shared;
  }

  /** The id of an observable the report of {@code reference} gave. */
  long observableOf(String reference) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT o.id FROM observable o JOIN ticket t ON t.id = o.ticket_id"
                      + " WHERE t.reference = ? ORDER BY o.id LIMIT 1")) {
            s.setString(1, reference);
            try (var r = s.executeQuery()) {
              assertThat(r.next()).as("the report gave an observable").isTrue();
              return r.getLong(1);
            }
          }
        });
  }

  /** A campaign of two fresh tickets, as detection opens one: its id, then its references. */
  /** A reply kept for review (another address than the contact's), on a new ticket; its id. */
  long mailReview() {
    return fr.vigie.testing.MailReviewFixture.pending(
        database, ticket(), "autre@example.org", "Re", "Bonjour");
  }

  List<String> campaign() {
    String first = ticket();
    String second = ticket();
    long id =
        database.inTransaction(
            c -> {
              long created;
              try (var s =
                  c.prepareStatement(
                      "INSERT INTO campaign (uuid, basis, threat, departement, opened_at)"
                          + " VALUES (gen_random_uuid(), 'THREAT_DEPARTEMENT', 'RANSOMWARE',"
                          + " '29', now()) RETURNING id")) {
                try (var r = s.executeQuery()) {
                  r.next();
                  created = r.getLong(1);
                }
              }
              try (var s =
                  c.prepareStatement(
                      "INSERT INTO campaign_ticket (campaign_id, ticket_id, added_at, added_by)"
                          + " SELECT ?, id, now(), 'test:fixture' FROM ticket"
                          + " WHERE reference IN (?, ?)")) {
                s.setLong(1, created);
                s.setString(2, first);
                s.setString(3, second);
                s.executeUpdate();
              }
              return created;
            });
    return List.of(Long.toString(id), first, second);
  }

  long userId() {
    String name = "matrice-" + UUID.randomUUID().toString().substring(0, 8);
    return users
        .create(new UserService.NewUser(name, Staff.PASSWORD, List.of("ANALYST"), null))
        .id();
  }

  /** A minute ago by the system clock, the one the Vigie under test runs on (not in its future). */
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
        "downloadAttachment",
        c -> {
          // A report by e-mail with a photo: the mailbox's intake, without the IMAP round trip.
          String raw =
              "Message-ID: <"
                  + UUID.randomUUID()
                  + "@matrice.example>\r\nFrom: matrice@mairie-test.example\r\n"
                  + "Subject: Photo\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\n"
                  + "Content-Type: text/plain\r\n\r\nPhoto.\r\n--m\r\n"
                  + "Content-Type: image/png\r\nContent-Disposition: attachment;"
                  + " filename=\"ecran.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                  + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
                  + "\r\n--m--\r\n";
          String reference =
              mail.process(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).reference();
          Http.Answer list =
              http.send(
                  HttpRequest.GET("/api/v1/tickets/" + reference + "/attachments")
                      .bearerAuth(tokens.get("ANALYST")));
          assertThat(list.status()).as(list.body()).isEqualTo(200);
          String id = list.body().replaceAll("(?s)^\\[\\{\"id\":([0-9]+).*", "$1");
          return HttpRequest.GET("/api/v1/tickets/" + reference + "/attachments/" + id);
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
        "correctFacts",
        c ->
            HttpRequest.PATCH(
                    "/api/v1/tickets/" + ticket() + "/facts",
                    Map.of(
                        "victim",
                        Map.of("name", "Mairie de Plouzané"),
                        "reason",
                        "Nom confirmé par téléphone"))
                .contentType(MediaType.APPLICATION_JSON_TYPE));
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
        "createProvider",
        c ->
            TicketCalls.postJson(
                "/api/v1/providers",
                Providers.provider().name("Nouveau 2A").departements("2A", "2A").request()));
    b.put("getProvider", c -> HttpRequest.GET("/api/v1/providers/" + provider.id()));
    b.put(
        "replaceProvider",
        c -> {
          Providers corse = Providers.provider().name("Remplacé 2A").departements("2A", "2A");
          Provider p = corse.create(directory);
          return HttpRequest.PUT("/api/v1/providers/" + p.id(), corse.capacity(3).request())
              .header("If-Match", fr.vigie.tickets.Tickets.etag(p.version()));
        });
    b.put(
        "createContract",
        c ->
            TicketCalls.postJson(
                "/api/v1/contracts",
                Map.of(
                    "name",
                    "Marché échu",
                    "departements",
                    List.of("56"),
                    "victimTypes",
                    List.of("ASSOCIATION"),
                    "providerIds",
                    List.of(provider.id()),
                    "validFrom",
                    "2020-01-01",
                    "validUntil",
                    "2020-12-31")));
    b.put("getContract", c -> HttpRequest.GET("/api/v1/contracts/" + contract));
    b.put("statsReport", c -> HttpRequest.GET("/api/v1/stats/report/2025.pdf"));
    b.put("publicStats", c -> HttpRequest.GET("/api/v1/public/stats/2025"));
    b.put("publicStatsCsv", c -> HttpRequest.GET("/api/v1/public/stats/2025.csv"));
    b.put(
        "proposeReferral",
        c ->
            TicketCalls.postJson(
                "/api/v1/tickets/" + qualifiedForTheProvider() + "/referrals",
                Map.of("providerId", provider.id())));
    b.put(
        "getProviderReferral",
        c ->
            HttpRequest.GET(
                "/api/v1/provider/referrals/"
                    + (c.equals("PROVIDER") ? referral("ACCEPTED") : sharedReferral())));
    b.put("acceptReferral", portal("accept", "PROPOSED", Map.of("note", "On s'en occupe")));
    b.put("declineReferral", portal("decline", "PROPOSED", Map.of("note", "Plus de place")));
    b.put("engagedReferral", portal("engaged", "ACCEPTED", Map.of("note", "Appel passé")));
    b.put(
        "completeReferral",
        portal("complete", "ENGAGED", Map.of("note", "Remis en service", "outcome", "RESOLVED")));
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
          return c.equals("ANONYMOUS") ? request : request.bearerAuth(token(c));
        });
    String observables = "/api/v1/tickets/%s/observables";
    b.put(
        "exportTicket",
        c -> HttpRequest.GET("/api/v1/tickets/" + ticket() + "/export?format=misp"));
    b.put(
        "changeObservable",
        c -> {
          String reference = ticket();
          return HttpRequest.PATCH(
                  String.format(observables, reference) + "/" + observableOf(reference),
                  Map.of("tags", List.of("kit:office365")))
              .contentType(MediaType.APPLICATION_JSON_TYPE);
        });
    b.put("getCampaign", c -> HttpRequest.GET("/api/v1/campaigns/" + campaign().get(0)));
    b.put(
        "mergeCampaign",
        c ->
            TicketCalls.postJson(
                "/api/v1/campaigns/" + campaign().get(0) + "/merge",
                Map.of("into", Long.parseLong(campaign().get(0)))));
    b.put(
        "splitCampaign",
        c -> {
          List<String> campaign = campaign();
          return TicketCalls.postJson(
              "/api/v1/campaigns/" + campaign.get(0) + "/split",
              Map.of("tickets", List.of(campaign.get(1))));
        });
    b.put(
        "closeCampaign",
        c -> TicketCalls.postJson("/api/v1/campaigns/" + campaign().get(0) + "/close", Map.of()));
    b.put(
        "exportCampaign",
        c -> HttpRequest.GET("/api/v1/campaigns/" + campaign().get(0) + "/export?format=stix"));
    b.put(
        "acceptMailReview",
        c -> TicketCalls.postJson("/api/v1/mail/reviews/" + mailReview() + "/accept", Map.of()));
    b.put(
        "dismissMailReview",
        c ->
            TicketCalls.postJson(
                "/api/v1/mail/reviews/" + mailReview() + "/dismiss",
                Map.of("reason", "Publicité sans rapport.")));
    b.put(
        "pushCampaignToMisp",
        c -> TicketCalls.postJson("/api/v1/campaigns/" + campaign().get(0) + "/misp", Map.of()));
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
