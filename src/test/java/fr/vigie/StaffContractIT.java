package fr.vigie;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static fr.vigie.testing.ContractClient.etag;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.security.UserService;
import fr.vigie.testing.ContractClient;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The staff side of the contract, called for real: login, the ticket queue and page with their
 * triage and clocks, the triage override and the promotion of a signalement with their optimistic
 * locking, staff accounts, and the problems each of them answers. The analyst's workflow is in
 * {@code WorkflowContractIT}.
 */
@MicronautTest(transactional = false)
class StaffContractIT {

  private static final String REPORTS = "/api/v1/reports";
  private static final String TICKETS = "/api/v1/tickets";
  private static final String TICKET = "/api/v1/tickets/{reference}";
  private static final String TRIAGE = "/api/v1/tickets/{reference}/triage";
  private static final String PROMOTE = "/api/v1/tickets/{reference}/promote";
  private static final String USERS = "/api/v1/users";
  private static final String LOGIN = "/login";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;

  ContractClient api;

  @BeforeEach
  void api() {
    api = new ContractClient(client, json);
  }

  // ---- Login --------------------------------------------------------------------------------

  @Test
  void loginMatchesTheContract() {
    String username = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(
        new UserService.NewUser(username, Staff.PASSWORD, List.of("ANALYST", "COORDINATOR"), null));

    Http.Answer asJson = api.exchange(200, LOGIN, login(username, Staff.PASSWORD));
    assertThat(asJson.json())
        .containsEntry("username", username)
        .containsEntry("token_type", "Bearer")
        .containsEntry("roles", List.of("ANALYST", "COORDINATOR"));

    Http.Answer asForm =
        api.exchange(
            200,
            LOGIN,
            HttpRequest.POST(LOGIN, Map.of("username", username, "password", Staff.PASSWORD))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    assertThat(asForm.json()).containsEntry("username", username);

    Http.Answer wrong = api.exchange(401, LOGIN, login(username, "not-the-password"));
    assertThat(wrong.json()).containsEntry("status", 401).doesNotContainKey("access_token");

    Http.Answer blank = api.exchange(400, LOGIN, login("", ""));
    assertThat(blank.errorFields()).containsExactlyInAnyOrder("username", "password");
  }

  // ---- Tickets ------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void ticketReadsMatchTheContract() {
    ReportJson mairie = ReportJson.mairie();
    String reference = report(mairie);
    Instant discovered =
        OffsetDateTime.parse((String) mairie.get("incident.discoveredAt")).toInstant();
    String analyst = Staff.token(users, client, "ANALYST");

    Http.Answer page =
        api.exchange(200, TICKETS, HttpRequest.GET(TICKETS + "?size=5").bearerAuth(analyst));
    assertThat(page.json()).containsEntry("page", 0).containsEntry("size", 5);
    assertThat((List<?>) page.json().get("items")).isNotEmpty().hasSizeLessThanOrEqualTo(5);

    Http.Answer ticket = api.exchange(200, TICKET, ticket(reference).bearerAuth(analyst));
    assertThat(etag(ticket)).isEqualTo("\"v0\"");
    assertThat(ticket.json())
        .containsEntry("reference", reference)
        .containsEntry("status", "NEW")
        .containsEntry("tlp", "AMBER")
        .containsEntry("severity", "P1")
        .containsEntry("rsitClass", "information-content-security")
        .containsEntry("triageOverride", null);
    Map<String, Object> triage = (Map<String, Object>) ticket.json().get("triage");
    assertThat(triage)
        .containsEntry("severity", "P1")
        .containsEntry("impact", "I3")
        .containsEntry("criticality", "C3")
        .containsEntry(
            "nis2", Map.of("declared", "UNKNOWN", "derived", "NONE", "effective", "UNKNOWN"));
    assertThat(
            ((List<Map<String, Object>>) ticket.json().get("clocks"))
                .stream().filter(k -> k.get("kind").equals("REGULATORY")).toList())
        .as("the CNIL deadline as a regulatory clock, in UTC")
        .containsExactly(
            ReportJson.map(
                "code",
                "GDPR_CNIL_72H",
                "kind",
                "REGULATORY",
                "startedAt",
                discovered.toString(),
                "dueAt",
                discovered.plus(72, ChronoUnit.HOURS).toString(),
                "state",
                "OPEN",
                "completedAt",
                null));

    Http.Answer missing = api.exchange(404, TICKET, ticket("BZH-2000-999999").bearerAuth(analyst));
    assertThat(missing.json()).containsEntry("detail", "Ticket not found.");

    Http.Answer badSize =
        api.exchange(400, TICKETS, HttpRequest.GET(TICKETS + "?size=0").bearerAuth(analyst));
    assertThat(badSize.errorFields()).containsExactly("size");

    Http.Answer anonymous = api.exchange(401, TICKETS, HttpRequest.GET(TICKETS));
    assertThat(anonymous.json()).containsEntry("status", 401);
    assertThat(anonymous.header("WWW-Authenticate").filter(c -> c.startsWith("Basic")))
        .as("no Basic challenge: staff use bearer tokens only")
        .isEmpty();

    String official = Staff.token(users, client, "OFFICIAL");
    Http.Answer forbidden = api.exchange(403, TICKET, ticket(reference).bearerAuth(official));
    assertThat(forbidden.json()).containsEntry("status", 403);
  }

