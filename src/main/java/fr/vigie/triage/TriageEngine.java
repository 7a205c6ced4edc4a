package fr.vigie.triage;

import fr.vigie.tickets.ImpactLevel;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.Nis2Assessment;
import fr.vigie.tickets.Orientation;
import fr.vigie.tickets.OrientationCode;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.internal.CriticalityRule;
import fr.vigie.triage.internal.DeadlineRule;
import fr.vigie.triage.internal.ImpactRule;
import fr.vigie.triage.internal.OrientationRule;
import fr.vigie.triage.internal.SeverityRule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Deterministic, explained triage (DESIGN.md §5). Pure code: no framework, no clock of its own (the
 * report's time is passed in), so every rule is tested as a table and benchmarked alone.
 */
public final class TriageEngine {

  static final int LARGE_COMPANY = 5_000;
  private static final Set<Threat> EVENT_THREATS =
      EnumSet.of(Threat.PHISHING, Threat.SPAM, Threat.VULNERABILITY, Threat.INFORMATION_REQUEST);

  private final Set<String> servedRegions;
  private final ZoneId zone;

  public TriageEngine(Set<String> servedRegions, ZoneId zone) {
    this.servedRegions = Set.copyOf(servedRegions);
    this.zone = zone;
  }

  public Triage assess(Victim victim, Locality locality, Incident incident, Instant reportedAt) {
    return assess(victim, locality, incident, reportedAt, null);
  }

  /**
   * Triage with the kind decided by an analyst ({@code promotedKind}, e.g. a signalement found to
   * be an incident): orientations and deadlines follow the new kind.
   */
  public Triage assess(
      Victim victim,
      Locality locality,
      Incident incident,
      Instant reportedAt,
      TicketKind promotedKind) {
    List<String> factors = new ArrayList<>();
    ImpactRule.Result impact = ImpactRule.assess(incident);
    factors.add(impact.factor());
    CriticalityRule.Derived derived = CriticalityRule.deriveNis2(victim, locality);
    if (derived.reason() != null) {
      factors.add(derived.reason());
    }
    Nis2Assessment nis2 = CriticalityRule.nis2(victim, derived);
    CriticalityRule.Result criticality = CriticalityRule.assess(victim, nis2);
    factors.add(criticality.factor());
    Severity severity =
        SeverityRule.assess(impact.level(), criticality.level(), incident, reportedAt, factors);
    TicketKind kind = promotedKind != null ? promotedKind : kind(incident.threat(), impact.level());
    factors.add(
        "kind "
            + kind
            + (promotedKind != null
                ? ": decided by an analyst"
                : kind == TicketKind.SIGNALEMENT
                    ? ": " + incident.threat() + " without real impact"
                    : ": a malicious actor acted"));
    List<Orientation> orientations =
        new ArrayList<>(
            OrientationRule.orient(
                victim, incident, nis2, impact.level(), criticality.level(), kind));
    Orientation outside = outOfConstituency(victim);
    if (outside != null) {
      factors.add("out of constituency: " + outside.reason());
      // The out-of-constituency orientation replaces a weaker one of the same service.
      orientations.removeIf(o -> o.code() == outside.code() && !o.urgent() && outside.urgent());
      if (orientations.stream().noneMatch(o -> o.code() == outside.code())) {
        orientations.add(outside);
      }
    }
    return new Triage(
        kind,
        severity,
        impact.level(),
        criticality.level(),
        nis2,
        outside == null,
        List.copyOf(factors),
        List.copyOf(orientations),
        DeadlineRule.deadlines(victim, incident, nis2, kind, zone));
  }

  static TicketKind kind(Threat threat, ImpactLevel impact) {
    return EVENT_THREATS.contains(threat) && impact.compareTo(ImpactLevel.I1) <= 0
        ? TicketKind.SIGNALEMENT
        : TicketKind.INCIDENT;
  }

  /** The orientation of a victim the regional CSIRT does not serve, or null if it does. */
  private Orientation outOfConstituency(Victim victim) {
    if (victim.type() == VictimType.PARTICULIER) {
      return new Orientation(
          OrientationCode.CYBERMALVEILLANCE_17CYBER,
          false,
          "individuals are helped by 17Cyber (cybermalveillance.gouv.fr)");
    }
    if (victim.oiv() || victim.ose()) {
      return new Orientation(
          OrientationCode.CERT_FR, true, "regulated operators (OIV, OSE) are handled by ANSSI");
    }
    if (victim.type() == VictimType.ENTREPRISE
        && victim.headcount() != null
        && victim.headcount() >= LARGE_COMPANY) {
      return new Orientation(
          OrientationCode.CYBERMALVEILLANCE_17CYBER,
          false,
          "large companies (5,000 staff or more) are outside the regional CSIRT's remit");
    }
    if (victim.region() == null) {
      return new Orientation(
          OrientationCode.CYBERMALVEILLANCE_17CYBER,
          false,
          "not located in a French commune: the national platform can help");
    }
    if (!servedRegions.contains(victim.region())) {
      return new Orientation(
          OrientationCode.OTHER_REGIONAL_CSIRT,
          false,
          "located in région " + victim.region() + ": its own regional CSIRT is competent");
    }
    return null;
  }
}
