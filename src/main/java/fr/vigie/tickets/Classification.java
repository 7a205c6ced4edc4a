package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A ticket's classification as triage computed it (DESIGN.md §5): stored with the ticket at intake,
 * shown to the victim and to analysts, never recomputed behind their back.
 */
@Serdeable
public record Classification(
    TicketKind kind,
    Severity severity,
    ImpactLevel impact,
    Criticality criticality,
    String rsitClass,
    String rsitType,
    Nis2Assessment nis2,
    boolean inConstituency,
    List<String> factors,
    List<Orientation> orientations,
    List<Deadline> deadlines) {

  /** Status of a new ticket: out-of-constituency victims are oriented, never dropped. */
  public TicketStatus initialStatus() {
    return inConstituency ? TicketStatus.NEW : TicketStatus.ORIENTED;
  }

  /** An analyst's change of severity, class or kind, with its mandatory reason. */
  @Serdeable
  public record Override(
      @Nullable Severity severity,
      @Nullable TicketKind kind,
      @Nullable String rsitClass,
      @Nullable String rsitType,
      String reason,
      String by,
      java.time.Instant at) {}
}
