package fr.vigie.triage.internal;

import fr.vigie.tickets.Incident;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.Criticality;
import fr.vigie.triage.ImpactLevel;
import fr.vigie.triage.Nis2Assessment;
import fr.vigie.triage.Orientation;
import fr.vigie.triage.OrientationCode;
import fr.vigie.triage.TicketKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Orientations to state services (DESIGN.md §6, codes of DOMAIN.md §2): all that apply. Beyond §6,
 * SMS/voice spam goes to 33700 and an individual's scam or extortion to THESEE, the services
 * DOMAIN.md lists for them.
 */
public final class OrientationRule {

  private OrientationRule() {}

  public static List<Orientation> orient(
      Victim victim,
      Incident incident,
      Nis2Assessment nis2,
      ImpactLevel impact,
      Criticality criticality,
      TicketKind kind) {
    List<Orientation> result = new ArrayList<>();
    boolean major = impact.compareTo(ImpactLevel.I3) >= 0;
    if (nis2.regulated()) {
      result.add(cert(major, "NIS2 " + nis2.effective().name().toLowerCase() + " entity"));
    } else if (victim.oiv() || victim.ose()) {
      result.add(cert(major, "regulated operator (" + (victim.oiv() ? "OIV" : "OSE") + ")"));
    } else if (impact == ImpactLevel.I4) {
      result.add(cert(true, "critical impact (I4)"));
    } else if (criticality == Criticality.C4 && major) {
      result.add(cert(true, "critical victim (C4) with major impact"));
    }
    if (kind == TicketKind.INCIDENT) {
      boolean fraud = incident.threat() == Threat.TRANSFER_FRAUD;
      result.add(
          new Orientation(
              OrientationCode.POLICE_GENDARMERIE,
              fraud,
              fraud
                  ? "file a complaint now: the police can help the bank recall the transfer"
                  : "a malicious act: file a complaint (plainte)"));
    }
    PersonalData personal = incident.personalData();
    if (personal == PersonalData.SUSPECTED
        || personal == PersonalData.CONFIRMED
        || incident.threat() == Threat.DATA_BREACH) {
      result.add(
          new Orientation(
              OrientationCode.CNIL,
              personal == PersonalData.CONFIRMED || incident.threat() == Threat.DATA_BREACH,
              "personal data may be affected: notify the CNIL within 72 h of awareness"));
    }
    if (incident.threat() == Threat.HARASSMENT) {
      result.add(
          new Orientation(OrientationCode.PHAROS, false, "report the illicit content on PHAROS"));
    }
    if (incident.threat() == Threat.CARD_FRAUD) {
      result.add(
          new Orientation(
              OrientationCode.PERCEVAL, true, "block the card, then report the fraud on Perceval"));
    }
    if (incident.threat() == Threat.SPAM) {
      result.add(
          new Orientation(OrientationCode.SPAM_33700, false, "forward SMS or voice spam to 33700"));
    }
    if (victim.type() == VictimType.PARTICULIER
        && (incident.threat() == Threat.TECH_SUPPORT_SCAM
            || incident.threat() == Threat.EXTORTION)) {
      result.add(
          new Orientation(OrientationCode.THESEE, false, "file an online complaint on THESEE"));
    }
    return result;
  }

  private static Orientation cert(boolean urgent, String why) {
    return new Orientation(OrientationCode.CERT_FR, urgent, "inform ANSSI's CERT-FR: " + why);
  }
}
