package fr.vigie;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static fr.vigie.testing.ContractClient.etag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.security.UserService;
import fr.vigie.testing.ContractClient;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.tickets.TicketQuery;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analyst's workflow side of the contract, called for real: the queue's filters, order and
 * paging; the life cycle with optimistic locking; merging duplicates; notes, calls, messages to the
 * victim and assignment; the timeline with every event type the contract names. Every answer is
 * checked against {@code openapi/vigie.yaml} by {@link ContractClient}, and every ticket answer
 * carries its version as {@code ETag}.
 */
@MicronautTest(transactional = false)
class WorkflowContractIT {

  private static final String REPORTS = "/api/v1/reports";
  private static final String REPORT_MESSAGES = "/api/v1/reports/{reference}/messages";
  private static final String TICKETS = "/api/v1/tickets";
  private static final String TICKET = "/api/v1/tickets/{reference}";
  private static final String TRANSITIONS = "/api/v1/tickets/{reference}/transitions";
  private static final String MERGE = "/api/v1/tickets/{reference}/merge";
  private static final String NOTES = "/api/v1/tickets/{reference}/notes";
  private static final String CALLS = "/api/v1/tickets/{reference}/calls";
  private static final String MESSAGES = "/api/v1/tickets/{reference}/messages";
  private static final String ASSIGN = "/api/v1/tickets/{reference}/assign";
  private static final String TIMELINE = "/api/v1/tickets/{reference}/timeline";
  private static final String TRIAGE = "/api/v1/tickets/{reference}/triage";
  private static final String PROMOTE = "/api/v1/tickets/{reference}/promote";
  private static final String UNKNOWN = "BZH-2000-999999";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;

  ContractClient api;
  String analystName;
  String analyst;

  @BeforeEach
  void api() {
    api = new ContractClient(client, json);
    analystName = "analyste-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(new UserService.NewUser(analystName, Staff.PASSWORD, List.of("ANALYST"), null));
    analyst = Staff.login(client, analystName, Staff.PASSWORD);
  }

  // ---- Queue --------------------------------------------------------------------------------

  @Test
  void theQueueFiltersSortsAndPagesAsTheContractSays() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String mairie = receipt(ReportJson.mairie().set("victim.name", "Mairie de Plouzané " + tag));
    String bakery = receipt(phishing().set("victim.name", "Boulangerie Le Goff " + tag));
    String rejected = receipt(ReportJson.mairie().set("victim.name", "Mairie de Plouzané " + tag));
    transition(200, rejected, "{\"to\": \"REJECTED\", \"reason\": \"Signalement en double\"}");
    assign(200, mairie, "{\"assignee\": \"" + analystName + "\"}", null);

    Http.Answer queue = queue("q=" + tag);
    assertThat(references(queue))
        .as("open tickets only, the earliest due first, none due last")
        .containsExactly(mairie, bakery);
    Map<String, Object> first = items(queue).get(0);
    assertThat(first)
        .containsEntry("nextDueAt", "2026-11-23T06:45:00Z")
        .containsEntry("assignee", analystName);
    assertThat(Instant.parse((String) first.get("nextDueAt")))
        .as("the CNIL deadline told to the victim, as an instant")
        .isEqualTo(OffsetDateTime.parse("2026-11-23T07:45:00+01:00").toInstant());
    assertThat(items(queue).get(1)).containsEntry("nextDueAt", null);

    assertThat(references(queue("q=" + tag + "&sort=created"))).containsExactly(bakery, mairie);
    assertThat(references(queue("q=" + tag + "&sort=SEVERITY"))).containsExactly(mairie, bakery);
    assertThat(references(queue("q=" + tag + "&status=REJECTED"))).containsExactly(rejected);
    assertThat(references(queue("q=" + tag + "&status=NEW,REJECTED&sort=created")))
        .containsExactly(rejected, bakery, mairie);
    assertThat(references(queue("q=" + tag + "&status=NEW&status=REJECTED")))
        .containsExactlyInAnyOrder(rejected, bakery, mairie);
    assertThat(references(queue("q=" + tag + "&severity=P4"))).containsExactly(bakery);
    assertThat(references(queue("q=" + tag + "&kind=SIGNALEMENT"))).containsExactly(bakery);
    assertThat(references(queue("q=" + tag + "&threat=RANSOMWARE"))).containsExactly(mairie);
    assertThat(references(queue("q=" + tag + "&departement=29"))).containsExactly(mairie, bakery);
    assertThat(references(queue("q=" + tag + "&departement=35"))).isEmpty();
    assertThat(references(queue("q=" + tag + "&assignee=" + analystName))).containsExactly(mairie);
    assertThat(references(queue("q=" + tag + "&unassigned=true"))).containsExactly(bakery);
    assertThat(references(queue("q=" + mairie.toLowerCase(Locale.ROOT))))
        .as("a reference, case ignored")
        .containsExactly(mairie);

