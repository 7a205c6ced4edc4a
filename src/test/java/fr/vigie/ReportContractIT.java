package fr.vigie;

import static fr.vigie.testing.ContractClient.CONTRACT;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public side of the contract, called for real: a report and its receipt with the triage, the
 * idempotent replay, the victim's follow-up and its exchange of messages with the CSIRT (a merged
 * duplicate's token included), the diagnosis that stores nothing, the questionnaire, the commune
 * look-up, and the problems each of them answers.
 */
@MicronautTest(transactional = false)
class ReportContractIT {

  private static final String REPORTS = "/api/v1/reports";
  private static final String REPORT = "/api/v1/reports/{reference}";
  private static final String REPORT_MESSAGES = "/api/v1/reports/{reference}/messages";
  private static final String TICKET_MESSAGES = "/api/v1/tickets/{reference}/messages";
  private static final String TICKET_NOTES = "/api/v1/tickets/{reference}/notes";
  private static final String MERGE = "/api/v1/tickets/{reference}/merge";
  private static final String DIAGNOSIS = "/api/v1/intake/diagnosis";
  private static final String QUESTIONNAIRE = "/api/v1/intake/questionnaire";
  private static final String COMMUNES = "/api/v1/geo/communes";
  private static final String TICKETS = "/api/v1/tickets";

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

  // ---- Reports ------------------------------------------------------------------------------

  @Test
  void reportSubmissionReplayAndFollowUpMatchTheContract() {
    ReportJson company = ReportJson.company();
    Map<String, Object> report = company.body();
    assertThat(api.requestViolations("POST", REPORTS, report))
        .as("the test's valid report is valid for the contract too")
        .isEmpty();
    String key = UUID.randomUUID().toString();

    Http.Answer created =
        api.exchange(201, REPORTS, post(REPORTS, report).header("Idempotency-Key", key));
    String reference = (String) created.json().get("reference");
    String token = (String) created.json().get("followUpToken");
    assertThat(created.json())
        .containsEntry("status", "NEW")
        .containsEntry("kind", "INCIDENT")
        .containsEntry("inConstituency", true);
    assertThat(orientations(created))
        .as("transfer fraud: the police is urgent (bank recall)")
        .containsEntry("POLICE_GENDARMERIE", true);
    assertThat(deadlines(created))
        .as("an insured company: complaint within 72 h of discoveredAt, in the desk's time zone")
        .containsEntry("LOPMI_COMPLAINT_72H", company.afterDiscovery(Duration.ofHours(72)));
    assertThat(created.header("Location")).contains(REPORTS + "/" + reference);
    assertThat(created.header("Idempotent-Replayed")).isEmpty();

    Http.Answer replayed =
        api.exchange(201, REPORTS, post(REPORTS, report).header("Idempotency-Key", key));
    assertThat(replayed.json()).as("same reference, token and triage").isEqualTo(created.json());
    assertThat(replayed.header("Idempotent-Replayed")).contains("true");

    Http.Answer followed = api.exchange(200, REPORT, follow(reference, token));
    assertThat(followed.json())
        .containsEntry("reference", reference)
        .containsEntry("orientations", created.json().get("orientations"))
        .containsEntry("messages", List.of());
    assertThat((List<Map<String, Object>>) followed.json().get("deadlines"))
        .as("the receipt's deadlines, with where each stands")
        .extracting(d -> d.get("code") + " " + d.get("dueAt") + " " + d.get("state"))
        .containsExactlyElementsOf(
            ((List<Map<String, Object>>) created.json().get("deadlines"))
                .stream().map(d -> d.get("code") + " " + d.get("dueAt") + " OPEN").toList());
    assertThat(field(followed, "victim", "name")).isEqualTo("Boulangerie Le Goff");

    Http.Answer notFound = api.exchange(404, REPORT, follow(reference, "not-it"));
    assertThat(notFound.json()).containsEntry("detail", "Report not found.");
  }

