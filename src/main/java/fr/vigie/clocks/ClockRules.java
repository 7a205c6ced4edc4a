package fr.vigie.clocks;

import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Computes every clock of a ticket from its history (DESIGN.md §7): the due time is never patched
 * in place, it is replayed from the events each time one is recorded. Pure code: the caller gives
 * the history, the targets and the calendar.
 *
 * <p>SLA clocks, and what meets them:
 *
 * <ul>
 *   <li>{@code FIRST_CONTACT}: from creation, met by the first call ({@code CALL}, at the time the
 *       call took place) or message to the victim.
 *   <li>{@code QUALIFICATION}: from creation, met when the ticket leaves {@code NEW} for {@code
 *       QUALIFIED}; an analyst who orients or rejects the ticket has qualified it too. Merged away
 *       while still new: not applicable.
 *   <li>{@code RESOLUTION}: from creation, met when the ticket is {@code RESOLVED} (or closed); a
 *       reopened ticket runs again from where it stopped, and the time it spent resolved is not
 *       counted.
 *   <li>{@code FOLLOW_UP}: from the last {@code REFERRAL_ACCEPTED}, met by a call made after it.
 * </ul>
 *
 * <p>{@code WAITING_ON_VICTIM} pauses every SLA clock. A ticket that ends (resolved, closed,
 * oriented, rejected, merged) stops the clocks it has not met: {@code BREACHED} if the due time had
 * already passed, else {@code NOT_APPLICABLE}. A clock met after its due time is {@code BREACHED}
 * with its {@code completedAt}. The target of a running clock is the one of the ticket's current
 * severity, counted from the clock's start (a severity change re-targets it); an ended clock keeps
 * the target of the severity in force when it ended.
 *
 * <p>Regulatory clocks (created by triage) never pause: {@code OPEN} until the analyst records the
 * filing ({@code CLOCK_COMPLETED} → {@code DONE}) or that it does not apply ({@code
 * CLOCK_NOT_APPLICABLE}); a rejected or merged ticket's open legal clocks no longer apply. The NIS2
 * final report is due one month after the 72 h notification was actually filed.
 */
public final class ClockRules {

  public static final List<String> SLA_CODES =
      List.of("FIRST_CONTACT", "QUALIFICATION", "RESOLUTION", "FOLLOW_UP");

  /** An event of the ticket's timeline, with the detail fields the clocks read. */
  public record Event(Instant at, String actor, String type, Map<String, String> details) {
    String detail(String key) {
      return details.get(key);
    }
  }

  /** What the clocks need of a ticket: its start, current facts and history (oldest first). */
  public record History(
      Instant createdAt,
      TicketStatus status,
      Severity severity,
      boolean alsaceMoselle,
      List<Event> events) {}

  /** A regulatory clock as triage created it: its code, start (awareness) and legal due time. */
  public record LegalClock(String code, Instant startedAt, Instant dueAt) {}

  public enum Phase {
    RUNNING,
    PAUSED,
    MET,
    BREACHED,
    NOT_APPLICABLE,
    OPEN,
    DONE
  }

  /**
   * A computed clock. {@code dueAt} and {@code warnAt} (75 % of the target) are null while paused;
   * {@code endedAt} is when it stopped counting (null while it runs), {@code completedAt} when it
   * was met or done.
   */
  public record Computed(
      String code,
      String kind,
      String target,
      Instant startedAt,
      Instant dueAt,
      Instant warnAt,
      long pausedMs,
      Phase phase,
      Instant completedAt,
      Instant endedAt,
      Map<String, String> details) {

    public boolean live() {
      return endedAt == null;
    }
  }

  private enum Mode {
    ACTIVE,
    PAUSED,
    STOPPED
  }

  private static final Set<TicketStatus> WORKING =
      EnumSet.of(
          TicketStatus.NEW,
          TicketStatus.QUALIFIED,
          TicketStatus.REFERRED,
          TicketStatus.IN_PROGRESS);
  private static final Set<TicketStatus> RESOLVED =
      EnumSet.of(TicketStatus.RESOLVED, TicketStatus.CLOSED);
  private static final Set<TicketStatus> QUALIFYING =
      EnumSet.of(TicketStatus.QUALIFIED, TicketStatus.ORIENTED, TicketStatus.REJECTED);

