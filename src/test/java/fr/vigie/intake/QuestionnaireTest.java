package fr.vigie.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.http.ProblemException;
import fr.vigie.intake.internal.ReportParser;
import fr.vigie.testing.FrenchText;
import fr.vigie.tickets.AffectedService;
import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.ObservableType;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.Scope;
import fr.vigie.tickets.Sector;
import fr.vigie.tickets.ServiceImpact;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.ThreatCatalogue;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The questionnaire resource against the report body it must fill (DESIGN.md §10). */
class QuestionnaireTest {

  static final JsonMapper JSON = JsonMapper.createDefault();
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  /** Every field of the body of {@code POST /api/v1/reports}, DESIGN.md §10. */
  static final List<String> REPORT_FIELDS =
      List.of(
          "channel",
          "victim.type",
          "victim.name",
          "victim.siren",
          "victim.communeCode",
          "victim.headcount",
          "victim.nis2",
          "victim.oiv",
          "victim.ose",
          "victim.sector",
          "victim.hasItProvider",
          "victim.cyberInsured",
          "contact.name",
          "contact.role",
          "contact.email",
          "contact.phone",
          "incident.threat",
          "incident.discoveredAt",
          "incident.ongoing",
          "incident.attackerStillPresent",
          "incident.serviceImpact",
          "incident.affectedServices",
          "incident.scope",
          "incident.personalData",
          "incident.dataExfiltrated",
          "incident.ransomDemanded",
          "incident.fundsTransferred.amountEur",
          "incident.fundsTransferred.at",
          "incident.description",
          "incident.observables",
          "incident.observables[].type",
          "incident.observables[].value",
          "consent");

  /** The enum behind each choice field. */
  static final Map<String, Class<? extends Enum<?>>> ENUMS =
      Map.of(
          "channel", Channel.class,
          "victim.type", VictimType.class,
          "victim.nis2", Nis2Status.class,
          "victim.sector", Sector.class,
          "incident.threat", Threat.class,
          "incident.serviceImpact", ServiceImpact.class,
          "incident.affectedServices", AffectedService.class,
          "incident.scope", Scope.class,
          "incident.personalData", PersonalData.class,
          "incident.observables[].type", ObservableType.class);

  static final Set<String> TYPES =
      Set.of(
          "single-choice",
          "multiple-choice",
          "text",
          "long-text",
          "email",
          "phone",
          "number",
          "boolean",
          "date-time",
          "commune",
          "siren",
          "money",
          "observables",
          "consent");

  static final Map<String, Object> DOC = read();

