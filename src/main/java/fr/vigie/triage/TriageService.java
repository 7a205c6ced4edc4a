package fr.vigie.triage;

import fr.vigie.CsirtSettings;
import fr.vigie.tickets.Classification;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.Victim;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashSet;

/**
 * Triage as a service: the {@link TriageEngine}'s rules with this CSIRT's régions and time zone,
 * and the threat catalogue's RSIT classification and first aid.
 */
@Singleton
public final class TriageService {

  private final TriageEngine engine;
  private final ThreatCatalogue catalogue;

  TriageService(CsirtSettings csirt, ThreatCatalogue catalogue) {
    this.engine = new TriageEngine(new HashSet<>(csirt.regions()), csirt.zone());
    this.catalogue = catalogue;
  }

  public Classification classify(
      Victim victim, Locality locality, Incident incident, Instant reportedAt) {
    return classify(victim, locality, incident, reportedAt, null);
  }

  /** Triage again with the kind an analyst decided (promotion of a signalement). */
  public Classification classify(
      Victim victim,
      Locality locality,
      Incident incident,
      Instant reportedAt,
      fr.vigie.tickets.TicketKind promotedKind) {
    Triage t = engine.assess(victim, locality, incident, reportedAt, promotedKind);
    Rsit rsit = catalogue.entry(incident.threat()).rsit();
    return new Classification(
        t.kind(),
        t.severity(),
        t.impact(),
        t.criticality(),
        rsit.rsitClass(),
        rsit.rsitType(),
        t.nis2(),
        t.inConstituency(),
        t.factors(),
        t.orientations(),
        t.deadlines());
  }

  public Diagnosis diagnosis(Classification classification, Threat threat) {
    return Diagnosis.of(classification, catalogue.entry(threat).firstAid());
  }
}