  private final BusinessCalendar calendar;
  private final Function<Severity, Map<String, Target>> targets;

  /** {@code targets} gives, for a severity, the target of each SLA code. */
  public ClockRules(BusinessCalendar calendar, Function<Severity, Map<String, Target>> targets) {
    this.calendar = calendar;
    this.targets = targets;
  }

  /** Every SLA clock the history gives rise to (FOLLOW_UP only once a referral was accepted). */
  public List<Computed> sla(History history) {
    List<Interval> statuses = statuses(history);
    List<Interval> severities = severities(history);
    List<Computed> clocks = new ArrayList<>();
    clocks.add(
        clock(
            "FIRST_CONTACT",
            history,
            statuses,
            severities,
            history.createdAt(),
            firstContact(history, history.createdAt()),
            s -> WORKING.contains(s) ? Mode.ACTIVE : pausedOrStopped(s)));
    clocks.add(
        clock(
            "QUALIFICATION",
            history,
            statuses,
            severities,
            history.createdAt(),
            qualified(history),
            s -> s == TicketStatus.NEW ? Mode.ACTIVE : Mode.STOPPED));
    clocks.add(
        clock(
            "RESOLUTION",
            history,
            statuses,
            severities,
            history.createdAt(),
            RESOLVED.contains(history.status()) ? last(statuses).from : null,
            s -> WORKING.contains(s) ? Mode.ACTIVE : pausedOrStopped(s)));
    Instant accepted = null;
    for (Event e : history.events()) {
      if (e.type().equals("REFERRAL_ACCEPTED")) {
        accepted = e.at();
      }
    }
    if (accepted != null) {
      clocks.add(
          clock(
              "FOLLOW_UP",
              history,
              statuses,
              severities,
              accepted,
              call(history, accepted),
              s -> WORKING.contains(s) ? Mode.ACTIVE : pausedOrStopped(s)));
    }
    return clocks;
  }

  /** The regulatory clocks' states from the recorded filings (DESIGN.md §7, DOMAIN.md §5). */
  public List<Computed> regulatory(History history, List<LegalClock> legal, ZoneId zone) {
    Instant notified72h = null;
    for (Event e : history.events()) {
      if (e.type().equals("CLOCK_COMPLETED")
          && "NIS2_NOTIFICATION_72H".equals(e.detail("code"))
          && e.detail("at") != null) {
        notified72h = Instant.parse(e.detail("at"));
      }
    }
    Instant notificationDue =
        legal.stream()
            .filter(l -> l.code().equals("NIS2_NOTIFICATION_72H"))
            .map(LegalClock::dueAt)
            .findFirst()
            .orElse(null);
    Instant ended = endedWithoutWork(history);
    List<Computed> clocks = new ArrayList<>();
    for (LegalClock l : legal) {
      Instant due = l.dueAt();
      if (l.code().equals("NIS2_FINAL_REPORT_1M")) {
        Instant from = notified72h != null ? notified72h : notificationDue;
        if (from != null) {
          due = from.atZone(zone).plusMonths(1).toInstant();
        }
      }
      Instant warn =
          l.startedAt().plus(Duration.between(l.startedAt(), due).multipliedBy(3).dividedBy(4));
      Event filing = null;
      for (Event e : history.events()) {
        if ((e.type().equals("CLOCK_COMPLETED") || e.type().equals("CLOCK_NOT_APPLICABLE"))
            && l.code().equals(e.detail("code"))) {
          filing = e;
        }
      }
      Phase phase;
      Instant completed;
      Instant endedAt;
      Map<String, String> details;
      if (filing != null && filing.type().equals("CLOCK_COMPLETED")) {
        phase = Phase.DONE;
        completed = Instant.parse(filing.detail("at"));
        endedAt = filing.at();
        details =
            details(
                "by", filing.actor(),
                "reference", filing.detail("reference"),
                "note", filing.detail("note"));
      } else if (filing != null) {
        phase = Phase.NOT_APPLICABLE;
        completed = filing.at();
        endedAt = filing.at();
        details = details("by", filing.actor(), "reason", filing.detail("reason"));
      } else if (ended != null) {
        phase = Phase.NOT_APPLICABLE;
        completed = ended;
        endedAt = ended;
        details =
            details("reason", "the ticket was " + history.status().name().toLowerCase() + ".");
      } else {
        phase = Phase.OPEN;
        completed = null;
        endedAt = null;
        details = Map.of();
      }
      clocks.add(
          new Computed(
              l.code(),
              "REGULATORY",
              null,
              l.startedAt(),
              due,
              warn,
              0,
              phase,
              completed,
              endedAt,
              details));
    }
    return clocks;
  }

