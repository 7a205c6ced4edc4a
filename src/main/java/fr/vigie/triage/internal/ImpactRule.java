package fr.vigie.triage.internal;

import fr.vigie.tickets.AffectedService;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.Scope;
import fr.vigie.tickets.ServiceImpact;
import fr.vigie.tickets.Threat;
import fr.vigie.triage.ImpactLevel;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Impact level: the first rule of DESIGN.md §5 that matches, with its reason in plain words. */
public final class ImpactRule {

  static final Set<AffectedService> ESSENTIAL_SERVICES =
      EnumSet.of(
          AffectedService.WATER,
          AffectedService.HEALTH,
          AffectedService.EMERGENCY_SERVICES,
          AffectedService.ENERGY);
  static final Set<Threat> SERIOUS_THREATS =
      EnumSet.of(
          Threat.RANSOMWARE,
          Threat.INTRUSION,
          Threat.ACCOUNT_COMPROMISE,
          Threat.DEFACEMENT,
          Threat.DDOS,
          Threat.DATA_BREACH,
          Threat.MALWARE,
          Threat.TRANSFER_FRAUD);
  static final Set<Threat> NO_IMPACT_THREATS =
      EnumSet.of(Threat.SPAM, Threat.VULNERABILITY, Threat.INFORMATION_REQUEST);

  private ImpactRule() {}

  /** The level and the factor that explains it. */
  public record Result(ImpactLevel level, String factor) {}

  public static Result assess(Incident incident) {
    boolean interrupted = incident.serviceImpact() == ServiceImpact.INTERRUPTED;
    List<AffectedService> essential =
        incident.affectedServices().stream().filter(ESSENTIAL_SERVICES::contains).toList();
    if (interrupted && !essential.isEmpty()) {
      return new Result(
          ImpactLevel.I4,
          "impact I4: service interrupted and an essential service hit " + essential);
    }
    if (interrupted && incident.scope() == Scope.WHOLE_NETWORK) {
      return new Result(ImpactLevel.I4, "impact I4: service interrupted on the whole network");
    }
    if (interrupted) {
      return new Result(ImpactLevel.I3, "impact I3: service interrupted");
    }
    boolean spread =
        incident.scope() == Scope.SEVERAL_DEVICES || incident.scope() == Scope.WHOLE_NETWORK;
    if (incident.threat() == Threat.RANSOMWARE
        && (Boolean.TRUE.equals(incident.ongoing()) || spread)) {
      return new Result(ImpactLevel.I3, "impact I3: ransomware ongoing or on several devices");
    }
    if (Boolean.TRUE.equals(incident.dataExfiltrated())) {
      return new Result(ImpactLevel.I3, "impact I3: data exfiltrated");
    }
    if (incident.personalData() == PersonalData.CONFIRMED) {
      return new Result(ImpactLevel.I3, "impact I3: personal data affected (confirmed)");
    }
    if (incident.fundsTransferred() != null) {
      return new Result(ImpactLevel.I3, "impact I3: funds already transferred");
    }
    if (incident.serviceImpact() == ServiceImpact.DEGRADED) {
      return new Result(ImpactLevel.I2, "impact I2: service degraded");
    }
    if (SERIOUS_THREATS.contains(incident.threat())) {
      return new Result(ImpactLevel.I2, "impact I2: " + incident.threat() + " is a serious threat");
    }
    if (incident.personalData() == PersonalData.SUSPECTED) {
      return new Result(ImpactLevel.I2, "impact I2: personal data possibly affected");
    }
    if (!NO_IMPACT_THREATS.contains(incident.threat())) {
      return new Result(
          ImpactLevel.I1, "impact I1: " + incident.threat() + " with no visible impact");
    }
    return new Result(ImpactLevel.I0, "impact I0: " + incident.threat() + " and nothing else");
  }
}