  @SuppressWarnings("unchecked")
  static Map<String, Object> read() {
    try (var in =
        QuestionnaireTest.class.getClassLoader().getResourceAsStream(Questionnaire.RESOURCE)) {
      return JSON.readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  static List<Map<String, Object>> steps() {
    return list(DOC.get("steps"));
  }

  /** Every question in the order asked, each followed by the sub-questions of its items. */
  static List<Map<String, Object>> questions() {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> step : steps()) {
      for (Map<String, Object> question : list(step.get("questions"))) {
        all.add(question);
        all.addAll(list(question.get("items")));
      }
    }
    return all;
  }

  static Map<String, Map<String, Object>> byField() {
    return questions().stream()
        .collect(
            Collectors.toMap(
                q -> (String) q.get("field"),
                Function.identity(),
                (a, b) -> a,
                LinkedHashMap::new));
  }

  static List<Object> optionValues(Map<String, Object> question) {
    return list(question.get("options")).stream().map(o -> o.get("value")).toList();
  }

  @Test
  void isVersionedAndFrench() {
    assertThat(DOC).containsEntry("version", "2026-11-1").containsEntry("locale", "fr-FR");
    assertThat(steps())
        .extracting(s -> s.get("id"))
        .containsExactly("who", "what", "impact", "details", "contact", "consent");
  }

  @Test
  void everyReportFieldIsFilledByExactlyOneQuestion() {
    List<String> fields = questions().stream().map(q -> (String) q.get("field")).toList();
    assertThat(fields).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(REPORT_FIELDS);
  }

  @Test
  void idsAreUniqueAndNameTheirField() {
    List<Object> ids = questions().stream().map(q -> q.get("id")).toList();
    assertThat(ids).doesNotHaveDuplicates();
    questions().forEach(q -> assertThat(q.get("id")).isEqualTo(q.get("field")));
    assertThat(steps()).extracting(s -> s.get("id")).doesNotHaveDuplicates();
  }

  @Test
  void everyQuestionHasAKnownTypeAndARequiredFlag() {
    for (Map<String, Object> q : questions()) {
      assertThat(TYPES).as((String) q.get("id")).contains((String) q.get("type"));
      assertThat(q.get("required")).as((String) q.get("id")).isInstanceOf(Boolean.class);
    }
  }

  @Test
  void choiceOptionsListEveryValueOfTheMatchingEnumInOrder() {
    Map<String, Map<String, Object>> byField = byField();
    ENUMS.forEach(
        (field, type) -> {
          List<String> constants = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
          assertThat(optionValues(byField.get(field)))
              .as(field)
              .containsExactlyElementsOf(constants);
        });
    for (Map<String, Object> q : questions()) {
      boolean choice = ((String) q.get("type")).endsWith("-choice");
      assertThat(ENUMS.containsKey(q.get("field"))).as((String) q.get("id")).isEqualTo(choice);
    }
  }

  @Test
  void yesNoQuestionsLetTheVictimSayItDoesNotKnow() {
    questions().stream()
        .filter(q -> "boolean".equals(q.get("type")))
        .forEach(
            q ->
                assertThat(optionValues(q))
                    .as((String) q.get("id"))
                    .containsExactly(true, false, null));
    questions().stream()
        .filter(q -> !"boolean".equals(q.get("type")) && !ENUMS.containsKey(q.get("field")))
        .forEach(q -> assertThat(q).as((String) q.get("id")).doesNotContainKey("options"));
  }

  @Test
  void conditionsReferToEarlierQuestionsAndToTheirValues() {
    Map<String, Map<String, Object>> earlier = new LinkedHashMap<>();
    for (Map<String, Object> q : questions()) {
      for (String key : List.of("showIf", "requiredIf")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> condition = (Map<String, Object>) q.get(key);
        if (condition == null) {
          continue;
        }
        String where = q.get("id") + "." + key;
        Map<String, Object> target = earlier.get((String) condition.get("field"));
        assertThat(target).as(where + " refers to an earlier question").isNotNull();
        Set<String> operators = new HashSet<>(condition.keySet());
        operators.remove("field");
        assertThat(operators).as(where).hasSize(1).isSubsetOf("in", "equals", "filled");
        if (condition.containsKey("in")) {
          assertThat(optionValues(target)).as(where).containsAll(list(condition.get("in")));
          assertThat(list(condition.get("in"))).as(where).isNotEmpty();
        }
        if (condition.containsKey("equals")) {
          assertThat(optionValues(target)).as(where).contains(condition.get("equals"));
        }
      }
      earlier.put((String) q.get("field"), q);
    }
  }

  @Test
  void aCommuneMustGiveItsCommuneAndAnEpciItsSiren() {
    Map<String, Map<String, Object>> byField = byField();
    assertThat(byField.get("victim.communeCode").get("requiredIf"))
        .isEqualTo(Map.of("field", "victim.type", "in", List.of("COMMUNE")));
    assertThat(byField.get("victim.siren").get("requiredIf"))
        .isEqualTo(Map.of("field", "victim.type", "in", List.of("EPCI")));
    assertThat(byField.get("victim.communeCode"))
        .containsEntry("required", false)
        .doesNotContainKey("showIf");
  }

  @Test
  void moneyQuestionsAreForTransferFraudAndRansomForRansomwareOrExtortion() {
    Map<String, Map<String, Object>> byField = byField();
    Map<String, Object> transferFraud =
        Map.of("field", "incident.threat", "in", List.of("TRANSFER_FRAUD"));
    assertThat(byField.get("incident.fundsTransferred.amountEur").get("showIf"))
        .isEqualTo(transferFraud);
    assertThat(byField.get("incident.fundsTransferred.at").get("showIf")).isEqualTo(transferFraud);
    assertThat(byField.get("incident.fundsTransferred.at").get("requiredIf"))
        .isEqualTo(Map.of("field", "incident.fundsTransferred.amountEur", "filled", true));
    assertThat(byField.get("incident.ransomDemanded").get("showIf"))
        .isEqualTo(Map.of("field", "incident.threat", "in", List.of("RANSOMWARE", "EXTORTION")));
  }

  @Test
  void theChannelIsHiddenAndDefaultsToTheWebForm() {
    assertThat(byField().get("channel"))
        .containsEntry("hidden", true)
        .containsEntry("default", "WEB_FORM")
        .containsEntry("required", true);
    assertThat(questions().stream().filter(q -> Boolean.TRUE.equals(q.get("hidden")))).hasSize(1);
  }

  @Test
  void nis2HasAnHonestDontKnowAsDefault() {
    assertThat(byField().get("victim.nis2")).containsEntry("default", "UNKNOWN");
  }

  @Test
  void threatOptionsCarryTheCatalogueLabelsAndDescriptions() {
    ThreatCatalogue catalogue = new ThreatCatalogue(JSON);
    for (Map<String, Object> option : list(byField().get("incident.threat").get("options"))) {
      var entry = catalogue.entry(Threat.valueOf((String) option.get("value")));
      assertThat(option.get("label")).isEqualTo(entry.label());
      assertThat(option.get("help")).isEqualTo(entry.description());
    }
  }

  @Test
  void textsAreNonEmptyFrenchAddressedAsVous() {
    List<String> texts = new ArrayList<>();
    for (Map<String, Object> step : steps()) {
      texts.add((String) step.get("title"));
      if (step.containsKey("help")) {
        texts.add((String) step.get("help"));
      }
    }
    for (Map<String, Object> q : questions()) {
      texts.add((String) q.get("label"));
      if (q.containsKey("help")) {
        texts.add((String) q.get("help"));
      }
      for (Map<String, Object> option : list(q.get("options"))) {
        texts.add((String) option.get("label"));
        if (option.containsKey("help")) {
          texts.add((String) option.get("help"));
        }
      }
    }
    assertThat(texts).allSatisfy(t -> assertThat(t).isNotBlank().doesNotContain("  "));
    texts.forEach(t -> assertThat(FrenchText.deniedWords(t)).as(t).isEmpty());
  }

  @Test
  void anAnswerToEveryQuestionIsAReportTheParserAccepts() {
    ReportParser.Parsed parsed =
        ReportParser.parse(JsonNode.from(fillEveryQuestion(Map.of())), NOW);

    assertThat(parsed.victim().communeCode()).isEqualTo("29212");
    assertThat(parsed.incident().fundsTransferred().amountEur()).isEqualByComparingTo("1500.5");
    assertThat(parsed.incident().observables()).hasSize(1);
    assertThat(parsed.channel()).isEqualTo(Channel.WEB_FORM);
  }

  @Test
  void textLimitsAreTheParsersLimits() {
    questions().stream()
        .filter(q -> Set.of("text", "long-text").contains(q.get("type")))
        .forEach(
            q -> {
              String field = (String) q.get("field");
              int max = ((Number) q.get("maxLength")).intValue();
              ReportParser.parse(
                  JsonNode.from(fillEveryQuestion(Map.of(field, "é".repeat(max)))), NOW);
              assertThatThrownBy(
                      () ->
                          ReportParser.parse(
                              JsonNode.from(fillEveryQuestion(Map.of(field, "é".repeat(max + 1)))),
                              NOW))
                  .as(field)
                  .isInstanceOf(ProblemException.class);
            });
  }

  @Test
  void aBrokenFileStopsTheStartWithItsName() {
    byte[] noSteps = "{\"version\": \"v\", \"locale\": \"fr-FR\", \"steps\": []}".getBytes();
    assertThatThrownBy(() -> new Questionnaire(JSON, noSteps, "q.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("q.json is invalid")
        .hasMessageContaining("steps");
    assertThatThrownBy(() -> new Questionnaire(JSON, "{".getBytes(), "q.json"))
        .hasMessageContaining("q.json is invalid");
  }

  @Test
  void isServedCompactWithAnETagOfItsVersionAndContent() throws IOException {
    Questionnaire questionnaire = new Questionnaire(JSON);
    String body = new String(questionnaire.body(), StandardCharsets.UTF_8);

    assertThat(body.contains("\n")).as("compact").isFalse();
    assertThat(body.contains("\"title\":\"Qui êtes-vous ?\"")).as("UTF-8 kept").isTrue();
    assertThat(JSON.readValue(questionnaire.body(), Argument.mapOf(String.class, Object.class)))
        .isEqualTo(DOC);
    assertThat(questionnaire.etag()).matches("\"2026-11-1-[0-9a-f]{16}\"");
    assertThat(QuestionnaireController.matches(questionnaire.etag(), questionnaire.etag()))
        .isTrue();
    assertThat(
            QuestionnaireController.matches(
                "W/\"x\", " + questionnaire.etag(), questionnaire.etag()))
        .isTrue();
    assertThat(QuestionnaireController.matches("\"x\"", questionnaire.etag())).isFalse();
  }

  /** A body answering every question (hidden ones with their default), {@code overrides} last. */
  static Map<String, Object> fillEveryQuestion(Map<String, Object> overrides) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (Map<String, Object> step : steps()) {
      for (Map<String, Object> q : list(step.get("questions"))) {
        put(body, (String) q.get("field"), answer(q));
      }
    }
    overrides.forEach((field, value) -> put(body, field, value));
    return body;
  }

  static Object answer(Map<String, Object> q) {
    if (q.containsKey("default")) {
      return q.get("default");
    }
    List<Object> options = optionValues(q);
    return switch ((String) q.get("type")) {
      case "single-choice", "boolean" -> options.get(0);
      case "multiple-choice" -> List.of(options.get(0));
      case "text", "long-text" -> "Texte";
      case "email" -> "secretariat@plouzane.fr";
      case "phone" -> "02 98 00 00 00";
      case "number" -> 45;
      case "money" -> 1500.5;
      case "date-time" -> "2026-11-20T07:45:00+01:00";
      case "commune" -> "29212";
      case "siren" -> "212902126";
      case "consent" -> true;
      case "observables" -> {
        Map<String, Object> item = new LinkedHashMap<>();
        for (Map<String, Object> sub : list(q.get("items"))) {
          String field = (String) sub.get("field");
          item.put(field.substring(field.lastIndexOf('.') + 1), answer(sub));
        }
        yield List.of(item);
      }
      default -> throw new AssertionError("no sample answer for " + q.get("type"));
    };
  }

  /** Puts {@code value} at a dotted path; {@code incident.observables[].value} is an item's. */
  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> body, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> node = body;
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].endsWith("[]")) {
        List<Map<String, Object>> items =
            (List<Map<String, Object>>) node.get(parts[i].substring(0, parts[i].length() - 2));
        node = items.get(0);
      } else {
        node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
      }
    }
    node.put(parts[parts.length - 1], value);
  }
}