  @Test
  void aMairieIsLocatedAndTriagedAsTheContractSays() {
    ReportJson report = ReportJson.mairie();
    Map<String, Object> mairie = report.body();
    assertThat(api.requestViolations("POST", REPORTS, mairie)).isEmpty();

    Http.Answer created = api.exchange(201, REPORTS, post(REPORTS, mairie));
    assertThat(created.json())
        .containsEntry("status", "NEW")
        .containsEntry("severity", "P1")
        .containsEntry("impact", "I3")
        .containsEntry("criticality", "C3")
        .containsEntry(
            "rsit",
            Map.of(
                "class", "information-content-security",
                "type", "unauthorised-information-modification"));
    assertThat(orientations(created))
        .containsExactlyInAnyOrderEntriesOf(Map.of("POLICE_GENDARMERIE", false, "CNIL", false));
    assertThat(deadlines(created))
        .containsExactlyEntriesOf(
            Map.of("GDPR_CNIL_72H", report.afterDiscovery(Duration.ofHours(72))));

    String reference = (String) created.json().get("reference");
    String token = (String) created.json().get("followUpToken");
    Http.Answer followed = api.exchange(200, REPORT, follow(reference, token));
    assertThat(field(followed, "victim", "departement")).isEqualTo("29");
    assertThat(field(followed, "victim", "region")).isEqualTo("53");
    assertThat(field(followed, "victim", "population")).isInstanceOf(Integer.class);
    assertThat(field(followed, "incident", "discoveredAt"))
        .as("incident times in the desk's time zone")
        .isEqualTo(report.get("incident.discoveredAt"));
  }

  @Test
  void rejectedReportsMatchTheContract() {
    Http.Answer noConsent = api.exchange(422, REPORTS, post(REPORTS, report("consent", false)));
    assertThat(noConsent.errorFields()).containsExactly("consent");

    String key = UUID.randomUUID().toString();
    api.exchange(
        201, REPORTS, post(REPORTS, ReportJson.company().body()).header("Idempotency-Key", key));
    Map<String, Object> other = report("victim.name", "Boulangerie Le Bihan");
    Http.Answer reused =
        api.exchange(422, REPORTS, post(REPORTS, other).header("Idempotency-Key", key));
    assertThat(reused.errorFields()).containsExactly("Idempotency-Key");

    Map<String, Object> unknownField = report("victim.color", "blue");
    assertThat(api.requestViolations("POST", REPORTS, unknownField))
        .as("the contract refuses unknown fields as the server does")
        .isNotEmpty();
    assertThat(api.exchange(400, REPORTS, post(REPORTS, unknownField)).errorFields())
        .containsExactly("victim.color");

    Http.Answer notJson = api.exchange(400, REPORTS, post(REPORTS, "{\"channel\": "));
    assertThat(notJson.json()).containsEntry("detail", "The body is not valid JSON.");

    Http.Answer badKey =
        api.exchange(
            400,
            REPORTS,
            post(REPORTS, ReportJson.company().body()).header("Idempotency-Key", "x"));
    assertThat(badKey.errorFields()).containsExactly("Idempotency-Key");

    Http.Answer tooLarge = api.exchange(413, REPORTS, post(REPORTS, tooLargeBody()));
    assertThat(tooLarge.json()).containsEntry("status", 413);

    Http.Answer notJsonType = api.exchange(415, REPORTS, postText(REPORTS));
    assertThat(notJsonType.json()).containsEntry("status", 415);
  }

  // ---- The victim's exchange with the CSIRT -------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void theVictimAndTheCsirtWriteToEachOtherAsTheContractSays() {
    Http.Answer created = api.exchange(201, REPORTS, post(REPORTS, ReportJson.mairie().body()));
    String reference = (String) created.json().get("reference");
    String token = (String) created.json().get("followUpToken");
    String analyst = Staff.token(users, client, "ANALYST");

    String question = "{\"text\": \"Avez-vous des sauvegardes hors ligne ?\"}";
    api.exchange(201, TICKET_MESSAGES, staffPost(reference, "messages", question, analyst));
    api.exchange(
        201,
        TICKET_NOTES,
        staffPost(reference, "notes", "{\"text\": \"Note interne du CSIRT\"}", analyst));
    String answer = "{\"text\": \"  Oui, sur un disque USB au secrétariat.\\n  \"}";
    assertThat(CONTRACT.requestViolations("POST", REPORT_MESSAGES, answer)).isEmpty();
    Http.Answer sent = api.exchange(201, REPORT_MESSAGES, victimPost(reference, token, answer));
    assertThat(sent.json())
        .containsEntry("from", "VICTIM")
        .containsEntry("text", "Oui, sur un disque USB au secrétariat.");

    Http.Answer followed = api.exchange(200, REPORT, follow(reference, token));
    assertThat((List<Map<String, Object>>) followed.json().get("messages"))
        .extracting(m -> m.get("from") + ": " + m.get("text"))
        .containsExactly(
            "CSIRT: Avez-vous des sauvegardes hors ligne ?",
            "VICTIM: Oui, sur un disque USB au secrétariat.");
    assertThat(followed.body()).as("internal notes stay internal").doesNotContain("Note interne");

