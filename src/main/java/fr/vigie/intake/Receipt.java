package fr.vigie.intake;

import fr.vigie.tickets.Criticality;
import fr.vigie.tickets.Deadline;
import fr.vigie.tickets.ImpactLevel;
import fr.vigie.tickets.Orientation;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.triage.Diagnosis;
import fr.vigie.triage.FirstAid;
import fr.vigie.triage.Rsit;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What the victim gets back for a report (DESIGN.md §10): its reference, once the token to follow
 * it, and at once what it means and what to do now.
 */
@Serdeable
public record Receipt(
    String reference,
    String followUpToken,
    TicketStatus status,
    TicketKind kind,
    Severity severity,
    ImpactLevel impact,
    Criticality criticality,
    Rsit rsit,
    boolean inConstituency,
    List<String> factors,
    List<Orientation> orientations,
    List<Deadline> deadlines,
    List<FirstAid> firstAid) {

  static Receipt of(String reference, String token, TicketStatus status, Diagnosis d) {
    return new Receipt(
        reference,
        token,
        status,
        d.kind(),
        d.severity(),
        d.impact(),
        d.criticality(),
        d.rsit(),
        d.inConstituency(),
        d.factors(),
        d.orientations(),
        d.deadlines(),
        d.firstAid());
  }
}
