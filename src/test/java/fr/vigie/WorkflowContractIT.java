package fr.vigie;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static fr.vigie.testing.ContractClient.etag;
import static fr.vigie.testing.TicketCalls.ASSIGN;
import static fr.vigie.testing.TicketCalls.CALLS;
import static fr.vigie.testing.TicketCalls.MERGE;
import static fr.vigie.testing.TicketCalls.MESSAGES;
import static fr.vigie.testing.TicketCalls.NOTES;
import static fr.vigie.testing.TicketCalls.REPORTS;
import static fr.vigie.testing.TicketCalls.TICKETS;
import static fr.vigie.testing.TicketCalls.TIMELINE;
import static fr.vigie.testing.TicketCalls.TRANSITIONS;
import static fr.vigie.testing.TicketCalls.UNKNOWN;
import static fr.vigie.testing.TicketCalls.items;
import static fr.vigie.testing.TicketCalls.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.security.UserService;
import fr.vigie.testing.ContractClient;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.testing.TicketCalls;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analyst's workflow side of the contract, called for real: the life cycle with optimistic
 * locking, merging duplicates, notes, calls, messages to the victim and assignment, and the
 * timeline with every event type the contract names. Every answer is checked against {@code
 * openapi/vigie.yaml} by {@link ContractClient}, and every ticket answer carries its version as
 * {@code ETag} ({@link TicketCalls}). The queue is in {@code QueueContractIT}.
 */
@MicronautTest(transactional = false)
class WorkflowContractIT {

  private static final String REPORT_MESSAGES = "/api/v1/reports/{reference}/messages";
  private static final String TRIAGE = "/api/v1/tickets/{reference}/triage";
  private static final String PROMOTE = "/api/v1/tickets/{reference}/promote";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;

  ContractClient api;
  TicketCalls calls;
  String analystName;
  String analyst;

  @BeforeEach
  void api() {
    api = new ContractClient(client, json);
    analystName = "analyste-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(new UserService.NewUser(analystName, Staff.PASSWORD, List.of("ANALYST"), null));
    analyst = Staff.login(client, analystName, Staff.PASSWORD);
    calls = new TicketCalls(api, analyst);
  }

  // ---- Life cycle ---------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aTicketGoesThroughItsLifeCycleAsTheContractSays() {
    String reference = calls.receipt(ReportJson.mairie());
    String v0 = etag(calls.read(reference));
    assertThat(v0).isEqualTo("\"v0\"");

    String qualify = "{\"to\": \"QUALIFIED\", \"reason\": \"Chiffrement confirmé par téléphone\"}";
    Http.Answer qualified = calls.transition(200, reference, qualify, v0);
    assertThat(qualified.json()).containsEntry("status", "QUALIFIED").containsEntry("version", 1);
    assertThat(etag(qualified)).isEqualTo("\"v1\"");
    Http.Answer stale = calls.transition(412, reference, "{\"to\": \"IN_PROGRESS\"}", v0);
    assertThat(stale.json()).containsEntry("status", 412);
    Http.Answer badTag =
        calls.transition(400, reference, "{\"to\": \"IN_PROGRESS\"}", "\"version-1\"");
    assertThat(badTag.errorFields()).containsExactly("If-Match");

    Http.Answer illegal = calls.transition(409, reference, "{\"to\": \"RESOLVED\"}");
    assertThat(illegal.errorFields()).containsExactly("to");
    assertThat(allowedIn(illegal))
        .as("the 409 names the statuses x-transitions lists from QUALIFIED")
        .isEqualTo(declaredTransitions("QUALIFIED"));