  private static Map<String, String> details(String... pairs) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        map.put(pairs[i], pairs[i + 1]);
      }
    }
    return map;
  }

  /** When a rejected or merged ticket ended: its legal clocks no longer concern the desk. */
  private static Instant endedWithoutWork(History history) {
    if (history.status() != TicketStatus.REJECTED && history.status() != TicketStatus.MERGED) {
      return null;
    }
    Instant at = history.createdAt();
    for (Event e : history.events()) {
      if (e.type().equals("STATUS_CHANGED") || e.type().equals("MERGED_INTO")) {
        at = e.at();
      }
    }
    return at;
  }

  private static Mode pausedOrStopped(TicketStatus s) {
    return s == TicketStatus.WAITING_ON_VICTIM ? Mode.PAUSED : Mode.STOPPED;
  }

  /** A stretch of time from {@code from} with one status or severity, until the next one. */
  private record Interval(Instant from, Object value) {}

  private static Interval last(List<Interval> intervals) {
    return intervals.get(intervals.size() - 1);
  }

  private static List<Interval> statuses(History history) {
    List<Interval> out = new ArrayList<>();
    TicketStatus initial = TicketStatus.NEW;
    for (Event e : history.events()) {
      if (e.type().equals("REPORT_RECEIVED") && e.detail("status") != null) {
        initial = TicketStatus.valueOf(e.detail("status"));
      }
    }
    out.add(new Interval(history.createdAt(), initial));
    for (Event e : history.events()) {
      if (e.type().equals("STATUS_CHANGED") && e.detail("to") != null) {
        out.add(new Interval(e.at(), TicketStatus.valueOf(e.detail("to"))));
      } else if (e.type().equals("MERGED_INTO")) {
        out.add(new Interval(e.at(), TicketStatus.MERGED));
      }
    }
    // The ticket row is the authority on where it stands now.
    if (last(out).value() != history.status()) {
      out.add(new Interval(last(out).from(), history.status()));
    }
    return out;
  }

  private static List<Interval> severities(History history) {
    List<Interval> out = new ArrayList<>();
    for (Event e : history.events()) {
      String s = e.detail("severity");
      if (s != null
          && Set.of("REPORT_RECEIVED", "TRIAGE_OVERRIDDEN", "PROMOTED", "FACTS_CORRECTED")
              .contains(e.type())) {
        out.add(new Interval(e.at(), Severity.valueOf(s)));
      }
    }
    Severity now = history.severity() != null ? history.severity() : Severity.P4;
    if (out.isEmpty()) {
      out.add(new Interval(history.createdAt(), now));
    } else if (last(out).value() != now) {
      out.add(new Interval(last(out).from(), now));
    }
    return out;
  }

  private static Severity severityAt(List<Interval> severities, Instant at) {
    Severity s = (Severity) severities.get(0).value();
    for (Interval i : severities) {
      if (!i.from().isAfter(at)) {
        s = (Severity) i.value();
      }
    }
    return s;
  }

  private static Instant firstContact(History history, Instant start) {
    for (Event e : history.events()) {
      if (e.type().equals("MESSAGE_TO_VICTIM")) {
        return max(e.at(), start);
      }
      if (e.type().equals("CALL")) {
        return max(callTime(e), start);
      }
    }
    return null;
  }

  private static Instant call(History history, Instant after) {
    for (Event e : history.events()) {
      if (e.type().equals("CALL") && !e.at().isBefore(after) && !callTime(e).isBefore(after)) {
        return callTime(e);
      }
    }
    return null;
  }

  private static Instant callTime(Event call) {
    return call.detail("at") == null ? call.at() : Instant.parse(call.detail("at"));
  }

  private static Instant qualified(History history) {
    TicketStatus current = null;
    for (Event e : history.events()) {
      if (e.type().equals("REPORT_RECEIVED") && e.detail("status") != null) {
        current = TicketStatus.valueOf(e.detail("status"));
      }
      if (e.type().equals("STATUS_CHANGED") && e.detail("to") != null) {
        TicketStatus to = TicketStatus.valueOf(e.detail("to"));
        if (QUALIFYING.contains(to)
            && (current == null || current == TicketStatus.NEW)
            && "NEW".equals(e.detail("from"))) {
          return e.at();
        }
        current = to;
      }
    }
    return null;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private Computed clock(
      String code,
      History history,
      List<Interval> statuses,
      List<Interval> severities,
      Instant start,
      Instant met,
      Function<TicketStatus, Mode> modeOf) {
    // Where the clock stops counting: met, or the ticket ended (the status it is in now stops it).
    Instant stopped = null;
    if (met == null && modeOf.apply(history.status()) == Mode.STOPPED) {
      stopped = max(last(statuses).from(), start);
    }
    Instant end = met != null ? met : stopped;
    Severity severity =
        end == null ? severityAt(severities, Instant.MAX) : severityAt(severities, end);
    Target target = targets.apply(severity).get(code);
    Duration length = target.length(calendar);
    Duration warnLength = length.multipliedBy(3).dividedBy(4);

    Duration consumed = Duration.ZERO;
    Duration paused = Duration.ZERO;
    Instant due = null;
    Instant warn = null;
    Mode lastMode = Mode.ACTIVE;
    for (int i = 0; i < statuses.size() && (due == null); i++) {
      Instant from = max(statuses.get(i).from(), start);
      Instant to = i + 1 < statuses.size() ? statuses.get(i + 1).from() : null;
      if (to != null && !to.isAfter(from)) {
        continue;
      }
      if (end != null && !from.isBefore(end)) {
        break;
      }
      Instant until = to;
      if (end != null && (until == null || until.isAfter(end))) {
        until = end;
      }
      Mode mode = modeOf.apply((TicketStatus) statuses.get(i).value());
      lastMode = mode;
      if (mode == Mode.PAUSED) {
        paused = paused.plus(Duration.between(from, until == null ? from : until));
        continue;
      }
      if (mode == Mode.STOPPED) {
        continue;
      }
      Duration available =
          until == null ? null : target.measure(calendar, from, until, history.alsaceMoselle());
      if (warn == null
          && (available == null || consumed.plus(available).compareTo(warnLength) >= 0)) {
        warn =
            target.after(
                calendar, from, nonNegative(warnLength.minus(consumed)), history.alsaceMoselle());
      }
      if (available == null || consumed.plus(available).compareTo(length) >= 0) {
        due = target.after(calendar, from, length.minus(consumed), history.alsaceMoselle());
        break;
      }
      consumed = consumed.plus(available);
    }
    boolean pausedNow = end == null && due == null && lastMode == Mode.PAUSED;
    if (due == null && !pausedNow) {
      // Ended before the target ran out (or the status that stopped it is the last one): the due
      // time is where the rest of the target would have run out had it kept counting.
      Instant from = end != null ? end : last(statuses).from();
      warn =
          warn != null
              ? warn
              : target.after(
                  calendar, from, nonNegative(warnLength.minus(consumed)), history.alsaceMoselle());
      due = target.after(calendar, from, length.minus(consumed), history.alsaceMoselle());
    }
    Phase phase;
    if (met != null) {
      phase = met.isAfter(due) ? Phase.BREACHED : Phase.MET;
    } else if (stopped != null) {
      phase = due.isAfter(stopped) ? Phase.NOT_APPLICABLE : Phase.BREACHED;
    } else if (pausedNow) {
      phase = Phase.PAUSED;
    } else {
      phase = Phase.RUNNING;
    }
    return new Computed(
        code,
        "SLA",
        target.text(),
        start,
        pausedNow ? null : due,
        pausedNow ? null : warn,
        paused.toMillis(),
        phase,
        met,
        end,
        Map.of());
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
