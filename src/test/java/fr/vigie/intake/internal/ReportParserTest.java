package fr.vigie.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.testing.ReportJson;
import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.Threat;
import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReportParserTest {

  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  static ReportParser.Parsed parse(ReportJson report) {
    return ReportParser.parse(JsonNode.from(report.body()), NOW);
  }

  static ProblemException rejected(ReportJson report) {
    try {
      parse(report);
    } catch (ProblemException e) {
      return e;
    }
    throw new AssertionError("the report was accepted");
  }

  @Test
  void readsEveryFieldOfAValidReport() {
    ReportParser.Parsed parsed = parse(ReportJson.company(NOW));

    assertThat(parsed.victim().name()).isEqualTo("Boulangerie Le Goff");
    assertThat(parsed.victim().headcount()).isEqualTo(12);
    assertThat(parsed.victim().nis2()).isEqualTo(Nis2Status.UNKNOWN);
    assertThat(parsed.victim().cyberInsured()).isTrue();
    assertThat(parsed.contact().phone()).isEqualTo("02 98 00 00 00");
    assertThat(parsed.incident().threat()).isEqualTo(Threat.TRANSFER_FRAUD);
    assertThat(parsed.incident().fundsTransferred().amountEur()).isEqualByComparingTo("12500.5");
    assertThat(parsed.incident().observables()).hasSize(1);
    assertThat(parsed.incident().dataExfiltrated()).isNull();
  }

  @Test
  void missingNis2MeansUnknownAndMissingFlagsMeanNo() {
    ReportParser.Parsed parsed =
        parse(
            ReportJson.company(NOW)
                .set("victim.nis2", ReportJson.REMOVE)
                .set("victim.oiv", ReportJson.REMOVE)
                .set("victim.ose", null));
    assertThat(parsed.victim().nis2()).isEqualTo(Nis2Status.UNKNOWN);
    assertThat(parsed.victim().oiv()).isFalse();
    assertThat(parsed.victim().ose()).isFalse();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("victim.headcount", "douze"),
        Arguments.of("victim.oiv", "yes"),
        Arguments.of("victim", "Mairie"),
        Arguments.of("incident.affectedServices", "EMAIL"),
        Arguments.of("incident.observables", List.of("evil.example")),
        Arguments.of("incident.threat", 7),
        Arguments.of("consent", "true"),
        Arguments.of("incident.fundsTransferred", 1000));
  }

  @ParameterizedTest(name = "{0} = {1} is malformed")
  @MethodSource
  void malformed(String field, Object value) {
    ProblemException e = rejected(ReportJson.company(NOW).set(field, value));
    assertThat(e.status().getCode()).isEqualTo(400);
    assertThat(e.errors()).extracting(FieldError::field).anyMatch(f -> f.startsWith(field));
  }

  static Stream<Arguments> invalid() {
    String huge = String.join("", Collections.nCopies(10_001, "a"));
    return Stream.of(
        Arguments.of("channel", "CARRIER_PIGEON", "channel"),
        Arguments.of("victim.type", "MAIRIE", "victim.type"),
        Arguments.of("victim.type", null, "victim.type"),
        Arguments.of("victim.nis2", "essential", "victim.nis2"),
        Arguments.of("victim.sector", "'; DROP TABLE ticket; --", "victim.sector"),
        Arguments.of("victim.siren", "732829321", "victim.siren"),
        Arguments.of("victim.siren", "73282932", "victim.siren"),
        Arguments.of("victim.siren", "7328293200", "victim.siren"),
        Arguments.of("victim.communeCode", "2C004", "victim.communeCode"),
        Arguments.of("victim.name", "", "victim.name"),
        Arguments.of("victim.name", "   ", "victim.name"),
        Arguments.of("victim.name", "a".repeat(201), "victim.name"),
        Arguments.of("victim.name", "Mairie\u0000", "victim.name"),
        Arguments.of("victim.name", "Mairie\ud800", "victim.name"),
        Arguments.of("victim.name", "Mairie\nde X", "victim.name"),
        Arguments.of("victim.headcount", -1, "victim.headcount"),
        Arguments.of("victim.headcount", 1.5, "victim.headcount"),
        Arguments.of("victim.headcount", new BigDecimal("1e400"), "victim.headcount"),
        Arguments.of("contact.email", "anne@", "contact.email"),
        Arguments.of("contact.phone", "call me", "contact.phone"),
        Arguments.of("incident.threat", "HACKED", "incident.threat"),
        Arguments.of("incident.discoveredAt", "2026-11-23T10:00:00+01:00", "incident.discoveredAt"),
        Arguments.of("incident.discoveredAt", "hier soir", "incident.discoveredAt"),
        Arguments.of("incident.discoveredAt", "2026-11-20T07:45:00", "incident.discoveredAt"),
        Arguments.of("incident.discoveredAt", "1999-12-31T23:00:00Z", "incident.discoveredAt"),
        Arguments.of("incident.serviceImpact", "TOTAL", "incident.serviceImpact"),
        Arguments.of("incident.description", huge, "incident.description"),
        Arguments.of(
            "incident.fundsTransferred.amountEur", -5, "incident.fundsTransferred.amountEur"),
        Arguments.of(
            "incident.fundsTransferred.amountEur", 10.001, "incident.fundsTransferred.amountEur"),
        Arguments.of("consent", false, "consent"),
        Arguments.of("consent", null, "consent"));
  }

  @ParameterizedTest(name = "{0} = {1} is refused")
  @MethodSource
  void invalid(String field, Object value, String expectedField) {
    ProblemException e = rejected(ReportJson.company(NOW).set(field, value));
    assertThat(e.status().getCode()).isEqualTo(422);
    assertThat(e.errors()).extracting(FieldError::field).contains(expectedField);
  }

  @Test
  void aCommuneNeedsItsCommuneCodeAndAnEpciItsSiren() {
    assertThat(rejected(ReportJson.mairie(NOW).set("victim.communeCode", null)).errors())
        .extracting(FieldError::field)
        .contains("victim.communeCode");
    assertThat(
            rejected(ReportJson.company(NOW).set("victim.type", "EPCI").set("victim.siren", null))
                .errors())
        .extracting(FieldError::field)
        .contains("victim.siren");
  }

  @Test
  void contactNeedsAPhoneOrAnEmail() {
    ProblemException e =
        rejected(ReportJson.company(NOW).set("contact.email", null).set("contact.phone", null));
    assertThat(e.errors()).extracting(FieldError::field).contains("contact.phone");
  }

  @Test
  void listsAreBounded() {
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      many.add(Map.of("type", "DOMAIN", "value", "d" + i + ".example"));
    }
    ProblemException e = rejected(ReportJson.company(NOW).set("incident.observables", many));
    assertThat(e.errors()).extracting(FieldError::field).contains("incident.observables");
  }

  @Test
  void reportsEveryMistakeAtOnce() {
    ProblemException e =
        rejected(
            ReportJson.company(NOW)
                .set("victim.siren", "123456789")
                .set("contact.email", "nope")
                .set("incident.threat", "HACKED"));
    assertThat(e.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("victim.siren", "contact.email", "incident.threat");
  }

  @Test
  void aBodyThatIsNotAnObjectIsMalformed() {
    assertThatThrownBy(() -> ReportParser.parse(JsonNode.from(List.of(1, 2)), NOW))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.status().getCode()).isEqualTo(400));
  }

  @Test
  void duplicateAffectedServicesAreKeptOnce() {
    ReportParser.Parsed parsed =
        parse(ReportJson.company(NOW).set("incident.affectedServices", List.of("EMAIL", "EMAIL")));
    assertThat(parsed.incident().affectedServices()).hasSize(1);
  }
}