  // ---- Triage override ----------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aTriageOverrideMatchesTheContract() {
    String reference = report();
    String analyst = Staff.token(users, client, "ANALYST");
    Http.Answer read = api.exchange(200, TICKET, ticket(reference).bearerAuth(analyst));
    int version = (Integer) read.json().get("version");

    Map<String, Object> downgrade =
        Map.of("severity", "P2", "reason", "Sauvegardes saines, reprise prévue ce soir");
    assertThat(api.requestViolations("PATCH", TRIAGE, downgrade)).isEmpty();
    Http.Answer done =
        api.exchange(
            200, TRIAGE, override(reference, downgrade, analyst).header("If-Match", etag(read)));
    assertThat(done.json()).containsEntry("severity", "P2").containsEntry("version", version + 1);
    assertThat(etag(done)).isEqualTo("\"v" + (version + 1) + "\"");
    Http.Answer stale =
        api.exchange(
            412, TRIAGE, override(reference, downgrade, analyst).header("If-Match", etag(read)));
    assertThat(stale.json()).containsEntry("status", 412);
    assertThat((Map<String, Object>) done.json().get("triage"))
        .as("the computed triage stays")
        .containsEntry("severity", "P1");
    assertThat((Map<String, Object>) done.json().get("triageOverride"))
        .containsEntry("severity", "P2")
        .containsEntry("reason", "Sauvegardes saines, reprise prévue ce soir")
        .containsKeys("by", "at");