    for (String refused :
        List.of("{}", "{\"text\": \"  \"}", "{\"text\": \"" + "x".repeat(10_001) + "\"}")) {
      assertThat(CONTRACT.requestViolations("POST", REPORT_MESSAGES, refused)).isNotEmpty();
      Http.Answer invalid =
          api.exchange(422, REPORT_MESSAGES, victimPost(reference, token, refused));
      assertThat(invalid.errorFields()).containsExactly("text");
    }
    Http.Answer wrongToken =
        api.exchange(404, REPORT_MESSAGES, victimPost(reference, "not-it", "{}"));
    assertThat(wrongToken.json())
        .as("the token is checked before the body, like an unknown reference")
        .containsEntry("detail", "Report not found.");
    api.exchange(404, REPORT_MESSAGES, victimPost("BZH-2000-999999", token, answer));
    api.exchange(404, REPORT_MESSAGES, post(REPORTS + "/" + reference + "/messages", answer));
    api.exchange(400, REPORT_MESSAGES, victimPost(reference, token, "{\"text\": "));
    api.exchange(400, REPORT_MESSAGES, victimPost(reference, "not-it", "[\"texte\"]"));
    api.exchange(
        413, REPORT_MESSAGES, victimPost(reference, token, "{\"text\": " + tooLargeBody() + "}"));
    api.exchange(
        415,
        REPORT_MESSAGES,
        HttpRequest.POST(REPORTS + "/" + reference + "/messages", "Oui")
            .contentType(MediaType.TEXT_PLAIN_TYPE)
            .header("X-Follow-Up-Token", token));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMergedDuplicatesTokenShowsItsOwnReportWithTheCasesStatus() {
    Http.Answer survivor = api.exchange(201, REPORTS, post(REPORTS, ReportJson.mairie().body()));
    Http.Answer duplicate =
        api.exchange(
            201, REPORTS, post(REPORTS, ReportJson.mairie().set("contact.role", "Maire").body()));
    String into = (String) survivor.json().get("reference");
    String dup = (String) duplicate.json().get("reference");
    String dupToken = (String) duplicate.json().get("followUpToken");
    String analyst = Staff.token(users, client, "ANALYST");
    api.exchange(200, MERGE, staffPost(dup, "merge", "{\"into\": \"" + into + "\"}", analyst));

    api.exchange(
        201,
        REPORT_MESSAGES,
        victimPost(dup, dupToken, "{\"text\": \"Le maire confirme le chiffrement.\"}"));
    // Issue 16, finding 3: each reporter sees its own report and thread, with the case's status.
    Http.Answer viaDuplicate = api.exchange(200, REPORT, follow(dup, dupToken));
    assertThat(viaDuplicate.json())
        .as("its own report, with the status of the case it joined")
        .containsEntry("reference", dup)
        .containsEntry("status", "NEW");
    assertThat((List<Map<String, Object>>) viaDuplicate.json().get("messages"))
        .extracting(m -> m.get("text"))
        .containsExactly("Le maire confirme le chiffrement.");
    Http.Answer viaSurvivor =
        api.exchange(200, REPORT, follow(into, (String) survivor.json().get("followUpToken")));
    assertThat((List<Map<String, Object>>) viaSurvivor.json().get("messages"))
        .as("never another reporter's words")
        .isEmpty();
  }

  // ---- Diagnosis ----------------------------------------------------------------------------

  @Test
  void theDiagnosisMatchesTheContractAndStoresNothing() {
    long before = ticketCount();

    Map<String, Object> mairie = ReportJson.mairie().body();
    Http.Answer diagnosis = api.exchange(200, DIAGNOSIS, post(DIAGNOSIS, mairie));
    assertThat(diagnosis.json())
        .doesNotContainKeys("reference", "followUpToken")
        .containsEntry("status", "NEW")
        .containsEntry("severity", "P1");

    Map<String, Object> individual =
        ReportJson.company()
            .set("victim.type", "PARTICULIER")
            .set("victim.name", "Jean Dupont")
            .set("victim.siren", null)
            .set("victim.headcount", null)
            .set("incident.threat", "PHISHING")
            .set("incident.fundsTransferred", null)
            .body();
    Http.Answer oriented = api.exchange(200, DIAGNOSIS, post(DIAGNOSIS, individual));
    assertThat(oriented.json())
        .containsEntry("status", "ORIENTED")
        .containsEntry("inConstituency", false);
    assertThat(orientations(oriented)).containsKey("CYBERMALVEILLANCE_17CYBER");

    assertThat(ticketCount()).as("no ticket opened by a diagnosis").isEqualTo(before);
  }

