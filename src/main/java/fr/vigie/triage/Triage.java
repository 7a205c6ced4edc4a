package fr.vigie.triage;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The outcome of triage (DESIGN.md §5, §6 first paragraph, DOMAIN.md §5): what it is, how bad, for
 * whom, where else to turn, which legal clocks run, and the factors that explain each step.
 */
@Serdeable
public record Triage(
    TicketKind kind,
    Severity severity,
    ImpactLevel impact,
    Criticality criticality,
    Nis2Assessment nis2,
    boolean inConstituency,
    List<String> factors,
    List<Orientation> orientations,
    List<Deadline> deadlines) {}
