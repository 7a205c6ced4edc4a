package fr.vigie.tickets;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The ticket life cycle of DESIGN.md §10 as a table: {@code NEW → QUALIFIED → REFERRED →
 * IN_PROGRESS → RESOLVED → CLOSED}, with {@code WAITING_ON_VICTIM} (from QUALIFIED, REFERRED or
 * IN_PROGRESS, and back to where it was), {@code ORIENTED}, {@code REJECTED}, {@code MERGED}, and a
 * reopening of a CLOSED ticket within 90 days. Pure code; the caller supplies the facts.
 *
 * <p>Where the design is silent: a QUALIFIED ticket the CSIRT handles itself goes straight to
 * IN_PROGRESS; a REFERRED ticket whose referral fell through goes back to QUALIFIED; a RESOLVED
 * ticket can be reopened (IN_PROGRESS) before it is closed; an ORIENTED ticket is closed, or taken
 * back (QUALIFIED) if the analyst finds it is in constituency after all.
 */
public final class Lifecycle {

  public static final Duration REOPEN_WINDOW = Duration.ofDays(90);

  private static final Map<TicketStatus, Set<TicketStatus>> NEXT =
      new EnumMap<>(TicketStatus.class);

  static {
    NEXT.put(
        TicketStatus.NEW,
        EnumSet.of(
            TicketStatus.QUALIFIED,
            TicketStatus.ORIENTED,
            TicketStatus.REJECTED,
            TicketStatus.MERGED));
    NEXT.put(
        TicketStatus.QUALIFIED,
        EnumSet.of(
            TicketStatus.REFERRED,
            TicketStatus.IN_PROGRESS,
            TicketStatus.WAITING_ON_VICTIM,
            TicketStatus.ORIENTED,
            TicketStatus.REJECTED,
            TicketStatus.MERGED));
    NEXT.put(
        TicketStatus.REFERRED,
        EnumSet.of(
            TicketStatus.IN_PROGRESS,
            TicketStatus.WAITING_ON_VICTIM,
            TicketStatus.QUALIFIED,
            TicketStatus.MERGED));
    NEXT.put(
        TicketStatus.IN_PROGRESS,
        EnumSet.of(TicketStatus.RESOLVED, TicketStatus.WAITING_ON_VICTIM, TicketStatus.MERGED));
    NEXT.put(TicketStatus.RESOLVED, EnumSet.of(TicketStatus.CLOSED, TicketStatus.IN_PROGRESS));
    NEXT.put(TicketStatus.CLOSED, EnumSet.of(TicketStatus.IN_PROGRESS));
    NEXT.put(
        TicketStatus.ORIENTED,
        EnumSet.of(TicketStatus.CLOSED, TicketStatus.QUALIFIED, TicketStatus.MERGED));
    NEXT.put(TicketStatus.REJECTED, EnumSet.noneOf(TicketStatus.class));
    NEXT.put(TicketStatus.MERGED, EnumSet.noneOf(TicketStatus.class));
    // WAITING_ON_VICTIM goes back to the status it came from: see allowed().
    NEXT.put(TicketStatus.WAITING_ON_VICTIM, EnumSet.of(TicketStatus.MERGED));
  }

  private Lifecycle() {}

  /**
   * The statuses reachable from {@code current}. {@code resumeTo} is where a waiting ticket goes
   * back to; {@code closedAt} dates a closed ticket for the reopening window.
   */
  public static Set<TicketStatus> allowed(
      TicketStatus current, TicketStatus resumeTo, Instant closedAt, Instant now) {
    EnumSet<TicketStatus> next = EnumSet.noneOf(TicketStatus.class);
    next.addAll(NEXT.get(current));
    if (current == TicketStatus.WAITING_ON_VICTIM && resumeTo != null) {
      next.add(resumeTo);
    }
    if (current == TicketStatus.CLOSED
        && (closedAt == null || closedAt.plus(REOPEN_WINDOW).isBefore(now))) {
      next.remove(TicketStatus.IN_PROGRESS);
    }
    return next;
  }

  /** Statuses that stop SLA clocks from running (DESIGN.md §7). */
  public static boolean pausesSla(TicketStatus status) {
    return status == TicketStatus.WAITING_ON_VICTIM;
  }
}