    Map<String, Object> reclassify =
        Map.of(
            "rsitClass", "malicious-code",
            "rsitType", "infected-system",
            "reason", "Aucun fichier chiffré : un poste infecté");
    assertThat(api.requestViolations("PATCH", TRIAGE, reclassify)).isEmpty();
    Http.Answer reclassified = api.exchange(200, TRIAGE, override(reference, reclassify, analyst));
    etag(reclassified);
    assertThat(reclassified.json())
        .containsEntry("rsitClass", "malicious-code")
        .containsEntry("rsitType", "infected-system")
        .containsEntry("severity", "P2");
    assertThat((Map<String, Object>) reclassified.json().get("triageOverride"))
        .as("the latest override only, as the contract says")
        .containsEntry("severity", null)
        .containsEntry("rsitClass", "malicious-code");
  }

  @Test
  void refusedTriageOverridesMatchTheContract() {
    String reference = report();
    String analyst = Staff.token(users, client, "ANALYST");

    refused(reference, analyst, "{\"severity\": \"P2\"}", "reason");
    refused(reference, analyst, "{\"severity\": \"P2\", \"reason\": \" \"}", "reason");
    refused(reference, analyst, "{\"rsitClass\": \"fraud\", \"reason\": \"no type\"}", "rsitType");
    refused(reference, analyst, "{\"reason\": \"nothing to change\"}", "severity");

    // A pair outside the taxonomy: the schema cannot say it, x-rsit-types does.
    String fraudTypes =
        CONTRACT.document().at("/components/schemas/RsitClass/x-rsit-types/fraud").toString();
    assertThat(fraudTypes).contains("\"phishing\"").doesNotContain("\"ddos\"");
    Http.Answer wrongPair =
        api.exchange(
            422,
            TRIAGE,
            override(
                reference,
                "{\"rsitClass\": \"fraud\", \"rsitType\": \"ddos\", \"reason\": \"wrong pair\"}",
                analyst));
    assertThat(wrongPair.errorFields()).containsExactly("rsitType");

    String outOfEnum = "{\"severity\": \"P9\", \"reason\": \"no such level\"}";
    assertThat(CONTRACT.requestViolations("PATCH", TRIAGE, outOfEnum)).isNotEmpty();
    api.exchange(400, TRIAGE, override(reference, outOfEnum, analyst));
    String typo = "{\"rsit_class\": \"fraud\", \"severity\": \"P3\", \"reason\": \"typo\"}";
    assertThat(CONTRACT.requestViolations("PATCH", TRIAGE, typo)).isNotEmpty();
    api.exchange(400, TRIAGE, override(reference, typo, analyst));
    Http.Answer badTag =
        api.exchange(
            400,
            TRIAGE,
            override(reference, "{\"severity\": \"P3\", \"reason\": \"Fausse alerte\"}", analyst)
                .header("If-Match", "latest"));
    assertThat(badTag.errorFields()).containsExactly("If-Match");

    Map<String, Object> valid = Map.of("severity", "P4", "reason", "Fausse alerte");
    api.exchange(404, TRIAGE, override("BZH-2000-999999", valid, analyst));
    api.exchange(401, TRIAGE, HttpRequest.PATCH(TICKETS + "/" + reference + "/triage", valid));
    String official = Staff.token(users, client, "OFFICIAL");
    api.exchange(403, TRIAGE, override(reference, valid, official));
    api.exchange(
        415,
        TRIAGE,
        HttpRequest.PATCH(TICKETS + "/" + reference + "/triage", "severity=P4")
            .contentType(MediaType.TEXT_PLAIN_TYPE)
            .bearerAuth(analyst));
  }

  // ---- Promotion ----------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aPromotionMatchesTheContract() {
    String signalement = signalement();
    String analyst = Staff.token(users, client, "ANALYST");
    Map<String, Object> why =
        Map.of("reason", "La gérante a saisi ses identifiants sur le faux site");
    assertThat(api.requestViolations("POST", PROMOTE, why)).isEmpty();

    Http.Answer promoted =
        api.exchange(200, PROMOTE, promote(signalement, why, analyst).header("If-Match", "\"v0\""));
    assertThat(etag(promoted)).isEqualTo("\"v1\"");
    assertThat(promoted.json()).containsEntry("kind", "INCIDENT");
    Map<String, Object> triage = (Map<String, Object>) promoted.json().get("triage");
    assertThat(triage).containsEntry("kind", "INCIDENT");
    assertThat((List<String>) triage.get("factors"))
        .contains("kind INCIDENT: decided by an analyst");
    assertThat((List<Map<String, Object>>) promoted.json().get("clocks"))
        .as("an insured company's complaint deadline starts, next to the desk's own clocks")
        .extracting(c -> c.get("code") + " " + c.get("kind") + " " + c.get("state"))
        .contains("LOPMI_COMPLAINT_72H REGULATORY OPEN", "FIRST_CONTACT SLA RUNNING");

    Http.Answer again = api.exchange(409, PROMOTE, promote(signalement, why, analyst));
    assertThat(again.json()).containsEntry("detail", "Only a signalement can be promoted.");
    api.exchange(412, PROMOTE, promote(signalement(), why, analyst).header("If-Match", "\"v3\""));
    api.exchange(404, PROMOTE, promote("BZH-2000-999999", why, analyst));

    for (String body : List.of("{}", "{\"reason\": \" ab \"}")) {
      assertThat(CONTRACT.requestViolations("POST", PROMOTE, body)).as(body).isNotEmpty();
      Http.Answer refused = api.exchange(422, PROMOTE, promote("BZH-2000-999999", body, analyst));
      assertThat(refused.errorFields())
          .as("checked before the look-up: %s", body)
          .containsExactly("reason");
    }
    String typo = "{\"reason\": \"Messagerie compromise\", \"kind\": \"INCIDENT\"}";
    assertThat(CONTRACT.requestViolations("POST", PROMOTE, typo)).isNotEmpty();
    api.exchange(400, PROMOTE, promote(signalement, typo, analyst));
    api.exchange(401, PROMOTE, HttpRequest.POST(TICKETS + "/" + signalement + "/promote", why));
    api.exchange(403, PROMOTE, promote(signalement, why, Staff.token(users, client, "OFFICIAL")));
  }

  /** A rule the contract's request schema states too, and the field the server names. */
  private void refused(String reference, String token, String body, String field) {
    assertThat(CONTRACT.requestViolations("PATCH", TRIAGE, body))
        .as("the contract refuses %s", body)
        .isNotEmpty();
    Http.Answer refused = api.exchange(422, TRIAGE, override(reference, body, token));
    assertThat(refused.errorFields()).as(body).containsExactly(field);
  }

  // ---- Users --------------------------------------------------------------------------------

  @Test
  void userListMatchesTheContract() {
    String admin = Staff.token(users, client, "ADMIN");

    Http.Answer page =
        api.exchange(200, USERS, HttpRequest.GET(USERS + "?size=200").bearerAuth(admin));
    assertThat(page.json()).containsEntry("page", 0).containsEntry("size", 200);
    assertThat(itemValues(page, "username")).contains("admin");

    String analyst = Staff.token(users, client, "ANALYST");
    api.exchange(403, USERS, HttpRequest.GET(USERS).bearerAuth(analyst));
    api.exchange(401, USERS, HttpRequest.GET(USERS));
  }

  @Test
  void userCreationMatchesTheContract() {
    String admin = Staff.token(users, client, "ADMIN");
    String username = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> newUser =
        ReportJson.map(
            "username", username, "password", Staff.PASSWORD, "roles", List.of("ANALYST"));
    assertThat(api.requestViolations("POST", USERS, newUser)).isEmpty();

    Http.Answer created =
        api.exchange(201, USERS, HttpRequest.POST(USERS, newUser).bearerAuth(admin));
    assertThat(created.json())
        .containsEntry("username", username)
        .containsEntry("roles", List.of("ANALYST"))
        .containsEntry("enabled", true)
        .doesNotContainKey("password");

    Http.Answer taken =
        api.exchange(409, USERS, HttpRequest.POST(USERS, newUser).bearerAuth(admin));
    assertThat(taken.errorFields()).containsExactly("username");

    Map<String, Object> invalid =
        ReportJson.map("username", "X", "password", "short", "roles", List.of("BOSS"));
    Http.Answer refused =
        api.exchange(422, USERS, HttpRequest.POST(USERS, invalid).bearerAuth(admin));
    assertThat(refused.errorFields()).containsExactlyInAnyOrder("username", "password", "roles[0]");
  }

  // ---- Helpers ------------------------------------------------------------------------------

  /** Reports the mairie of Plouzané (P1, I3 × C3) and returns its reference. */
  private String report() {
    return report(ReportJson.mairie());
  }

  private String report(ReportJson mairie) {
    Http.Answer created =
        api.exchange(
            201,
            REPORTS,
            HttpRequest.POST(REPORTS, mairie.body()).contentType(MediaType.APPLICATION_JSON_TYPE));
    return (String) created.json().get("reference");
  }

  /** Reports a phishing mail a small insured company did not fall for yet: a signalement. */
  private String signalement() {
    Http.Answer created =
        api.exchange(
            201,
            REPORTS,
            HttpRequest.POST(REPORTS, ReportJson.phishing().body())
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    assertThat(created.json()).containsEntry("kind", "SIGNALEMENT");
    return (String) created.json().get("reference");
  }

  private static MutableHttpRequest<?> promote(String reference, Object body, String token) {
    return HttpRequest.POST(TICKETS + "/" + reference + "/promote", body)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .bearerAuth(token);
  }

  private static MutableHttpRequest<?> ticket(String reference) {
    return HttpRequest.GET(TICKETS + "/" + reference);
  }

  private static MutableHttpRequest<?> override(String reference, Object body, String token) {
    return HttpRequest.PATCH(TICKETS + "/" + reference + "/triage", body)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .bearerAuth(token);
  }

  private static MutableHttpRequest<?> login(String username, String password) {
    return HttpRequest.POST(LOGIN, Map.of("username", username, "password", password));
  }

  private static List<Object> itemValues(Http.Answer answer, String name) {
    return ((List<?>) answer.json().get("items"))
        .stream().<Object>map(i -> ((Map<?, ?>) i).get(name)).toList();
  }
}
