package fr.vigie.triage;

import static fr.vigie.tickets.Criticality.C1;
import static fr.vigie.tickets.Criticality.C2;
import static fr.vigie.tickets.Criticality.C3;
import static fr.vigie.tickets.Criticality.C4;
import static fr.vigie.tickets.ImpactLevel.I0;
import static fr.vigie.tickets.ImpactLevel.I1;
import static fr.vigie.tickets.ImpactLevel.I2;
import static fr.vigie.tickets.ImpactLevel.I3;
import static fr.vigie.tickets.ImpactLevel.I4;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.tickets.AffectedService;
import fr.vigie.tickets.Criticality;
import fr.vigie.tickets.ImpactLevel;
import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.Orientation;
import fr.vigie.tickets.OrientationCode;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.Scope;
import fr.vigie.tickets.Sector;
import fr.vigie.tickets.ServiceImpact;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.Fixtures.I;
import fr.vigie.triage.Fixtures.V;
import fr.vigie.triage.internal.SeverityRule;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of DESIGN.md §5 as a table. */
class TriageEngineTest {

  static final TriageEngine ENGINE = new TriageEngine(Set.of("53"), ZoneId.of("Europe/Paris"));

  static Triage triage(V victim, I incident) {
    return ENGINE.assess(victim.build(), Locality.NONE, incident.build(), Fixtures.NOW);
  }

  @ParameterizedTest(name = "{0} × {1} = {2}")
  @CsvSource({
    "I4,C1,P1", "I4,C2,P1", "I4,C3,P1", "I4,C4,P1",
    "I3,C1,P2", "I3,C2,P2", "I3,C3,P1", "I3,C4,P1",
    "I2,C1,P3", "I2,C2,P3", "I2,C3,P2", "I2,C4,P2",
    "I1,C1,P4", "I1,C2,P4", "I1,C3,P3", "I1,C4,P3",
    "I0,C1,P4", "I0,C2,P4", "I0,C3,P4", "I0,C4,P4"
  })
  void theMatrixHasTwentyCells(ImpactLevel impact, Criticality criticality, Severity expected) {
    assertThat(SeverityRule.matrix(impact, criticality)).isEqualTo(expected);
  }

