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
