package fr.vigie.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.clocks.ClockRules.Computed;
import fr.vigie.clocks.ClockRules.Event;
import fr.vigie.clocks.ClockRules.History;
import fr.vigie.clocks.ClockRules.LegalClock;
import fr.vigie.clocks.ClockRules.Phase;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The clocks computed from a ticket's history, on the default targets of DESIGN.md §7 and the Paris
 * business calendar (Mon–Fri 09:00–18:00). Every expected time is worked out by hand in the comment
 * next to it.
 */
class ClockRulesTest {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final ClockRules RULES = new ClockRules(BusinessCalendar.standard(), targets());

  static java.util.function.Function<Severity, Map<String, Target>> targets() {
    Map<Severity, Map<String, Target>> table = new EnumMap<>(Severity.class);
    SlaTargets.DEFAULTS.forEach(
        (severity, row) -> {
          Map<String, Target> parsed = new HashMap<>();
          row.forEach((code, text) -> parsed.put(code, Target.parse(text)));
          table.put(severity, parsed);
        });
    return table::get;
  }

  static Instant at(String paris) {
    return OffsetDateTime.parse(paris).toInstant();
  }

  /** A ticket's history, built event by event as the desk records them. */
  static final class Ticket {
    final Instant created;
    Severity severity;
    TicketStatus status;
    boolean alsaceMoselle;
    final List<Event> events = new ArrayList<>();

    Ticket(String created, Severity severity) {
      this.created = at(created);
      this.severity = severity;
      this.status = TicketStatus.NEW;
      events.add(
          new Event(
              this.created,
              "victim",
              "REPORT_RECEIVED",
              Map.of("status", "NEW", "severity", severity.name())));
    }

    Ticket to(String when, TicketStatus to) {
      events.add(
          new Event(
              at(when),
              "analyst",
              "STATUS_CHANGED",
              Map.of("from", status.name(), "to", to.name())));
      status = to;
      return this;
    }

    Ticket severity(String when, Severity s) {
      events.add(new Event(at(when), "analyst", "TRIAGE_OVERRIDDEN", Map.of("severity", s.name())));
      severity = s;
      return this;
    }

    Ticket call(String recorded, String tookPlace) {
      events.add(
          new Event(at(recorded), "analyst", "CALL", Map.of("at", at(tookPlace).toString())));
      return this;
    }

    Ticket event(String when, String type, Map<String, String> details) {
      events.add(new Event(at(when), "analyst", type, details));
      return this;
    }

    History history() {
      return new History(created, status, severity, alsaceMoselle, List.copyOf(events));
    }