  static Stream<Arguments> impactRules() {
    return Stream.of(
        Arguments.of(
            I.of(Threat.MALWARE).impact(ServiceImpact.INTERRUPTED).services(AffectedService.WATER),
            I4),
        Arguments.of(
            I.of(Threat.MALWARE)
                .impact(ServiceImpact.INTERRUPTED)
                .services(AffectedService.EMERGENCY_SERVICES),
            I4),
        Arguments.of(
            I.of(Threat.INTRUSION).impact(ServiceImpact.INTERRUPTED).scope(Scope.WHOLE_NETWORK),
            I4),
        Arguments.of(
            I.of(Threat.DDOS).impact(ServiceImpact.INTERRUPTED).services(AffectedService.WEBSITE),
            I3),
        Arguments.of(I.of(Threat.RANSOMWARE).stillOngoing(), I3),
        Arguments.of(I.of(Threat.RANSOMWARE).scope(Scope.SEVERAL_DEVICES), I3),
        Arguments.of(I.of(Threat.ACCOUNT_COMPROMISE).withExfiltration(), I3),
        Arguments.of(I.of(Threat.PHISHING).personal(PersonalData.CONFIRMED), I3),
        Arguments.of(I.of(Threat.TRANSFER_FRAUD).fundsAt(Fixtures.DISCOVERED), I3),
        Arguments.of(I.of(Threat.PHISHING).impact(ServiceImpact.DEGRADED), I2),
        Arguments.of(I.of(Threat.RANSOMWARE), I2),
        Arguments.of(I.of(Threat.DEFACEMENT), I2),
        Arguments.of(I.of(Threat.TRANSFER_FRAUD), I2),
        Arguments.of(I.of(Threat.SPAM).personal(PersonalData.SUSPECTED), I2),
        Arguments.of(I.of(Threat.PHISHING), I1),
        Arguments.of(I.of(Threat.HARASSMENT), I1),
        Arguments.of(I.of(Threat.UNKNOWN), I1),
        Arguments.of(I.of(Threat.SPAM), I0),
        Arguments.of(I.of(Threat.VULNERABILITY), I0),
        Arguments.of(I.of(Threat.INFORMATION_REQUEST), I0));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource
  void impactRules(I incident, ImpactLevel expected) {
    Triage triage = triage(V.of(VictimType.ENTREPRISE).headcount(20), incident);
    assertThat(triage.impact()).isEqualTo(expected);
    assertThat(triage.factors().get(0)).startsWith("impact " + expected + ":");
  }

  static Stream<Arguments> criticalityRules() {
    return Stream.of(
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(20).nis2(Nis2Status.ESSENTIAL), C4),
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(20).withOiv(), C4),
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(20).withOse(), C4),
        Arguments.of(V.of(VictimType.REGION), C4),
        Arguments.of(V.of(VictimType.DEPARTEMENT), C4),
        Arguments.of(V.of(VictimType.ASSOCIATION).headcount(3).sector(Sector.HEALTH), C4),
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(5).sector(Sector.WATER), C4),
        Arguments.of(V.of(VictimType.COMMUNE).population(74_568), C4),
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(20).nis2(Nis2Status.IMPORTANT), C3),
        Arguments.of(V.of(VictimType.COMMUNE).population(10_000), C3),
        Arguments.of(V.of(VictimType.COMMUNE).population(29_999), C3),
        Arguments.of(V.of(VictimType.EPCI).population(50_000), C3),
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(250), C3),
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(4_999), C3),
        Arguments.of(V.of(VictimType.ETABLISSEMENT_PUBLIC), C3),
        Arguments.of(V.of(VictimType.COMMUNE).population(9_999), C2),
        Arguments.of(V.of(VictimType.COMMUNE).population(1_000), C2),
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(10), C2),
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(249), C2),
        Arguments.of(V.of(VictimType.ASSOCIATION).headcount(10), C2),
        Arguments.of(V.of(VictimType.COMMUNE).population(999), C1),
        Arguments.of(V.of(VictimType.COMMUNE), C1),
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(9), C1),
        Arguments.of(V.of(VictimType.ENTREPRISE), C1),
        Arguments.of(V.of(VictimType.ASSOCIATION).headcount(9), C1),
        Arguments.of(V.of(VictimType.ASSOCIATION), C1),
        Arguments.of(V.of(VictimType.PARTICULIER), C1));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource
  void criticalityRules(V victim, Criticality expected) {
    Triage triage = triage(victim, I.of(Threat.MALWARE));
    assertThat(triage.criticality()).isEqualTo(expected);
    assertThat(triage.factors()).anyMatch(f -> f.startsWith("victim " + expected + ":"));
  }

  @Test
  void aCommuneOf74568InhabitantsIsExplainedInPlainWords() {
    Triage triage = triage(V.of(VictimType.COMMUNE).population(74_568), I.of(Threat.MALWARE));
    assertThat(triage.factors())
        .contains("victim C4: commune of 74,568 inhabitants (NIS2 essential)");
  }

  @Test
  void anAttackerStillPresentRaisesOneLevel() {
    // I2 × C2 = P3, +1 → P2.
    Triage triage =
        triage(V.of(VictimType.ENTREPRISE).headcount(20), I.of(Threat.INTRUSION).attackerPresent());
    assertThat(triage.severity()).isEqualTo(Severity.P2);
    assertThat(triage.factors()).contains("+1: attacker still present → P2");
  }

  @Test
  void anAttackerStillPresentNeverGoesAboveP1() {
    Triage triage =
        triage(
            V.of(VictimType.REGION),
            I.of(Threat.INTRUSION).impact(ServiceImpact.INTERRUPTED).attackerPresent());
    assertThat(triage.severity()).isEqualTo(Severity.P1);
    assertThat(triage.factors()).noneMatch(f -> f.startsWith("+1"));
  }

  @Test
  void fundsTransferredWithinTheRecallWindowMakeItP1() {
    // I3 × C1 = P2 → P1: 71 h 59 before the report.
    OffsetDateTime recent = OffsetDateTime.parse("2026-11-17T09:01:00Z");
    Triage triage =
        triage(
            V.of(VictimType.ENTREPRISE).headcount(3), I.of(Threat.TRANSFER_FRAUD).fundsAt(recent));
    assertThat(triage.severity()).isEqualTo(Severity.P1);
    assertThat(triage.factors()).anyMatch(f -> f.startsWith("P1: funds transferred"));
  }

  @Test
  void fundsTransferredLongerAgoKeepTheMatrixSeverity() {
    OffsetDateTime old = OffsetDateTime.parse("2026-11-17T08:59:00Z");
    Triage triage =
        triage(V.of(VictimType.ENTREPRISE).headcount(3), I.of(Threat.TRANSFER_FRAUD).fundsAt(old));
    assertThat(triage.severity()).isEqualTo(Severity.P2);
  }

  @ParameterizedTest(name = "{0} with {1} → {2}")
  @CsvSource({
    "PHISHING,NONE,SIGNALEMENT",
    "SPAM,NONE,SIGNALEMENT",
    "VULNERABILITY,NONE,SIGNALEMENT",
    "INFORMATION_REQUEST,NONE,SIGNALEMENT",
    "PHISHING,DEGRADED,INCIDENT",
    "MALWARE,NONE,INCIDENT",
    "HARASSMENT,NONE,INCIDENT",
    "RANSOMWARE,NONE,INCIDENT"
  })
  void kind(Threat threat, ServiceImpact impact, TicketKind expected) {
    Triage triage = triage(V.of(VictimType.ENTREPRISE).headcount(20), I.of(threat).impact(impact));
    assertThat(triage.kind()).isEqualTo(expected);
  }

  static Stream<Arguments> outOfConstituency() {
    return Stream.of(
        Arguments.of(V.of(VictimType.PARTICULIER), OrientationCode.CYBERMALVEILLANCE_17CYBER),
        Arguments.of(
            V.of(VictimType.ENTREPRISE).headcount(5_000),
            OrientationCode.CYBERMALVEILLANCE_17CYBER),
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(20).withOiv(), OrientationCode.CERT_FR),
        Arguments.of(V.of(VictimType.ENTREPRISE).headcount(20).withOse(), OrientationCode.CERT_FR),
        Arguments.of(
            V.of(VictimType.COMMUNE).population(500).region("75"),
            OrientationCode.OTHER_REGIONAL_CSIRT),
        Arguments.of(
            V.of(VictimType.ENTREPRISE).headcount(20).region(null),
            OrientationCode.CYBERMALVEILLANCE_17CYBER));
  }

  @ParameterizedTest(name = "[{index}] → {1}")
  @MethodSource
  void outOfConstituency(V victim, OrientationCode expected) {
    Triage triage = triage(victim, I.of(Threat.MALWARE));
    assertThat(triage.inConstituency()).isFalse();
    assertThat(triage.orientations()).extracting(Orientation::code).containsOnlyOnce(expected);
    assertThat(triage.factors()).anyMatch(f -> f.startsWith("out of constituency:"));
  }

  @Test
  void anOivIsSentToCertFrUrgentlyWhateverTheImpact() {
    Triage triage =
        triage(V.of(VictimType.ENTREPRISE).headcount(20).withOiv(), I.of(Threat.PHISHING));
    assertThat(triage.orientations())
        .filteredOn(o -> o.code() == OrientationCode.CERT_FR)
        .singleElement()
        .satisfies(o -> assertThat(o.urgent()).isTrue());
  }

  @Test
  void aSmallCompanyOfTheRegionIsInConstituency() {
    assertThat(
            triage(V.of(VictimType.ENTREPRISE).headcount(4_999), I.of(Threat.MALWARE))
                .inConstituency())
        .isTrue();
  }
}
