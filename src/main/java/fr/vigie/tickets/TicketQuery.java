package fr.vigie.tickets;

import fr.vigie.http.Page;
import io.micronaut.core.annotation.Nullable;
import java.util.EnumSet;
import java.util.Set;

/**
 * Filters and order of the analysts' queue. Without a status filter the queue shows open tickets
 * only (not CLOSED, REJECTED, MERGED, ORIENTED): what still needs someone.
 */
public record TicketQuery(
    Set<TicketStatus> statuses,
    @Nullable Severity severity,
    @Nullable TicketKind kind,
    @Nullable String assignee,
    boolean unassigned,
    @Nullable String departement,
    @Nullable Threat threat,
    @Nullable String text,
    Sort sort,
    Page.Request page) {

  public static final Set<TicketStatus> OPEN =
      EnumSet.of(
          TicketStatus.NEW,
          TicketStatus.QUALIFIED,
          TicketStatus.REFERRED,
          TicketStatus.IN_PROGRESS,
          TicketStatus.WAITING_ON_VICTIM,
          TicketStatus.RESOLVED);

  /** {@code due}: earliest running clock, then severity, then oldest; {@code created}: newest. */
  public enum Sort {
    DUE,
    CREATED,
    SEVERITY
  }
}