    calls.transition(200, reference, "{\"to\": \"WAITING_ON_VICTIM\"}", "W/\"v1\"");
    Http.Answer waiting = calls.transition(409, reference, "{\"to\": \"IN_PROGRESS\"}");
    assertThat(allowedIn(waiting)).as("back where it came from only").containsExactly("QUALIFIED");
    calls.transition(200, reference, "{\"to\": \"QUALIFIED\"}", "*");
    calls.transition(200, reference, "{\"to\": \"IN_PROGRESS\"}");
    calls.transition(200, reference, "{\"to\": \"RESOLVED\"}");
    String close =
        "{\"to\": \"CLOSED\", \"reason\": \"Postes réinstallés par le prestataire\","
            + " \"outcome\": \"PROVIDER_REMEDIATION\", \"prevented\": false}";
    Http.Answer closed = calls.transition(200, reference, close);
    assertThat(closed.json()).containsEntry("status", "CLOSED").containsEntry("version", 6);
    Http.Answer reopened =
        calls.transition(
            200, reference, "{\"to\": \"IN_PROGRESS\", \"reason\": \"Nouvelle alerte\"}");
    assertThat(reopened.json()).containsEntry("status", "IN_PROGRESS");

    List<Map<String, Object>> changes =
        calls.timeline(reference).stream()
            .filter(e -> e.get("type").equals("STATUS_CHANGED"))
            .toList();
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
    String reference = calls.receipt(ReportJson.mairie());

    calls.refusedTransition(reference, "{}", "to");
    calls.refusedTransition(reference, "{\"to\": \"MERGED\"}", "to");
    calls.refusedTransition(reference, "{\"to\": \"CLOSED\"}", "outcome", "prevented");
    calls.refusedTransition(reference, "{\"to\": \"REJECTED\"}", "reason");
    calls.refusedTransition(reference, "{\"to\": \"ORIENTED\", \"reason\": \" a \"}", "reason");
    calls.refusedTransition(
        reference, "{\"to\": \"QUALIFIED\", \"reason\": \"" + "x".repeat(1001) + "\"}", "reason");
    Http.Answer beforeLookUp = calls.transition(422, UNKNOWN, "{\"to\": \"CLOSED\"}");
    assertThat(beforeLookUp.errorFields()).containsExactly("outcome", "prevented");

    String outOfEnum = "{\"to\": \"DONE\"}";
    assertThat(CONTRACT.requestViolations("POST", TRANSITIONS, outOfEnum)).isNotEmpty();
    Http.Answer notAStatus = calls.transition(400, reference, outOfEnum);
    assertThat(notAStatus.errors())
        .singleElement()
        .as("the message lists the allowed values and the one sent")
        .satisfies(e -> assertThat((String) e.get("message")).contains("QUALIFIED", "'DONE'"));
    calls.transition(400, reference, "{\"to\": ");

    String valid = "{\"to\": \"QUALIFIED\"}";
    calls.transition(404, UNKNOWN, valid);
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
    String survivor = calls.receipt(ReportJson.mairie());
    String duplicate =
        calls.receipt(
            ReportJson.mairie()
                .set("channel", "PHONE")
                .set("contact.name", "Yann Kerjean")
                .set("contact.role", "Maire"));
    String into = "{\"into\": \"" + survivor + "\"}";
    assertThat(CONTRACT.requestViolations("POST", MERGE, into)).isEmpty();

    calls.merge(412, duplicate, into, "\"v7\"");
    String duplicateTag = etag(calls.read(duplicate));
    Http.Answer merged = calls.merge(200, duplicate, into, duplicateTag);
    assertThat(merged.json()).containsEntry("reference", survivor).containsEntry("version", 1);
    assertThat(etag(merged)).as("the survivor's, bumped by the merge").isEqualTo("\"v1\"");
    assertThat(calls.read(duplicate).json()).containsEntry("status", "MERGED");

    List<Map<String, Object>> events = calls.timeline(survivor);
    assertThat(events)
        .extracting(e -> e.get("type"))
        .containsExactly("REPORT_RECEIVED", "REPORT_RECEIVED", "MERGED_INTO", "MERGED_FROM");
    assertThat(events.get(1)).containsEntry("actor", "intake:PHONE");
    assertThat((Map<String, Object>) events.get(2).get("details")).containsEntry("into", survivor);
    assertThat((Map<String, Object>) events.get(3).get("details"))
        .containsEntry("duplicate", duplicate);

