package fr.vigie;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.intake.Channel;
import fr.vigie.security.Role;
import fr.vigie.security.UserService;
import fr.vigie.testing.ContractClient;
import fr.vigie.testing.Http;
import fr.vigie.testing.OpenApiContract;
import fr.vigie.testing.OpenApiContract.Route;
import fr.vigie.testing.Staff;
import fr.vigie.tickets.AffectedService;
import fr.vigie.tickets.Criticality;
import fr.vigie.tickets.DeadlineCode;
import fr.vigie.tickets.ImpactLevel;
import fr.vigie.tickets.Lifecycle;
import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.ObservableType;
import fr.vigie.tickets.OrientationCode;
import fr.vigie.tickets.Outcome;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.Scope;
import fr.vigie.tickets.Sector;
import fr.vigie.tickets.ServiceImpact;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.VictimMessage;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.RsitTaxonomyTypes;
import fr.vigie.triage.ThreatCatalogue;
import fr.vigie.triage.ThreatEntry;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code openapi/vigie.yaml} true (DESIGN.md §1) as a whole: the routes the running
 * application serves and the operations of the contract are the same set, the enumerations are
 * spelled as the Java enums and the RSIT taxonomy, the examples validate and say what the server
 * answers, and the operations endpoints answer as declared. The operations themselves are called in
 * {@code ReportContractIT} (public), {@code StaffContractIT} (staff, triage), {@code
 * QueueContractIT} (the queue) and {@code WorkflowContractIT} (the analyst's workflow).
 */
@MicronautTest(transactional = false)
class OpenApiContractIT {

  /**
   * Served by the framework, deliberately outside the contract; each says why. Empty since the
   * token introspection endpoint ({@code /token_info}) was switched off.
   */
  private static final Map<Route, String> NOT_IN_CONTRACT = Map.of();

  /**
   * The pages people read (DESIGN.md §12) and their assets: HTML over the same services, outside
   * the JSON contract, tested in a real browser instead (the {@code *PagesIT} suites). A route is a
   * page only under these French paths, so a JSON endpoint added anywhere else still fails here.
   */
  private static final java.util.regex.Pattern PAGES =
      java.util.regex.Pattern.compile(
          "/|/(signaler|suivi|accessibilite|connexion|deconnexion|console|prestataire"
              + "|tableau-de-bord|statistiques|assets)(/.*)?");

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
          Map.entry("TicketKind", TicketKind.class),
          Map.entry("Severity", Severity.class),
          Map.entry("ImpactLevel", ImpactLevel.class),
          Map.entry("Criticality", Criticality.class),
          Map.entry("OrientationCode", OrientationCode.class),
          Map.entry("DeadlineCode", DeadlineCode.class),
          Map.entry("Outcome", Outcome.class),
          Map.entry("MessageFrom", VictimMessage.From.class),
          Map.entry("Role", Role.class),
          Map.entry("LabelKind", fr.vigie.routing.LabelKind.class),
          Map.entry("ReferralState", fr.vigie.routing.ReferralState.class),
          Map.entry("RoutingMode", fr.vigie.routing.RoutingMode.class),
          Map.entry("ReferralOutcome", fr.vigie.routing.ReferralOutcome.class),
          Map.entry("StatsPeriod", fr.vigie.stats.Period.class),
          Map.entry("VictimCategory", fr.vigie.stats.VictimCategory.class),
          Map.entry("SizeBand", fr.vigie.stats.SizeBand.class),
          Map.entry("Prevention", fr.vigie.stats.Prevention.class),
          Map.entry("RoutingReasonCode", fr.vigie.routing.Reason.Code.class));

  /**
   * Vocabularies without a Java enum: TLP is pinned by a CHECK constraint in V1 (and every value is
   * posted for real by {@code WorkflowContractIT}), the RSIT class and type by {@code RsitTaxonomy}
   * (checked below), the clock kinds and states by CHECK constraints in V3, the timeline event
   * types by the code that writes them ({@code WorkflowContractIT} produces every one and no
   * other).
   */
  private static final Set<String> VOCABULARIES_WITHOUT_JAVA_ENUM =
      Set.of("Tlp", "RsitClass", "RsitType", "ClockKind", "ClockState", "TimelineEventType");

  /** Where a waiting ticket may go back to (the CHECK constraint on resume_status, V4). */
  private static final List<TicketStatus> RESUMABLE =
      List.of(TicketStatus.QUALIFIED, TicketStatus.REFERRED, TicketStatus.IN_PROGRESS);

  private static final String DIAGNOSIS = "/api/v1/intake/diagnosis";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject Router router;
  @Inject UserService users;
  @Inject ThreatCatalogue catalogue;

  ContractClient api;

  @BeforeEach
  void api() {
    api = new ContractClient(client, json);
  }

  // ---- Routes -------------------------------------------------------------------------------

  @Test
  void servedRoutesAndContractOperationsAreTheSame() {
    Set<Route> served = servedRoutes();
    assertThat(served)
        .as("the router lists the security and management routes too")
        .contains(
            Route.of("POST", "/login"), Route.of("GET", "/health"), Route.of("GET", "/metrics"));
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

  // ---- Vocabularies -------------------------------------------------------------------------

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
  void rsitClassesAndTypesAreTheTaxonomyTheOverrideAccepts() {
    Map<String, List<String>> taxonomy = RsitTaxonomyTypes.byClass();
    Map<String, List<String>> declared = new LinkedHashMap<>();
    CONTRACT
        .document()
        .at("/components/schemas/RsitClass/x-rsit-types")
        .properties()
        .forEach(e -> declared.put(e.getKey(), texts(e.getValue())));

    assertThat(declared).as("RsitClass x-rsit-types").isEqualTo(taxonomy);
    assertThat(CONTRACT.enumValues("RsitClass")).containsExactlyElementsOf(declared.keySet());
    assertThat(CONTRACT.enumValues("RsitType"))
        .containsExactlyElementsOf(declared.values().stream().flatMap(List::stream).toList());
  }

  @Test
  void everyThreatOfTheCatalogueAnswersWithAnRsitPairAndFirstAidOfTheContract() {
    for (ThreatEntry entry : catalogue.all()) {
      assertThat(CONTRACT.schemaViolations("Rsit", api.write(entry.rsit())))
          .as("rsit of %s", entry.threat())
          .isEmpty();
      assertThat(CONTRACT.schemaViolations("FirstAidList", api.write(entry.firstAid())))
          .as("firstAid of %s", entry.threat())
          .isEmpty();
    }
  }

  /**
   * {@code x-transitions} and {@code x-mergeable} of TicketStatus are the life cycle the server
   * applies ({@code Lifecycle}); {@code WorkflowContractIT} checks the 409s name the same statuses.
   */
  @Test
  void theLifeCycleOfTheContractIsTheOneTheServerApplies() {
    JsonNode status = CONTRACT.document().at("/components/schemas/TicketStatus");
    // Any instant will do: the transition rules do not depend on it (only given, never compared).
    Instant now = Instant.now();
    Map<String, Set<String>> transitions = new TreeMap<>();
    Set<String> mergeable = new TreeSet<>();
    for (TicketStatus from : TicketStatus.values()) {
      Set<TicketStatus> next = EnumSet.noneOf(TicketStatus.class);
      if (from == TicketStatus.WAITING_ON_VICTIM) {
        RESUMABLE.forEach(back -> next.addAll(Lifecycle.allowed(from, back, null, now)));
      } else {
        next.addAll(Lifecycle.allowed(from, null, now, now));
      }
      if (next.remove(TicketStatus.MERGED)) {
        mergeable.add(from.name());
      }
      transitions.put(
          from.name(),
          next.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new)));
    }
    Map<String, Set<String>> declared = new TreeMap<>();
    status
        .path("x-transitions")
        .properties()
        .forEach(e -> declared.put(e.getKey(), new TreeSet<>(texts(e.getValue()))));

    assertThat(declared).as("TicketStatus x-transitions").isEqualTo(transitions);
    assertThat(new TreeSet<>(texts(status.path("x-mergeable"))))
        .as("TicketStatus x-mergeable")
        .isEqualTo(mergeable);
    assertThat(Lifecycle.REOPEN_WINDOW).isEqualTo(Duration.ofDays(90));
    assertThat(Lifecycle.allowed(TicketStatus.CLOSED, null, now.minus(Duration.ofDays(91)), now))
        .as("the reopening window the contract states")
        .doesNotContain(TicketStatus.IN_PROGRESS);
  }

  /**
   * Answers list every field (null when unknown), so a response schema requires every property it
   * declares: a field dropped from {@code required} would let the server stop sending it unseen.
   * The exceptions are documented in the contract, each for its reason.
   */
  @Test
  void responseSchemasRequireEveryPropertyExceptWhereTheContractSaysSo() {
    assertThat(CONTRACT.responseSchemasWithOptionalProperties().keySet())
        .as("response schemas with optional properties")
        .containsExactlyInAnyOrder(
            // RFC 9457: empty errors and null detail/instance are omitted.
            "Problem",
            // The questionnaire file gives each question only the attributes that apply to it.
            "Question",
            "QuestionCondition",
            "QuestionOption",
            "QuestionnaireStep",
            // Tickets opened before triage existed recorded their report's id only.
            "ReportReceivedDetails",
            // Table Schema gives each column only the properties of its type (trueValues…).
            "TableSchemaField",
            // A merge records differentVictims only when the analyst confirmed two victims.
            "MergedIntoDetails",
            "MergedFromDetails",
            // A victim's message says "channel": "EMAIL" only when it came by e-mail.
            "MessageDetails",
            // A refused attachment has no id or kept type; a kept one has both.
            "AttachmentDetails");
  }

  // ---- Examples -----------------------------------------------------------------------------

  @Test
  void examplesOfTheContractMatchTheirSchemas() {
    assertThat(CONTRACT.unresolvedReferences()).isEmpty();
    assertThat(CONTRACT.exampleViolations()).isEmpty();
  }

  /**
   * The mairie of Plouzané is the contract's worked example: sent to the diagnosis, it must be
   * triaged as the examples say. Free text (factors, reasons, first-aid wording) may be reworded
   * without breaking the contract; codes, levels, flags and dates may not.
   */
  @Test
  void theMairieExampleIsTriagedAsTheExamplesSay() throws IOException {
    String report = CONTRACT.example("MairieRansomwareReport").toString();
    Http.Answer served =
        api.exchange(
            200,
            DIAGNOSIS,
            HttpRequest.POST(DIAGNOSIS, report).contentType(MediaType.APPLICATION_JSON_TYPE));

    Map<String, Object> diagnosis = map(CONTRACT.example("MairieRansomwareDiagnosis"));
    assertThat(meaning(served.json())).isEqualTo(meaning(diagnosis));

    Map<String, Object> receipt = map(CONTRACT.example("MairieRansomwareReceipt"));
    receipt.keySet().removeAll(List.of("reference", "followUpToken"));
    assertThat(receipt).as("the receipt example is the diagnosis example").isEqualTo(diagnosis);

    Map<String, Object> ticket = map(CONTRACT.example("MairieRansomwareTicketOverridden"));
    @SuppressWarnings("unchecked")
    Map<String, Object> triage = (Map<String, Object>) ticket.get("triage");
    for (String field : List.of("kind", "severity", "impact", "criticality", "deadlines")) {
      assertThat(triage.get(field))
          .as("ticket example's triage.%s", field)
          .isEqualTo(diagnosis.get(field));
    }
  }

  /**
   * The mairie's story is told by several examples: the follow-up is the ticket as the victim sees
   * it, and its messages and the override are those of the timeline.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theMairieExamplesTellOneStory() throws IOException {
    Map<String, Object> ticket = map(CONTRACT.example("MairieRansomwareTicketOverridden"));
    Map<String, Object> followUp = map(CONTRACT.example("MairieFollowUp"));
    Map<String, Object> timeline = map(CONTRACT.example("MairieTimeline"));
    for (String field : List.of("reference", "receivedAt", "victim", "contact", "incident")) {
      assertThat(followUp.get(field))
          .as("follow-up example's %s", field)
          .isEqualTo(ticket.get(field));
    }
    Map<String, Object> triage = (Map<String, Object>) ticket.get("triage");
    assertThat(followUp.get("orientations")).isEqualTo(triage.get("orientations"));
    assertThat((List<Map<String, Object>>) followUp.get("deadlines"))
        .extracting(d -> d.get("code") + " " + d.get("dueAt"))
        .isEqualTo(
            ((List<Map<String, Object>>) triage.get("deadlines"))
                .stream().map(d -> d.get("code") + " " + d.get("dueAt")).toList());

    List<Map<String, Object>> events = (List<Map<String, Object>>) timeline.get("items");
    assertThat(timeline.get("total")).isEqualTo(events.size());
    List<Map<String, Object>> messages = new ArrayList<>();
    for (Map<String, Object> event : events) {
      String type = (String) event.get("type");
      Map<String, Object> details = (Map<String, Object>) event.get("details");
      if (type.startsWith("MESSAGE_")) {
        messages.add(
            Map.of(
                "at", event.get("at"),
                "from", type.equals("MESSAGE_FROM_VICTIM") ? "VICTIM" : "CSIRT",
                "text", details.get("text")));
      }
      if (type.equals("TRIAGE_OVERRIDDEN")) {
        Map<String, Object> override = (Map<String, Object>) ticket.get("triageOverride");
        assertThat(details.get("reason")).isEqualTo(override.get("reason"));
        assertThat(event.get("at")).isEqualTo(override.get("at"));
      }
    }
    assertThat(followUp.get("messages")).as("the timeline's messages").isEqualTo(messages);
    assertThat(events)
        .extracting(e -> (String) e.get("at"))
        .as("oldest first")
        .isSortedAccordingTo(Comparator.naturalOrder());
  }

  // ---- Operations ---------------------------------------------------------------------------

  @Test
  void healthAndMetricsMatchTheContract() {
    Http.Answer health = api.exchange(200, "/health", HttpRequest.GET("/health"));
    assertThat(health.json()).containsEntry("status", "UP").containsEntry("details", null);

    String admin = Staff.token(users, client, "ADMIN");
    Http.Answer asAdmin =
        api.exchange(200, "/health", HttpRequest.GET("/health").bearerAuth(admin));
    assertThat(asAdmin.json())
        .as("details name the database: shown to nobody")
        .containsEntry("details", null);

    for (String probe : List.of("liveness", "readiness")) {
      Http.Answer answer =
          api.exchange(200, "/health/{probe}", HttpRequest.GET("/health/" + probe));
      assertThat(answer.json()).containsEntry("status", "UP");
    }

    api.exchange(401, "/metrics", HttpRequest.GET("/metrics"));
    Http.Answer metrics =
        api.exchange(200, "/metrics", HttpRequest.GET("/metrics").bearerAuth(admin));
    assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
  }

  // ---- Helpers ------------------------------------------------------------------------------

  /** A diagnosis without its free text: first-aid codes, orientation codes and urgency. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> meaning(Map<String, Object> diagnosis) {
    Map<String, Object> result = new LinkedHashMap<>(diagnosis);
    result.remove("factors");
    result.put(
        "orientations",
        ((List<Map<String, Object>>) diagnosis.get("orientations"))
            .stream()
                .map(o -> o.get("code") + (Boolean.TRUE.equals(o.get("urgent")) ? "!" : ""))
                .toList());
    result.put(
        "firstAid",
        ((List<Map<String, Object>>) diagnosis.get("firstAid"))
            .stream().map(a -> a.get("code")).toList());
    return result;
  }

  private Map<String, Object> map(JsonNode node) throws IOException {
    return new LinkedHashMap<>(
        json.readValue(node.toString(), Argument.mapOf(String.class, Object.class)));
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
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
    served.removeIf(r -> PAGES.matcher(r.path()).matches());
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