  @Test
  void rejectedDiagnosesMatchTheContract() {
    Http.Answer unknownThreat =
        api.exchange(422, DIAGNOSIS, post(DIAGNOSIS, report("incident.threat", "HACKED")));
    assertThat(unknownThreat.errorFields()).containsExactly("incident.threat");

    Http.Answer noConsent = api.exchange(422, DIAGNOSIS, post(DIAGNOSIS, report("consent", false)));
    assertThat(noConsent.errorFields()).containsExactly("consent");

    Http.Answer unknownField =
        api.exchange(400, DIAGNOSIS, post(DIAGNOSIS, report("victim.color", "blue")));
    assertThat(unknownField.errorFields()).containsExactly("victim.color");

    api.exchange(413, DIAGNOSIS, post(DIAGNOSIS, tooLargeBody()));
    api.exchange(415, DIAGNOSIS, postText(DIAGNOSIS));
  }

  // ---- Questionnaire and geography ----------------------------------------------------------

  @Test
  void theQuestionnaireAndItsRevalidationMatchTheContract() {
    Http.Answer questionnaire = api.exchange(200, QUESTIONNAIRE, HttpRequest.GET(QUESTIONNAIRE));
    assertThat(questionnaire.json()).containsKeys("version", "locale", "steps");
    String etag = questionnaire.header("ETag").orElseThrow();

    Http.Answer notModified =
        api.exchange(
            304, QUESTIONNAIRE, HttpRequest.GET(QUESTIONNAIRE).header("If-None-Match", etag));
    assertThat(notModified.header("ETag")).contains(etag);
  }

  @Test
  void communeSearchMatchesTheContract() {
    Http.Answer byName =
        api.exchange(200, COMMUNES, HttpRequest.GET(COMMUNES + "?q=Plouzan&limit=5"));
    assertThat(itemValues(byName, "name")).contains("Plouzané");

    Http.Answer byPostalCode =
        api.exchange(200, COMMUNES, HttpRequest.GET(COMMUNES + "?postalCode=29280"));
    assertThat(itemValues(byPostalCode, "code")).contains("29212");

    Http.Answer neither = api.exchange(400, COMMUNES, HttpRequest.GET(COMMUNES));
    assertThat(neither.json()).containsEntry("status", 400);

    Http.Answer tooShort = api.exchange(400, COMMUNES, HttpRequest.GET(COMMUNES + "?q=P"));
    assertThat(tooShort.errorFields()).containsExactly("q");

    Http.Answer noLimit =
        api.exchange(400, COMMUNES, HttpRequest.GET(COMMUNES + "?q=Plou&limit=0"));
    assertThat(noLimit.errorFields()).containsExactly("limit");
  }

  // ---- Helpers ------------------------------------------------------------------------------

  private long ticketCount() {
    String analyst = Staff.token(users, client, "ANALYST");
    Http.Answer page =
        api.exchange(200, TICKETS, HttpRequest.GET(TICKETS + "?size=1").bearerAuth(analyst));
    return ((Number) page.json().get("total")).longValue();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> orientations(Http.Answer answer) {
    Map<String, Object> byCode = new LinkedHashMap<>();
    ((List<Map<String, Object>>) answer.json().get("orientations"))
        .forEach(o -> byCode.put((String) o.get("code"), o.get("urgent")));
    return byCode;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deadlines(Http.Answer answer) {
    Map<String, Object> byCode = new LinkedHashMap<>();
    ((List<Map<String, Object>>) answer.json().get("deadlines"))
        .forEach(d -> byCode.put((String) d.get("code"), d.get("dueAt")));
    return byCode;
  }

  private static Object field(Http.Answer answer, String object, String name) {
    return ((Map<?, ?>) answer.json().get(object)).get(name);
  }

  private static List<Object> itemValues(Http.Answer answer, String name) {
    return ((List<?>) answer.json().get("items"))
        .stream().<Object>map(i -> ((Map<?, ?>) i).get(name)).toList();
  }

  private static MutableHttpRequest<?> post(String path, Object body) {
    return HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private static MutableHttpRequest<?> postText(String path) {
    return HttpRequest.POST(path, "channel=WEB_FORM").contentType(MediaType.TEXT_PLAIN_TYPE);
  }

  private static String tooLargeBody() {
    return "\"" + "x".repeat(300_000) + "\"";
  }

  private static MutableHttpRequest<?> victimPost(String reference, String token, String body) {
    return post(REPORTS + "/" + reference + "/messages", body).header("X-Follow-Up-Token", token);
  }

  private static MutableHttpRequest<?> staffPost(
      String reference, String segment, String body, String token) {
    return post(TICKETS + "/" + reference + "/" + segment, body).bearerAuth(token);
  }

  private static MutableHttpRequest<?> follow(String reference, String token) {
    return HttpRequest.GET(REPORTS + "/" + reference).header("X-Follow-Up-Token", token);
  }

  private static Map<String, Object> report(String path, Object value) {
    return ReportJson.company().set(path, value).body();
  }
}
