package fr.vigie.triage;

import fr.vigie.tickets.Classification;
import fr.vigie.tickets.Criticality;
import fr.vigie.tickets.Deadline;
import fr.vigie.tickets.ImpactLevel;
import fr.vigie.tickets.Orientation;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.TicketStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What a report means, as told to the victim (DESIGN.md §10): the answer of {@code POST
 * /api/v1/intake/diagnosis}, and the body of a report's receipt without its reference and token.
 */
@Serdeable
public record Diagnosis(
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

  /** The same diagnosis for a ticket whose status has moved on (an idempotent replay). */
  public Diagnosis withStatus(TicketStatus current) {
    return new Diagnosis(
        current,
        kind,
        severity,
        impact,
        criticality,
        rsit,
        inConstituency,
        factors,
        orientations,
        deadlines,
        firstAid);
  }

  public static Diagnosis of(Classification c, List<FirstAid> firstAid) {
    return new Diagnosis(
        c.initialStatus(),
        c.kind(),
        c.severity(),
        c.impact(),
        c.criticality(),
        new Rsit(c.rsitClass(), c.rsitType()),
        c.inConstituency(),
        c.factors(),
        c.orientations(),
        c.deadlines(),
        firstAid);
  }
}
