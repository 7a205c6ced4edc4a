package fr.vigie.triage;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.ServiceImpact;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.Fixtures.I;
import fr.vigie.triage.Fixtures.V;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Orientations (DESIGN.md §6) and legal deadlines (DOMAIN.md §5), to the minute. */
class OrientationAndDeadlineTest {

  static Triage triage(V victim, I incident) {
    return TriageEngineTest.triage(victim, incident);
  }

  static Map<OrientationCode, Boolean> orientations(Triage t) {
    return t.orientations().stream()
        .collect(Collectors.toMap(Orientation::code, Orientation::urgent));
  }

  static Map<DeadlineCode, OffsetDateTime> deadlines(Triage t) {
    return t.deadlines().stream().collect(Collectors.toMap(Deadline::code, Deadline::dueAt));
  }

  @Test
  void everyIncidentGoesToThePoliceUrgentlyForTransferFraud() {
    assertThat(
            orientations(
                triage(V.of(VictimType.ENTREPRISE).headcount(20), I.of(Threat.TRANSFER_FRAUD))))
        .containsEntry(OrientationCode.POLICE_GENDARMERIE, true);
    assertThat(
            orientations(triage(V.of(VictimType.ENTREPRISE).headcount(20), I.of(Threat.MALWARE))))
        .containsEntry(OrientationCode.POLICE_GENDARMERIE, false);
    assertThat(
            orientations(triage(V.of(VictimType.ENTREPRISE).headcount(20), I.of(Threat.PHISHING))))
        .doesNotContainKey(OrientationCode.POLICE_GENDARMERIE);
  }

  @Test
  void certFrForRegulatedEntitiesAndCriticalImpact() {
    assertThat(
            orientations(
                triage(
                    V.of(VictimType.ENTREPRISE).headcount(20).nis2(Nis2Status.IMPORTANT),
                    I.of(Threat.MALWARE))))
        .containsKey(OrientationCode.CERT_FR);
    assertThat(
            orientations(
                triage(
                    V.of(VictimType.ENTREPRISE).headcount(20),
                    I.of(Threat.MALWARE)
                        .impact(ServiceImpact.INTERRUPTED)
                        .services(fr.vigie.tickets.AffectedService.HEALTH))))
        .containsEntry(OrientationCode.CERT_FR, true);
    assertThat(orientations(triage(V.of(VictimType.COMMUNE).population(500), I.of(Threat.MALWARE))))
        .doesNotContainKey(OrientationCode.CERT_FR);
  }

  @Test
  void cnilPharosPercevalSpam() {
    assertThat(
            orientations(
                triage(
                    V.of(VictimType.ASSOCIATION),
                    I.of(Threat.PHISHING).personal(PersonalData.SUSPECTED))))
        .containsEntry(OrientationCode.CNIL, false);
    assertThat(orientations(triage(V.of(VictimType.ASSOCIATION), I.of(Threat.DATA_BREACH))))
        .containsEntry(OrientationCode.CNIL, true);
    assertThat(orientations(triage(V.of(VictimType.ASSOCIATION), I.of(Threat.HARASSMENT))))
        .containsKey(OrientationCode.PHAROS);
    assertThat(orientations(triage(V.of(VictimType.ASSOCIATION), I.of(Threat.CARD_FRAUD))))
        .containsEntry(OrientationCode.PERCEVAL, true);
    assertThat(orientations(triage(V.of(VictimType.ASSOCIATION), I.of(Threat.SPAM))))
        .containsOnlyKeys(OrientationCode.SPAM_33700);
  }

  @Test
  void everyOrientationHasAReason() {
    Triage t =
        triage(
            V.of(VictimType.DEPARTEMENT).withInsurance(),
            I.of(Threat.RANSOMWARE)
                .impact(ServiceImpact.INTERRUPTED)
                .personal(PersonalData.CONFIRMED));
    assertThat(t.orientations()).allSatisfy(o -> assertThat(o.reason()).isNotBlank());
  }

  @Test
  void ransomwareAtAnInsuredDepartementStartsEveryClockFromAwareness() {
    // Discovered 2026-11-20T07:45+01:00.
    Triage t =
        triage(
            V.of(VictimType.DEPARTEMENT).withInsurance(),
            I.of(Threat.RANSOMWARE)
                .impact(ServiceImpact.INTERRUPTED)
                .personal(PersonalData.SUSPECTED));
    assertThat(deadlines(t))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                DeadlineCode.GDPR_CNIL_72H, OffsetDateTime.parse("2026-11-23T07:45+01:00"),
                DeadlineCode.NIS2_EARLY_WARNING_24H, OffsetDateTime.parse("2026-11-21T07:45+01:00"),
                DeadlineCode.NIS2_NOTIFICATION_72H, OffsetDateTime.parse("2026-11-23T07:45+01:00"),
                DeadlineCode.NIS2_FINAL_REPORT_1M, OffsetDateTime.parse("2026-12-23T07:45+01:00"),
                DeadlineCode.LOPMI_COMPLAINT_72H, OffsetDateTime.parse("2026-11-23T07:45+01:00")));
  }

  @Test
  void seventyTwoHoursAcrossTheSummerTimeChangeAreSeventyTwoRealHours() {
    Triage t =
        TriageEngineTest.ENGINE.assess(
            V.of(VictimType.ASSOCIATION).build(),
            Locality.NONE,
            new fr.vigie.tickets.Incident(
                Threat.DATA_BREACH,
                OffsetDateTime.parse("2026-10-24T12:00+02:00"),
                false,
                false,
                ServiceImpact.NONE,
                List.of(),
                null,
                PersonalData.CONFIRMED,
                null,
                null,
                null,
                null,
                List.of()),
            Fixtures.NOW);
    // Clocks go back on 25 October: 72 h later is 11:00 winter time.
    assertThat(deadlines(t))
        .containsEntry(DeadlineCode.GDPR_CNIL_72H, OffsetDateTime.parse("2026-10-27T11:00+01:00"));
  }

  @Test
  void noComplaintClockWithoutInsuranceOrForAMereSignalement() {
    assertThat(deadlines(triage(V.of(VictimType.ENTREPRISE).headcount(20), I.of(Threat.MALWARE))))
        .doesNotContainKey(DeadlineCode.LOPMI_COMPLAINT_72H);
    assertThat(
            deadlines(
                triage(
                    V.of(VictimType.ENTREPRISE).headcount(20).withInsurance(),
                    I.of(Threat.PHISHING))))
        .isEmpty();
  }
}