    Http.Answer secondPage = queue("q=" + tag + "&status=NEW,REJECTED&sort=created&size=2&page=1");
    assertThat(secondPage.json())
        .containsEntry("page", 1)
        .containsEntry("size", 2)
        .containsEntry("total", 3);
    assertThat(references(secondPage)).containsExactly(mairie);
  }

  @Test
  void queueParametersOutsideTheirSchemaAreRefusedByName() {
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("status", "OPEN");
    refused.put("severity", "p1");
    refused.put("kind", "incident");
    refused.put("assignee", "X");
    refused.put("departement", "2a");
    refused.put("threat", "HACKED");
    refused.put("q", "  ");
    refused.put("sort", "oldest");
    refused.put("page", "-1");
    refused.put("size", "201");
    for (var entry : refused.entrySet()) {
      Http.Answer answer =
          api.exchange(
              400,
              TICKETS,
              HttpRequest.GET(
                      TICKETS
                          + "?"
                          + entry.getKey()
                          + "="
                          + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                  .bearerAuth(analyst));
      assertThat(answer.errorFields()).as(entry.toString()).containsExactly(entry.getKey());
    }

    assertThat(queueParameterNames())
        .as("every queue parameter of the contract is refused by name above, or is unassigned")
        .isEqualTo(union(refused.keySet(), Set.of("unassigned")));
    List<String> sorts = new ArrayList<>();
    queueParameter("sort").at("/schema/enum").forEach(v -> sorts.add(v.asText()));
    assertThat(sorts)
        .as("sort values of the contract: TicketQuery.Sort, in lower case")
        .containsExactlyElementsOf(
            Arrays.stream(TicketQuery.Sort.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .toList());
  }

  // ---- Life cycle ---------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aTicketGoesThroughItsLifeCycleAsTheContractSays() {
    String reference = receipt(ReportJson.mairie());
    String v0 = etag(api.exchange(200, TICKET, get(TICKETS + "/" + reference)));
    assertThat(v0).isEqualTo("\"v0\"");

    String qualify = "{\"to\": \"QUALIFIED\", \"reason\": \"Chiffrement confirmé par téléphone\"}";
    Http.Answer qualified = transition(200, reference, qualify, v0);
    assertThat(qualified.json()).containsEntry("status", "QUALIFIED").containsEntry("version", 1);
    assertThat(etag(qualified)).isEqualTo("\"v1\"");
    Http.Answer stale = transition(412, reference, "{\"to\": \"IN_PROGRESS\"}", v0);
    assertThat(stale.json()).containsEntry("status", 412);
    Http.Answer badTag = transition(400, reference, "{\"to\": \"IN_PROGRESS\"}", "\"version-1\"");
    assertThat(badTag.errorFields()).containsExactly("If-Match");

    Http.Answer illegal = transition(409, reference, "{\"to\": \"RESOLVED\"}");
    assertThat(illegal.errorFields()).containsExactly("to");
    assertThat(allowedIn(illegal))
        .as("the 409 names the statuses x-transitions lists from QUALIFIED")
        .isEqualTo(declaredTransitions("QUALIFIED"));

    transition(200, reference, "{\"to\": \"WAITING_ON_VICTIM\"}", "W/\"v1\"");
    Http.Answer waiting = transition(409, reference, "{\"to\": \"IN_PROGRESS\"}");
    assertThat(allowedIn(waiting)).as("back where it came from only").containsExactly("QUALIFIED");
    transition(200, reference, "{\"to\": \"QUALIFIED\"}", "*");
    transition(200, reference, "{\"to\": \"IN_PROGRESS\"}");
    transition(200, reference, "{\"to\": \"RESOLVED\"}");
    String close =
        "{\"to\": \"CLOSED\", \"reason\": \"Postes réinstallés par le prestataire\","
            + " \"outcome\": \"PROVIDER_REMEDIATION\", \"prevented\": false}";
    Http.Answer closed = transition(200, reference, close);
    assertThat(closed.json()).containsEntry("status", "CLOSED").containsEntry("version", 6);
    Http.Answer reopened =
        transition(200, reference, "{\"to\": \"IN_PROGRESS\", \"reason\": \"Nouvelle alerte\"}");
    assertThat(reopened.json()).containsEntry("status", "IN_PROGRESS");

    List<Map<String, Object>> changes =
        timeline(reference).stream().filter(e -> e.get("type").equals("STATUS_CHANGED")).toList();
    assertThat(changes)
        .extracting(e -> ((Map<String, Object>) e.get("details")).get("to"))
        .containsExactly(
            "QUALIFIED",
            "WAITING_ON_VICTIM",
            "QUALIFIED",
            "IN_PROGRESS",
            "RESOLVED",
            "CLOSED",
            "IN_PROGRESS");
    assertThat((Map<String, Object>) changes.get(5).get("details"))
        .containsEntry("from", "RESOLVED")
        .containsEntry("outcome", "PROVIDER_REMEDIATION")
        .containsEntry("prevented", false);
  }

  @Test
  void refusedTransitionsMatchTheContract() {
    String reference = receipt(ReportJson.mairie());

    refusedTransition(reference, "{}", "to");
    refusedTransition(reference, "{\"to\": \"MERGED\"}", "to");
    refusedTransition(reference, "{\"to\": \"CLOSED\"}", "outcome", "prevented");
    refusedTransition(reference, "{\"to\": \"REJECTED\"}", "reason");
    refusedTransition(reference, "{\"to\": \"ORIENTED\", \"reason\": \" a \"}", "reason");
    refusedTransition(
        reference, "{\"to\": \"QUALIFIED\", \"reason\": \"" + "x".repeat(1001) + "\"}", "reason");
    Http.Answer beforeLookUp = transition(422, UNKNOWN, "{\"to\": \"CLOSED\"}");
    assertThat(beforeLookUp.errorFields()).containsExactly("outcome", "prevented");

    String outOfEnum = "{\"to\": \"DONE\"}";
    assertThat(CONTRACT.requestViolations("POST", TRANSITIONS, outOfEnum)).isNotEmpty();
    Http.Answer notAStatus = transition(400, reference, outOfEnum);
    assertThat(notAStatus.errors())
        .singleElement()
        .as("the message lists the allowed values and the one sent")
        .satisfies(e -> assertThat((String) e.get("message")).contains("QUALIFIED", "'DONE'"));
    transition(400, reference, "{\"to\": ");

    String valid = "{\"to\": \"QUALIFIED\"}";
    transition(404, UNKNOWN, valid);
    api.exchange(401, TRANSITIONS, postJson(TICKETS + "/" + reference + "/transitions", valid));
    api.exchange(
        403,
        TRANSITIONS,
        postJson(TICKETS + "/" + reference + "/transitions", valid).bearerAuth(official()));
    api.exchange(
        415,
        TRANSITIONS,
        HttpRequest.POST(TICKETS + "/" + reference + "/transitions", "to=QUALIFIED")
            .contentType(MediaType.TEXT_PLAIN_TYPE)
            .bearerAuth(analyst));
  }

  // ---- Merge --------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void mergingADuplicateMatchesTheContract() {
    String survivor = receipt(ReportJson.mairie());
    String duplicate =
        receipt(
            ReportJson.mairie()
                .set("channel", "PHONE")
                .set("contact.name", "Yann Kerjean")
                .set("contact.role", "Maire"));
    String into = "{\"into\": \"" + survivor + "\"}";
    assertThat(CONTRACT.requestViolations("POST", MERGE, into)).isEmpty();

    merge(412, duplicate, into, "\"v7\"");
    String duplicateTag = etag(api.exchange(200, TICKET, get(TICKETS + "/" + duplicate)));
    Http.Answer merged = merge(200, duplicate, into, duplicateTag);
    assertThat(merged.json()).containsEntry("reference", survivor).containsEntry("version", 0);
    assertThat(etag(merged)).as("the survivor's, unchanged by the merge").isEqualTo("\"v0\"");
    assertThat(api.exchange(200, TICKET, get(TICKETS + "/" + duplicate)).json())
        .containsEntry("status", "MERGED");

    List<Map<String, Object>> events = timeline(survivor);
    assertThat(events)
        .extracting(e -> e.get("type"))
        .containsExactly("REPORT_RECEIVED", "REPORT_RECEIVED", "MERGED_INTO", "MERGED_FROM");
    assertThat(events.get(1)).containsEntry("actor", "intake:PHONE");
    assertThat((Map<String, Object>) events.get(2).get("details")).containsEntry("into", survivor);
    assertThat((Map<String, Object>) events.get(3).get("details"))
        .containsEntry("duplicate", duplicate);

    Http.Answer again = merge(409, duplicate, into, null);
    assertThat(again.json()).containsEntry("detail", "A MERGED ticket cannot be merged.");
    String rejected = receipt(ReportJson.mairie());
    transition(200, rejected, "{\"to\": \"REJECTED\", \"reason\": \"Pas un incident cyber\"}");
    String another = receipt(ReportJson.mairie());
    Http.Answer intoRejected = merge(409, another, "{\"into\": \"" + rejected + "\"}", null);
    assertThat(intoRejected.errorFields()).containsExactly("into");

    refusedMerge(another, "{}");
    refusedMerge(another, "{\"into\": \"" + another + "\"}");
    refusedMerge(another, "{\"into\": \"" + UNKNOWN + "\"}");
    merge(404, UNKNOWN, "{\"into\": \"" + another + "\"}", null);
    merge(400, another, "{\"into\": ", null);
    api.exchange(401, MERGE, postJson(TICKETS + "/" + another + "/merge", into));
    api.exchange(
        403, MERGE, postJson(TICKETS + "/" + another + "/merge", into).bearerAuth(official()));
  }

  // ---- Notes, calls, messages, assignment ---------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void notesCallsAndMessagesMatchTheContract() {
    String reference = receipt(ReportJson.mairie());

    for (String tlp : CONTRACT.enumValues("Tlp")) {
      String note = "{\"text\": \"Souche LockBit confirmée\", \"tlp\": \"" + tlp + "\"}";
      assertThat(CONTRACT.requestViolations("POST", NOTES, note)).isEmpty();
      Http.Answer created = activity(201, NOTES, reference, "notes", note);
      assertThat(created.json()).containsEntry("type", "NOTE").containsEntry("actor", analystName);
      assertThat((Map<String, Object>) created.json().get("details"))
          .containsEntry("tlp", tlp)
          .containsEntry("text", "Souche LockBit confirmée");
    }
    Http.Answer amber = activity(201, NOTES, reference, "notes", "{\"text\": \"  Rappel  \"}");
    assertThat((Map<String, Object>) amber.json().get("details"))
        .as("AMBER by default, text trimmed")
        .isEqualTo(Map.of("text", "Rappel", "tlp", "AMBER"));
    assertThat(api.exchange(200, TICKET, get(TICKETS + "/" + reference)).json())
        .as("notes do not change the version")
        .containsEntry("version", 0);

    refusedActivity(NOTES, reference, "notes", "{\"text\": \" \"}", "text");
    refusedActivity(NOTES, reference, "notes", "{\"text\": \"a\\u0007b\"}", "text");
    refusedActivity(
        NOTES, reference, "notes", "{\"text\": \"" + "x".repeat(10_001) + "\"}", "text");
    refusedActivity(NOTES, reference, "notes", "{\"text\": \"x\", \"tlp\": \"amber\"}", "tlp");

    String call =
        "{\"at\": \"2026-11-20T09:05:00+01:00\", \"summary\": \"Appel de la secrétaire de mairie\"}";
    assertThat(CONTRACT.requestViolations("POST", CALLS, call)).isEmpty();
    Http.Answer called = activity(201, CALLS, reference, "calls", call);
    assertThat((Map<String, Object>) called.json().get("details"))
        .as("the call's time as an instant in UTC")
        .isEqualTo(
            Map.of("at", "2026-11-20T08:05:00Z", "summary", "Appel de la secrétaire de mairie"));
    String tomorrow =
        OffsetDateTime.now(ZoneOffset.UTC)
            .plus(1, ChronoUnit.DAYS)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString();
    Http.Answer future =
        activity(
            422,
            CALLS,
            reference,
            "calls",
            "{\"at\": \"" + tomorrow + "\", \"summary\": \"Rappel prévu demain\"}");
    assertThat(future.errorFields()).as("a call in the future").containsExactly("at");
    refusedActivity(CALLS, reference, "calls", "{\"summary\": \"x\"}", "at");
    refusedActivity(
        CALLS, reference, "calls", "{\"at\": \"2026-11-20T09:05:00+01:00\"}", "summary");
    String noOffset = "{\"at\": \"2026-11-20T09:05:00\", \"summary\": \"x\"}";
    assertThat(CONTRACT.requestViolations("POST", CALLS, noOffset)).isNotEmpty();
    activity(400, CALLS, reference, "calls", noOffset);

    String message = "{\"text\": \"Ne payez pas la rançon ; un analyste vous rappelle.\"}";
    assertThat(CONTRACT.requestViolations("POST", MESSAGES, message)).isEmpty();
    Http.Answer sent = activity(201, MESSAGES, reference, "messages", message);
    assertThat(sent.json()).containsEntry("type", "MESSAGE_TO_VICTIM");
    refusedActivity(MESSAGES, reference, "messages", "{}", "text");

    for (var operation : Map.of(NOTES, "notes", CALLS, "calls", MESSAGES, "messages").entrySet()) {
      String body = operation.getKey().equals(CALLS) ? call : message;
      activity(404, operation.getKey(), UNKNOWN, operation.getValue(), body);
      String path = TICKETS + "/" + reference + "/" + operation.getValue();
      api.exchange(401, operation.getKey(), postJson(path, body));
      api.exchange(403, operation.getKey(), postJson(path, body).bearerAuth(official()));
      api.exchange(
          415,
          operation.getKey(),
          HttpRequest.POST(path, "texte")
              .contentType(MediaType.TEXT_PLAIN_TYPE)
              .bearerAuth(analyst));
      activity(400, operation.getKey(), reference, operation.getValue(), "{\"text\": ");
    }
  }

  @Test
  void assignmentMatchesTheContract() {
    String reference = receipt(ReportJson.mairie());
    String take = "{\"assignee\": \"" + analystName + "\"}";
    assertThat(CONTRACT.requestViolations("POST", ASSIGN, take)).isEmpty();

    Http.Answer taken = assign(200, reference, take, "\"v0\"");
    assertThat(taken.json()).containsEntry("assignee", analystName).containsEntry("version", 1);
    assertThat(etag(taken)).isEqualTo("\"v1\"");
    assign(412, reference, "{\"assignee\": null}", "\"v0\"");
    Http.Answer nobody = assign(422, reference, "{\"assignee\": \"personne.inconnue\"}", null);
    assertThat(nobody.errorFields()).containsExactly("assignee");
    Http.Answer official =
        assign(422, reference, "{\"assignee\": \"" + officialName() + "\"}", null);
    assertThat(official.errorFields())
        .as("officials never hold a ticket")
        .containsExactly("assignee");

    assertThat(assign(200, reference, "{\"assignee\": null}", "\"v1\"").json())
        .containsEntry("assignee", null);
    assertThat(assign(200, reference, "{}", null).json())
        .as("an empty object unassigns too")
        .containsEntry("assignee", null)
        .containsEntry("version", 3);
    assertThat(timeline(reference))
        .filteredOn(e -> e.get("type").equals("ASSIGNED"))
        .extracting(e -> e.get("details"))
        .containsExactly(
            Map.of("assignee", analystName),
            ReportJson.map("assignee", null),
            ReportJson.map("assignee", null));

    assign(404, UNKNOWN, take, null);
    assign(400, reference, take, "v-one");
    String path = TICKETS + "/" + reference + "/assign";
    api.exchange(401, ASSIGN, postJson(path, take));
    api.exchange(403, ASSIGN, postJson(path, take).bearerAuth(official()));
  }

  // ---- Timeline -----------------------------------------------------------------------------

  /**
   * One ticket goes through everything the timeline records: the contract's event types are exactly
   * the ones served, and each event's details validate against the schema of its type.
   */
  @Test
  void theTimelineRecordsEveryEventTypeOfTheContract() {
    Map<String, Object> signalement = receiptBody(phishing());
    String reference = (String) signalement.get("reference");
    String duplicate = receipt(phishing().set("contact.name", "Paul Le Goff"));
    merge(200, duplicate, "{\"into\": \"" + reference + "\"}", null);
    activity(201, NOTES, reference, "notes", "{\"text\": \"Faux site signalé à l'hébergeur\"}");
    activity(
        201,
        CALLS,
        reference,
        "calls",
        "{\"at\": \"2026-11-20T10:00:00+01:00\", \"summary\": \"Rappel de la gérante\"}");
    activity(201, MESSAGES, reference, "messages", "{\"text\": \"Changez votre mot de passe.\"}");
    api.exchange(
        201,
        REPORT_MESSAGES,
        postJson(REPORTS + "/" + reference + "/messages", "{\"text\": \"C'est fait.\"}")
            .header("X-Follow-Up-Token", (String) signalement.get("followUpToken")));
    assign(200, reference, "{\"assignee\": \"" + analystName + "\"}", null);
    transition(200, reference, "{\"to\": \"QUALIFIED\"}");
    api.exchange(
        200,
        TRIAGE,
        HttpRequest.PATCH(
                TICKETS + "/" + reference + "/triage",
                "{\"severity\": \"P3\", \"reason\": \"Identifiants saisis\"}")
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .bearerAuth(analyst));
    api.exchange(
        200,
        PROMOTE,
        postJson(TICKETS + "/" + reference + "/promote", "{\"reason\": \"Messagerie compromise\"}")
            .bearerAuth(analyst));

    Http.Answer whole = api.exchange(200, TIMELINE, get(TICKETS + "/" + reference + "/timeline"));
    List<Map<String, Object>> events = items(whole);
    assertThat(events.stream().map(e -> (String) e.get("type")).collect(toSortedSet()))
        .as("the types served are the contract's TimelineEventType, every one of them")
        .isEqualTo(new TreeSet<>(CONTRACT.enumValues("TimelineEventType")));
    assertThat(whole.json()).containsEntry("total", events.size()).containsEntry("size", 200);
    assertThat(events)
        .extracting(e -> Instant.parse((String) e.get("at")))
        .as("oldest first")
        .isSorted();

    Http.Answer page =
        api.exchange(200, TIMELINE, get(TICKETS + "/" + reference + "/timeline?page=1&size=3"));
    assertThat(items(page)).isEqualTo(events.subList(3, 6));
    assertThat(page.json()).containsEntry("page", 1).containsEntry("total", events.size());

    for (String query : List.of("size=0", "size=201", "page=-1")) {
      String field = query.substring(0, query.indexOf('='));
      Http.Answer refused =
          api.exchange(400, TIMELINE, get(TICKETS + "/" + reference + "/timeline?" + query));
      assertThat(refused.errorFields()).as(query).containsExactly(field);
    }
    api.exchange(404, TIMELINE, get(TICKETS + "/" + UNKNOWN + "/timeline"));
    api.exchange(401, TIMELINE, HttpRequest.GET(TICKETS + "/" + reference + "/timeline"));
    api.exchange(
        403,
        TIMELINE,
        HttpRequest.GET(TICKETS + "/" + reference + "/timeline").bearerAuth(official()));
  }

  // ---- Helpers ------------------------------------------------------------------------------

  /** A small company that typed nothing on a phishing page yet: a P4 signalement, no deadline. */
  private static ReportJson phishing() {
    return ReportJson.company()
        .set("incident.threat", "PHISHING")
        .set("incident.fundsTransferred", null)
        .set("incident.affectedServices", List.of("EMAIL"))
        .set("incident.description", "Faux message de la banque demandant les identifiants");
  }

  private Map<String, Object> receiptBody(ReportJson report) {
    return api.exchange(201, REPORTS, postJson(REPORTS, report.body())).json();
  }

  private String receipt(ReportJson report) {
    return (String) receiptBody(report).get("reference");
  }

  private Http.Answer queue(String query) {
    return api.exchange(200, TICKETS, get(TICKETS + "?" + query));
  }

  private Http.Answer transition(int status, String reference, String body) {
    return transition(status, reference, body, null);
  }

  private Http.Answer transition(int status, String reference, String body, String ifMatch) {
    if (status == 200) {
      assertThat(CONTRACT.requestViolations("POST", TRANSITIONS, body)).as(body).isEmpty();
    }
    Http.Answer answer =
        api.exchange(
            status,
            TRANSITIONS,
            withIfMatch(postJson(TICKETS + "/" + reference + "/transitions", body), ifMatch)
                .bearerAuth(analyst));
    if (status == 200) {
      etag(answer);
    }
    return answer;
  }

  /** A rule the contract's schema states too, and the fields the server names. */
  private void refusedTransition(String reference, String body, String... fields) {
    assertThat(CONTRACT.requestViolations("POST", TRANSITIONS, body))
        .as("the contract refuses %s", body)
        .isNotEmpty();
    assertThat(transition(422, reference, body).errorFields()).as(body).containsExactly(fields);
  }

  private Http.Answer merge(int status, String duplicate, String body, String ifMatch) {
    Http.Answer answer =
        api.exchange(
            status,
            MERGE,
            withIfMatch(postJson(TICKETS + "/" + duplicate + "/merge", body), ifMatch)
                .bearerAuth(analyst));
    if (status == 200) {
      etag(answer);
    }
    return answer;
  }

  private void refusedMerge(String duplicate, String body) {
    assertThat(merge(422, duplicate, body, null).errorFields()).as(body).containsExactly("into");
  }

  private Http.Answer assign(int status, String reference, String body, String ifMatch) {
    Http.Answer answer =
        api.exchange(
            status,
            ASSIGN,
            withIfMatch(postJson(TICKETS + "/" + reference + "/assign", body), ifMatch)
                .bearerAuth(analyst));
    if (status == 200) {
      etag(answer);
    }
    return answer;
  }

  private Http.Answer activity(
      int status, String template, String reference, String segment, String body) {
    return api.exchange(
        status,
        template,
        postJson(TICKETS + "/" + reference + "/" + segment, body).bearerAuth(analyst));
  }

  private void refusedActivity(
      String template, String reference, String segment, String body, String field) {
    assertThat(CONTRACT.requestViolations("POST", template, body))
        .as("the contract refuses %s", body)
        .isNotEmpty();
    assertThat(activity(422, template, reference, segment, body).errorFields())
        .as(body)
        .containsExactly(field);
  }

  private List<Map<String, Object>> timeline(String reference) {
    return items(api.exchange(200, TIMELINE, get(TICKETS + "/" + reference + "/timeline")));
  }

  private MutableHttpRequest<?> get(String path) {
    return HttpRequest.GET(path).bearerAuth(analyst);
  }

  private static MutableHttpRequest<?> postJson(String path, Object body) {
    return HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private static MutableHttpRequest<?> withIfMatch(MutableHttpRequest<?> request, String ifMatch) {
    return ifMatch == null ? request : request.header("If-Match", ifMatch);
  }

  private String official() {
    return Staff.token(users, client, "OFFICIAL");
  }

  private String officialName() {
    String name = "elu-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(new UserService.NewUser(name, Staff.PASSWORD, List.of("OFFICIAL"), null));
    return name;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Http.Answer page) {
    return (List<Map<String, Object>>) page.json().get("items");
  }

  private static List<String> references(Http.Answer page) {
    return items(page).stream().map(i -> (String) i.get("reference")).toList();
  }

  /** The statuses a 409 of transitionTicket says are allowed: "allowed from X: [A, B]". */
  private static Set<String> allowedIn(Http.Answer conflict) {
    String message = (String) conflict.errors().get(0).get("message");
    String list = message.substring(message.indexOf('[') + 1, message.lastIndexOf(']'));
    Set<String> allowed = new TreeSet<>();
    for (String status : list.split(",")) {
      if (!status.isBlank()) {
        allowed.add(status.strip());
      }
    }
    return allowed;
  }

  private static Set<String> declaredTransitions(String from) {
    Set<String> declared = new TreeSet<>();
    CONTRACT
        .document()
        .at("/components/schemas/TicketStatus/x-transitions/" + from)
        .forEach(s -> declared.add(s.asText()));
    return declared;
  }

  private static JsonNode queueParameter(String name) {
    for (JsonNode parameter : queueParameters()) {
      if (parameter.path("name").asText().equals(name)) {
        return parameter;
      }
    }
    throw new AssertionError("no queue parameter " + name);
  }

  private static Set<String> queueParameterNames() {
    Set<String> names = new TreeSet<>();
    queueParameters().forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  /** The parameters of listTickets, shared ones ($ref) resolved. */
  private static List<JsonNode> queueParameters() {
    List<JsonNode> parameters = new ArrayList<>();
    for (JsonNode parameter : CONTRACT.document().at("/paths/~1api~1v1~1tickets/get/parameters")) {
      String ref = parameter.path("$ref").asText();
      parameters.add(ref.isEmpty() ? parameter : CONTRACT.document().at(ref.substring(1)));
    }
    return parameters;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> result = new TreeSet<>(a);
    result.addAll(b);
    return result;
  }

  private static java.util.stream.Collector<String, ?, TreeSet<String>> toSortedSet() {
    return java.util.stream.Collectors.toCollection(TreeSet::new);
  }
}