    Http.Answer again = calls.merge(409, duplicate, into, null);
    assertThat(again.json()).containsEntry("detail", "A MERGED ticket cannot be merged.");
    String rejected = calls.receipt(ReportJson.mairie());
    calls.transition(
        200, rejected, "{\"to\": \"REJECTED\", \"reason\": \"Pas un incident cyber\"}");
    String another = calls.receipt(ReportJson.mairie());
    Http.Answer intoRejected = calls.merge(409, another, "{\"into\": \"" + rejected + "\"}", null);
    assertThat(intoRejected.errorFields()).containsExactly("into");

    calls.refusedMerge(another, "{}");
    calls.refusedMerge(another, "{\"into\": \"" + another + "\"}");
    calls.refusedMerge(another, "{\"into\": \"" + UNKNOWN + "\"}");
    calls.merge(404, UNKNOWN, "{\"into\": \"" + another + "\"}", null);
    calls.merge(400, another, "{\"into\": ", null);
    api.exchange(401, MERGE, postJson(TICKETS + "/" + another + "/merge", into));
    api.exchange(
        403, MERGE, postJson(TICKETS + "/" + another + "/merge", into).bearerAuth(official()));
  }

  // ---- Notes, calls, messages, assignment ---------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void notesCallsAndMessagesMatchTheContract() {
    String reference = calls.receipt(ReportJson.mairie());

    for (String tlp : CONTRACT.enumValues("Tlp")) {
      String note = "{\"text\": \"Souche LockBit confirmée\", \"tlp\": \"" + tlp + "\"}";
      assertThat(CONTRACT.requestViolations("POST", NOTES, note)).isEmpty();
      Http.Answer created = calls.activity(201, NOTES, reference, "notes", note);
      assertThat(created.json()).containsEntry("type", "NOTE").containsEntry("actor", analystName);
      assertThat((Map<String, Object>) created.json().get("details"))
          .containsEntry("tlp", tlp)
          .containsEntry("text", "Souche LockBit confirmée");
    }
    Http.Answer amber =
        calls.activity(201, NOTES, reference, "notes", "{\"text\": \"  Rappel  \"}");
    assertThat((Map<String, Object>) amber.json().get("details"))
        .as("AMBER by default, text trimmed")
        .isEqualTo(Map.of("text", "Rappel", "tlp", "AMBER"));
    assertThat(calls.read(reference).json())
        .as("notes do not change the version")
        .containsEntry("version", 0);

    calls.refusedActivity(NOTES, reference, "notes", "{\"text\": \" \"}", "text");
    calls.refusedActivity(NOTES, reference, "notes", "{\"text\": \"a\\u0007b\"}", "text");
    calls.refusedActivity(
        NOTES, reference, "notes", "{\"text\": \"" + "x".repeat(10_001) + "\"}", "text");
    calls.refusedActivity(
        NOTES, reference, "notes", "{\"text\": \"x\", \"tlp\": \"amber\"}", "tlp");

    // Vigie runs on the system clock here: the call was five minutes ago by that clock.
    Instant callAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
    String call =
        "{\"at\": \""
            + ReportJson.paris(callAt)
            + "\", \"summary\": \"Appel de la secrétaire de mairie\"}";
    assertThat(CONTRACT.requestViolations("POST", CALLS, call)).isEmpty();
    Http.Answer called = calls.activity(201, CALLS, reference, "calls", call);
    assertThat((Map<String, Object>) called.json().get("details"))
        .as("the call's time as an instant in UTC")
        .isEqualTo(Map.of("at", callAt.toString(), "summary", "Appel de la secrétaire de mairie"));
    // Deliberate wall-clock read: "tomorrow" for the Vigie under test, on the system clock.
    String tomorrow =
        OffsetDateTime.now(ZoneOffset.UTC)
            .plus(1, ChronoUnit.DAYS)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString();
    Http.Answer future =
        calls.activity(
            422,
            CALLS,
            reference,
            "calls",
            "{\"at\": \"" + tomorrow + "\", \"summary\": \"Rappel prévu demain\"}");
    assertThat(future.errorFields()).as("a call in the future").containsExactly("at");
    calls.refusedActivity(CALLS, reference, "calls", "{\"summary\": \"x\"}", "at");
    calls.refusedActivity(
        CALLS, reference, "calls", "{\"at\": \"" + ReportJson.paris(callAt) + "\"}", "summary");
    String noOffset =
        "{\"at\": \""
            + callAt.atZone(ReportJson.PARIS).toLocalDateTime()
            + "\", \"summary\": \"x\"}";
    assertThat(CONTRACT.requestViolations("POST", CALLS, noOffset)).isNotEmpty();
    calls.activity(400, CALLS, reference, "calls", noOffset);

    String message = "{\"text\": \"Ne payez pas la rançon ; un analyste vous rappelle.\"}";
    assertThat(CONTRACT.requestViolations("POST", MESSAGES, message)).isEmpty();
    Http.Answer sent = calls.activity(201, MESSAGES, reference, "messages", message);
    assertThat(sent.json()).containsEntry("type", "MESSAGE_TO_VICTIM");
    calls.refusedActivity(MESSAGES, reference, "messages", "{}", "text");

    for (var operation : Map.of(NOTES, "notes", CALLS, "calls", MESSAGES, "messages").entrySet()) {
      String body = operation.getKey().equals(CALLS) ? call : message;
      calls.activity(404, operation.getKey(), UNKNOWN, operation.getValue(), body);
      String path = TICKETS + "/" + reference + "/" + operation.getValue();
      api.exchange(401, operation.getKey(), postJson(path, body));
      api.exchange(403, operation.getKey(), postJson(path, body).bearerAuth(official()));
      api.exchange(
          415,
          operation.getKey(),
          HttpRequest.POST(path, "texte")
              .contentType(MediaType.TEXT_PLAIN_TYPE)
              .bearerAuth(analyst));
      calls.activity(400, operation.getKey(), reference, operation.getValue(), "{\"text\": ");
    }
  }

  @Test
  void assignmentMatchesTheContract() {
    String reference = calls.receipt(ReportJson.mairie());
    String take = "{\"assignee\": \"" + analystName + "\"}";
    assertThat(CONTRACT.requestViolations("POST", ASSIGN, take)).isEmpty();

    Http.Answer taken = calls.assign(200, reference, take, "\"v0\"");
    assertThat(taken.json()).containsEntry("assignee", analystName).containsEntry("version", 1);
    assertThat(etag(taken)).isEqualTo("\"v1\"");
    calls.assign(412, reference, "{\"assignee\": null}", "\"v0\"");
    Http.Answer nobody =
        calls.assign(422, reference, "{\"assignee\": \"personne.inconnue\"}", null);
    assertThat(nobody.errorFields()).containsExactly("assignee");
    Http.Answer official =
        calls.assign(422, reference, "{\"assignee\": \"" + officialName() + "\"}", null);
    assertThat(official.errorFields())
        .as("officials never hold a ticket")
        .containsExactly("assignee");

    assertThat(calls.assign(200, reference, "{\"assignee\": null}", "\"v1\"").json())
        .containsEntry("assignee", null);
    assertThat(calls.assign(200, reference, "{}", null).json())
        .as("an empty object unassigns too")
        .containsEntry("assignee", null)
        .containsEntry("version", 3);
    assertThat(calls.timeline(reference))
        .filteredOn(e -> e.get("type").equals("ASSIGNED"))
        .extracting(e -> e.get("details"))
        .containsExactly(
            Map.of("assignee", analystName),
            ReportJson.map("assignee", null),
            ReportJson.map("assignee", null));

    calls.assign(404, UNKNOWN, take, null);
    calls.assign(400, reference, take, "v-one");
    String path = TICKETS + "/" + reference + "/assign";
    api.exchange(401, ASSIGN, postJson(path, take));
    api.exchange(403, ASSIGN, postJson(path, take).bearerAuth(official()));
  }

  // ---- Timeline -----------------------------------------------------------------------------

  /** Timeline events only the mailbox writes (MailIT records them). */
  private static final Set<String> MAIL_EVENTS =
      Set.of(
          "ATTACHMENT_RECEIVED",
          "ATTACHMENT_REFUSED",
          "MAIL_READ_WITH_PROBLEMS",
          "QUALIFICATION_NEEDED");

  /**
   * One ticket goes through everything the timeline records: the contract's event types are exactly
   * the ones served, and each event's details validate against the schema of its type.
   */
  @Test
  void theTimelineRecordsEveryEventTypeOfTheContract() {
    Map<String, Object> signalement = calls.receiptBody(ReportJson.phishing());
    String reference = (String) signalement.get("reference");
    String duplicate = calls.receipt(ReportJson.phishing().set("contact.name", "Paul Le Goff"));
    calls.merge(200, duplicate, "{\"into\": \"" + reference + "\"}", null);
    calls.activity(
        201, NOTES, reference, "notes", "{\"text\": \"Faux site signalé à l'hébergeur\"}");
    calls.activity(
        201,
        CALLS,
        reference,
        "calls",
        "{\"at\": \""
            + ReportJson.paris(Instant.now().minus(1, ChronoUnit.MINUTES))
            + "\", \"summary\": \"Rappel de la gérante\"}");
    calls.activity(
        201, MESSAGES, reference, "messages", "{\"text\": \"Changez votre mot de passe.\"}");
    api.exchange(
        201,
        REPORT_MESSAGES,
        postJson(REPORTS + "/" + reference + "/messages", "{\"text\": \"C'est fait.\"}")
            .header("X-Follow-Up-Token", (String) signalement.get("followUpToken")));
    calls.assign(200, reference, "{\"assignee\": \"" + analystName + "\"}", null);
    calls.transition(200, reference, "{\"to\": \"QUALIFIED\"}");
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
    api.exchange(
        200,
        "/api/v1/tickets/{reference}/facts",
        HttpRequest.PATCH(
                TICKETS + "/" + reference + "/facts",
                "{\"victim\": {\"headcount\": 12}, \"reason\": \"Effectif confirmé\"}")
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .bearerAuth(analyst));

    Http.Answer whole =
        api.exchange(200, TIMELINE, calls.get(TICKETS + "/" + reference + "/timeline"));
    List<Map<String, Object>> events = items(whole);
    Set<String> served = new TreeSet<>();
    events.forEach(e -> served.add((String) e.get("type")));
    assertThat(served)
        .as("the types served are the contract's TimelineEventType, every one of them")
        .isEqualTo(
            CONTRACT.enumValues("TimelineEventType").stream()
                // Clock events need a legal filing or a clock running out: ClocksIT records them;
                // referral events need providers: RoutingIT records them.
                .filter(type -> !type.startsWith("CLOCK_"))
                .filter(type -> !type.startsWith("REFERRAL_") && !type.equals("ROUTING_GAP"))
                // Events of e-mails and their attachments need a mailbox: MailIT records them.
                .filter(type -> !MAIL_EVENTS.contains(type))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    assertThat(whole.json()).containsEntry("total", events.size()).containsEntry("size", 200);
    assertThat(events)
        .extracting(e -> Instant.parse((String) e.get("at")))
        .as("oldest first")
        .isSorted();

    Http.Answer page =
        api.exchange(
            200, TIMELINE, calls.get(TICKETS + "/" + reference + "/timeline?page=1&size=3"));
    assertThat(items(page)).isEqualTo(events.subList(3, 6));
    assertThat(page.json()).containsEntry("page", 1).containsEntry("total", events.size());

    for (String query : List.of("size=0", "size=201", "page=-1")) {
      String field = query.substring(0, query.indexOf('='));
      Http.Answer refused =
          api.exchange(400, TIMELINE, calls.get(TICKETS + "/" + reference + "/timeline?" + query));
      assertThat(refused.errorFields()).as(query).containsExactly(field);
    }
    api.exchange(404, TIMELINE, calls.get(TICKETS + "/" + UNKNOWN + "/timeline"));
    api.exchange(401, TIMELINE, HttpRequest.GET(TICKETS + "/" + reference + "/timeline"));
    api.exchange(
        403,
        TIMELINE,
        HttpRequest.GET(TICKETS + "/" + reference + "/timeline").bearerAuth(official()));
  }

  // ---- Helpers ------------------------------------------------------------------------------

  private String official() {
    return Staff.token(users, client, "OFFICIAL");
  }

  private String officialName() {
    String name = "elu-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(new UserService.NewUser(name, Staff.PASSWORD, List.of("OFFICIAL"), null));
    return name;
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
}