    Computed sla(String code) {
      return RULES.sla(history()).stream()
          .filter(c -> c.code().equals(code))
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void aP2ReportOnFridayEveningIsDueOnMondayMorning() {
    // 2 business hours from Friday 17:00: one hour on Friday, one on Monday from 09:00.
    var clock = new Ticket("2026-11-20T17:00+01:00", Severity.P2).sla("FIRST_CONTACT");
    assertThat(clock.phase()).isEqualTo(Phase.RUNNING);
    assertThat(clock.target()).isEqualTo("2bh");
    assertThat(clock.dueAt()).isEqualTo(at("2026-11-23T10:00+01:00"));
    // 75 % = 1 h 30: the hour of Friday, then 30 minutes on Monday.
    assertThat(clock.warnAt()).isEqualTo(at("2026-11-23T09:30+01:00"));
  }

  @Test
  void p1RunsOnTheWallClockThroughNightsWeekendsAndTheClockChange() {
    // Saturday 24 October 2026 12:00 (+02:00); France goes back to +01:00 on Sunday the 25th.
    var ticket = new Ticket("2026-10-24T12:00+02:00", Severity.P1);
    assertThat(ticket.sla("FIRST_CONTACT").dueAt()).isEqualTo(at("2026-10-24T12:30+02:00"));
    assertThat(ticket.sla("QUALIFICATION").dueAt()).isEqualTo(at("2026-10-24T14:00+02:00"));
    // Five days of 24 h: 120 h later, which the local clock shows as 11:00 after the change.
    assertThat(ticket.sla("RESOLUTION").dueAt()).isEqualTo(at("2026-10-29T11:00+01:00"));
  }

  @Test
  void waitingOnTheVictimPausesAndResumingContinuesWhereItStopped() {
    // P3: first contact within 1 business day (9 business hours).
    var ticket =
        new Ticket("2026-11-16T10:00+01:00", Severity.P3)
            .to("2026-11-16T11:00+01:00", TicketStatus.QUALIFIED)
            .to("2026-11-16T12:00+01:00", TicketStatus.WAITING_ON_VICTIM);
    var paused = ticket.sla("FIRST_CONTACT");
    assertThat(paused.phase()).isEqualTo(Phase.PAUSED);
    assertThat(paused.dueAt()).isNull();

    ticket.to("2026-11-17T14:00+01:00", TicketStatus.QUALIFIED);
    var resumed = ticket.sla("FIRST_CONTACT");
    // Consumed 10:00–12:00 on Monday (2 h); 7 h left from Tuesday 14:00: 4 h on Tuesday, 3 h on
    // Wednesday from 09:00.
    assertThat(resumed.phase()).isEqualTo(Phase.RUNNING);
    assertThat(resumed.dueAt()).isEqualTo(at("2026-11-18T12:00+01:00"));
    // The pause lasted from Monday 12:00 to Tuesday 14:00: 26 h on the wall clock.
    assertThat(resumed.pausedMs()).isEqualTo(26L * 3_600_000);
    // Resolution (20 business days) moved by the business hours of the pause (12:00–18:00 on
    // Monday, 09:00–14:00 on Tuesday = 11 h) — compare with a ticket that never waited.
    var neverWaited =
        new Ticket("2026-11-16T10:00+01:00", Severity.P3)
            .to("2026-11-16T11:00+01:00", TicketStatus.QUALIFIED)
            .sla("RESOLUTION");
    assertThat(
            BusinessCalendar.standard()
                .businessTimeBetween(neverWaited.dueAt(), ticket.sla("RESOLUTION").dueAt(), false))
        .hasHours(11);
  }

  @Test
  void aSeverityChangeRetargetsRunningClocksFromTheirStart() {
    var ticket = new Ticket("2026-11-16T10:00+01:00", Severity.P3);
    assertThat(ticket.sla("FIRST_CONTACT").dueAt()).isEqualTo(at("2026-11-17T10:00+01:00"));
    ticket.severity("2026-11-16T10:10+01:00", Severity.P1);
    // Now 30 minutes on the wall clock from the report, not from the change.
    assertThat(ticket.sla("FIRST_CONTACT").target()).isEqualTo("30m");
    assertThat(ticket.sla("FIRST_CONTACT").dueAt()).isEqualTo(at("2026-11-16T10:30+01:00"));
    ticket.severity("2026-11-16T10:20+01:00", Severity.P4);
    // Back down: 3 business days from Monday 10:00 is Thursday 10:00.
    assertThat(ticket.sla("FIRST_CONTACT").dueAt()).isEqualTo(at("2026-11-19T10:00+01:00"));
  }

  @Test
  void correctedFactsSetTheSeverityInForceFromTheirTimeAsAnOverrideDoes() {
    // An e-mailed report (P3 on unknowns) qualified at 10:10 as a commune's ransomware (P1), the
    // victim called back at 11:00, then an analyst lowers the severity to P4 at 16:00.
    var ticket =
        new Ticket("2026-11-16T10:00+01:00", Severity.P3)
            .event(
                "2026-11-16T10:10+01:00",
                "FACTS_CORRECTED",
                Map.of("severity", "P1", "reason", "Rançongiciel, état civil à l'arrêt"))
            .call("2026-11-16T11:05+01:00", "2026-11-16T11:00+01:00")
            .severity("2026-11-16T16:00+01:00", Severity.P4);
    var contact = ticket.sla("FIRST_CONTACT");
    // Met under P1 (30 minutes from the report): late, whatever P3 or P4 would have allowed.
    assertThat(contact.target()).isEqualTo("30m");
    assertThat(contact.phase()).isEqualTo(Phase.BREACHED);
  }

  @Test
  void aClockMetKeepsTheTargetInForceWhenItWasMet() {
    var ticket =
        new Ticket("2026-11-16T10:00+01:00", Severity.P3)
            .call("2026-11-16T15:05+01:00", "2026-11-16T15:00+01:00")
            .severity("2026-11-16T16:00+01:00", Severity.P1);
    var contact = ticket.sla("FIRST_CONTACT");
    assertThat(contact.phase()).isEqualTo(Phase.MET);
    assertThat(contact.target()).isEqualTo("1bd");
    // Met when the call took place, not when it was written down.
    assertThat(contact.completedAt()).isEqualTo(at("2026-11-16T15:00+01:00"));
    // The qualification clock still runs and follows the new severity: 2 h from the report.
    assertThat(ticket.sla("QUALIFICATION").dueAt()).isEqualTo(at("2026-11-16T12:00+01:00"));
  }

  @Test
  void aLateContactIsABreachAndAnEndedTicketStopsWhatItDidNotMeet() {
    var late =
        new Ticket("2026-11-16T10:00+01:00", Severity.P2)
            .call("2026-11-16T13:00+01:00", "2026-11-16T12:30+01:00")
            .sla("FIRST_CONTACT");
    assertThat(late.phase()).isEqualTo(Phase.BREACHED);
    assertThat(late.completedAt()).isEqualTo(at("2026-11-16T12:30+01:00"));

    var rejected =
        new Ticket("2026-11-16T10:00+01:00", Severity.P2)
            .to("2026-11-16T10:30+01:00", TicketStatus.REJECTED);
    assertThat(rejected.sla("FIRST_CONTACT").phase()).isEqualTo(Phase.NOT_APPLICABLE);
    assertThat(rejected.sla("FIRST_CONTACT").completedAt()).isNull();
    assertThat(rejected.sla("FIRST_CONTACT").endedAt()).isEqualTo(at("2026-11-16T10:30+01:00"));
    // Rejecting a report is a qualification decision.
    assertThat(rejected.sla("QUALIFICATION").phase()).isEqualTo(Phase.MET);

    var orientedLate =
        new Ticket("2026-11-16T10:00+01:00", Severity.P2)
            .to("2026-11-17T10:30+01:00", TicketStatus.ORIENTED);
    assertThat(orientedLate.sla("FIRST_CONTACT").phase()).isEqualTo(Phase.BREACHED);
    assertThat(orientedLate.sla("FIRST_CONTACT").completedAt()).isNull();
  }

  @Test
  void resolutionCountsNothingWhileResolvedAndRunsAgainWhenReopened() {
    var ticket =
        new Ticket("2026-11-16T09:00+01:00", Severity.P2)
            .to("2026-11-16T10:00+01:00", TicketStatus.QUALIFIED)
            .to("2026-11-16T11:00+01:00", TicketStatus.IN_PROGRESS)
            .to("2026-11-17T09:00+01:00", TicketStatus.RESOLVED);
    var resolved = ticket.sla("RESOLUTION");
    assertThat(resolved.phase()).isEqualTo(Phase.MET);
    assertThat(resolved.completedAt()).isEqualTo(at("2026-11-17T09:00+01:00"));

    ticket.to("2026-11-19T09:00+01:00", TicketStatus.IN_PROGRESS);
    var reopened = ticket.sla("RESOLUTION");
    assertThat(reopened.phase()).isEqualTo(Phase.RUNNING);
    assertThat(reopened.completedAt()).isNull();
    // 10 business days = 90 h. Consumed Monday 09:00–18:00 (9 h); resolved Tuesday 09:00 → the
    // two days resolved count nothing; 81 h left from Thursday 19 November 09:00 = 9 full days:
    // Thu 19, Fri 20, Mon 23 … Fri 27, Mon 30, Tue 1 December 18:00.
    assertThat(reopened.dueAt()).isEqualTo(at("2026-12-01T18:00+01:00"));
  }

  @Test
  void alsaceMoselleVictimsDoNotCountGoodFriday() {
    var ticket = new Ticket("2026-04-02T17:00+02:00", Severity.P2);
    assertThat(ticket.sla("FIRST_CONTACT").dueAt()).isEqualTo(at("2026-04-03T10:00+02:00"));
    ticket.alsaceMoselle = true;
    // Good Friday (3 April) and Easter Monday (6 April) closed: Tuesday 7 April 10:00.
    assertThat(ticket.sla("FIRST_CONTACT").dueAt()).isEqualTo(at("2026-04-07T10:00+02:00"));
  }

  @Test
  void theFollowUpCallIsDueFiveBusinessDaysAfterTheReferralIsAccepted() {
    var ticket =
        new Ticket("2026-11-16T09:00+01:00", Severity.P2)
            .to("2026-11-16T10:00+01:00", TicketStatus.QUALIFIED)
            .to("2026-11-16T10:30+01:00", TicketStatus.REFERRED);
    assertThat(RULES.sla(ticket.history())).extracting(Computed::code).doesNotContain("FOLLOW_UP");
    ticket.event("2026-11-18T14:00+01:00", "REFERRAL_ACCEPTED", Map.of());
    var followUp = ticket.sla("FOLLOW_UP");
    assertThat(followUp.startedAt()).isEqualTo(at("2026-11-18T14:00+01:00"));
    // Wednesday 14:00 + 5 business days (45 h) = Wednesday 25 November 14:00.
    assertThat(followUp.dueAt()).isEqualTo(at("2026-11-25T14:00+01:00"));
    // A call before the acceptance does not count; one after it does.
    ticket.call("2026-11-24T11:00+01:00", "2026-11-24T11:00+01:00");
    assertThat(ticket.sla("FOLLOW_UP").phase()).isEqualTo(Phase.MET);
  }

  @Test
  void replayingTheWholeHistoryGivesWhatEachStepGave() {
    // Computing after each event (as the desk does) and once over the final history agree.
    var ticket = new Ticket("2026-11-20T16:00+01:00", Severity.P3);
    List<Runnable> steps =
        List.of(
            () -> ticket.to("2026-11-20T17:00+01:00", TicketStatus.QUALIFIED),
            () -> ticket.severity("2026-11-20T17:30+01:00", Severity.P2),
            () -> ticket.to("2026-11-23T09:15+01:00", TicketStatus.WAITING_ON_VICTIM),
            () -> ticket.to("2026-11-24T16:00+01:00", TicketStatus.QUALIFIED),
            () -> ticket.to("2026-11-24T16:05+01:00", TicketStatus.IN_PROGRESS));
    List<Computed> incremental = null;
    for (Runnable step : steps) {
      step.run();
      incremental = RULES.sla(ticket.history());
    }
    var replay = new Ticket("2026-11-20T16:00+01:00", Severity.P3);
    replay.events.clear();
    replay.events.addAll(ticket.events);
    replay.severity = ticket.severity;
    replay.status = ticket.status;
    assertThat(RULES.sla(replay.history())).isEqualTo(incremental);
    // P2 resolution (10 business days = 90 h): Friday 16:00–18:00 (2 h), Monday 09:00–09:15
    // (0.25 h), paused until Tuesday 16:00, then 87.75 h from Tuesday 16:00: 2 h on Tuesday,
    // 85.75 h = 9 days (81 h) + 4.75 h: Wed 25 … Mon 7 December 18:00, then Tuesday 8 December
    // 09:00 + 4 h 45 = 13:45.
    assertThat(replay.sla("RESOLUTION").dueAt()).isEqualTo(at("2026-12-08T13:45+01:00"));
  }

  @Test
  void theNis2FinalReportIsDueOneMonthAfterTheNotificationWasFiled() {
    Instant aware = at("2026-11-20T07:45+01:00");
    var legal =
        List.of(
            new LegalClock("NIS2_NOTIFICATION_72H", aware, aware.plusSeconds(72 * 3600)),
            new LegalClock("NIS2_FINAL_REPORT_1M", aware, at("2026-12-23T07:45+01:00")));
    var ticket = new Ticket("2026-11-20T09:00+01:00", Severity.P1);
    var open = RULES.regulatory(ticket.history(), legal, PARIS);
    assertThat(open).extracting(Computed::phase).containsOnly(Phase.OPEN);
    assertThat(open.get(1).dueAt()).isEqualTo(at("2026-12-23T07:45+01:00"));

    ticket.event(
        "2026-11-21T10:00+01:00",
        "CLOCK_COMPLETED",
        Map.of(
            "code", "NIS2_NOTIFICATION_72H",
            "at", at("2026-11-21T09:30+01:00").toString(),
            "reference", "ANSSI-2026-123"));
    var filed = RULES.regulatory(ticket.history(), legal, PARIS);
    assertThat(filed.get(0).phase()).isEqualTo(Phase.DONE);
    assertThat(filed.get(0).completedAt()).isEqualTo(at("2026-11-21T09:30+01:00"));
    assertThat(filed.get(0).details()).containsEntry("reference", "ANSSI-2026-123");
    // One month after the filing, not after the legal deadline.
    assertThat(filed.get(1).dueAt()).isEqualTo(at("2026-12-21T09:30+01:00"));
    assertThat(filed.get(1).phase()).isEqualTo(Phase.OPEN);
  }

  @Test
  void aRejectedTicketsLegalClocksNoLongerApply() {
    Instant aware = at("2026-11-20T07:45+01:00");
    var legal = List.of(new LegalClock("GDPR_CNIL_72H", aware, aware.plusSeconds(72 * 3600)));
    var ticket =
        new Ticket("2026-11-20T09:00+01:00", Severity.P3)
            .to("2026-11-20T09:30+01:00", TicketStatus.REJECTED);
    var clock = RULES.regulatory(ticket.history(), legal, PARIS).get(0);
    assertThat(clock.phase()).isEqualTo(Phase.NOT_APPLICABLE);
    assertThat(clock.endedAt()).isEqualTo(at("2026-11-20T09:30+01:00"));
  }
}
