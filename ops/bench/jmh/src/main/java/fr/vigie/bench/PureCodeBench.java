package fr.vigie.bench;

import fr.vigie.clocks.BusinessCalendar;
import fr.vigie.routing.LabelKind;
import fr.vigie.routing.RoutingRules;
import fr.vigie.tickets.AffectedService;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.ServiceImpact;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.Locality;
import fr.vigie.triage.TriageEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pure code on the hot paths: triage of a report (every intake and diagnosis), the business
 * calendar (every clock computation) and a routing decision among a large directory.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PureCodeBench {

  static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

  TriageEngine triage;
  Victim mairie;
  Incident ransomware;
  Victim sme;
  Incident phishing;
  BusinessCalendar calendar;
  Instant fridayEvening;
  List<RoutingRules.Candidate> directory;
  RoutingRules.Case routingCase;

  @Setup
  public void setUp() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    triage = new TriageEngine(Set.of("53"), paris);
    mairie =
        new Victim(VictimType.COMMUNE, "Mairie", "212902126", "29212", "29", "53", 13_567, 45,
            Nis2Status.UNKNOWN, false, false, null, true, false);
    OffsetDateTime discovered = OffsetDateTime.parse("2026-11-20T07:45:00+01:00");
    ransomware =
        new Incident(Threat.RANSOMWARE, discovered, true, false, ServiceImpact.INTERRUPTED,
            List.of(AffectedService.CIVIL_STATUS, AffectedService.EMAIL),
            fr.vigie.tickets.Scope.SEVERAL_DEVICES, PersonalData.SUSPECTED, null, true, null,
            null, List.of());
    sme =
        new Victim(VictimType.ENTREPRISE, "SARL", "732829320", "29019", "29", "53", null, 12,
            Nis2Status.UNKNOWN, false, false, null, false, true);
    phishing =
        new Incident(Threat.PHISHING, discovered, false, false, ServiceImpact.NONE,
            List.of(AffectedService.EMAIL), fr.vigie.tickets.Scope.SINGLE_DEVICE,
            PersonalData.NO, false, false, null, null, List.of());
    calendar = BusinessCalendar.standard();
    fridayEvening = Instant.parse("2026-11-20T16:30:00Z");
    directory = new ArrayList<>();
    LabelKind[] kinds = LabelKind.values();
    String[] deps = {"22", "29", "35", "56"};
    for (int i = 0; i < 200; i++) {
      directory.add(
          new RoutingRules.Candidate(i, "Prestataire " + i, i % 10 != 0,
              Map.of(kinds[i % kinds.length], LocalDate.of(2027, 1, 1 + i % 28)),
              Set.of(deps[i % 4], deps[(i + 1) % 4]), deps[i % 4],
              EnumSet.of(VictimType.ENTREPRISE, VictimType.COMMUNE),
              Set.of("fraud", "malicious-code", "intrusions"), 5, i % 6, i % 3 != 0,
              i % 7 == 0 ? null : NOW.minusSeconds(i * 3_600L)));
    }
    routingCase =
        new RoutingRules.Case("29", VictimType.ENTREPRISE, "fraud", Severity.P2,
            LocalDate.of(2026, 11, 20), Map.of());
  }

  @Benchmark
  public Object triageRansomwareAtAMairie() {
    return triage.assess(mairie, Locality.NONE, ransomware, NOW);
  }

  @Benchmark
  public Object triagePhishingAtAnSme() {
    return triage.assess(sme, Locality.NONE, phishing, NOW);
  }

  @Benchmark
  public Instant calendarFourBusinessHoursOverAWeekend() {
    return calendar.plusBusinessTime(fridayEvening, Duration.ofHours(4), false);
  }

  @Benchmark
  public Duration calendarBusinessTimeOverAMonth() {
    return calendar.businessTimeBetween(NOW, NOW.plus(Duration.ofDays(31)), false);
  }

  @Benchmark
  public Object routingShortlistAmong200Providers() {
    return RoutingRules.decide(routingCase, directory, List.of());
  }
}
