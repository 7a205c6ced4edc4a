package fr.vigie.routing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.routing.ReferralOptions.Exclusion;
import fr.vigie.routing.ReferralOptions.Option;
import fr.vigie.routing.RoutingRules.Candidate;
import fr.vigie.routing.RoutingRules.Case;
import fr.vigie.routing.RoutingRules.Decision;
import fr.vigie.tickets.ImpactLevel;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.VictimType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The routing decision of DESIGN.md §6: eligibility, order, rotation, contracts. */
class RoutingRulesTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  static Case sme(Severity severity) {
    return new Case("29", VictimType.ENTREPRISE, "fraud", severity, TODAY, Map.of());
  }

  /** An eligible ExpertCyber firm of Finistère, never referred, on call, with room. */
  static Candidate firm(long id, String name) {
    return new Candidate(
        id,
        name,
        true,
        Map.of(LabelKind.EXPERTCYBER, TODAY.plusYears(1)),
        Set.of("29", "22"),
        "29",
        Set.of(VictimType.ENTREPRISE, VictimType.COMMUNE),
        Set.of("fraud", "malicious-code"),
        3,
        0,
        true,
        null);
  }

  static Candidate with(Candidate p, Map<LabelKind, LocalDate> labels) {
    return new Candidate(
        p.id(),
        p.name(),
        p.active(),
        labels,
        p.departements(),
        p.baseDepartement(),
        p.victimTypes(),
        p.rsitClasses(),
        p.capacity(),
        p.openEngagements(),
        p.onCallNow(),
        p.lastReferredAt());
  }

  static List<String> reasons(Decision d, long id) {
    return d.excluded().stream()
        .filter(e -> e.providerId() == id)
        .findFirst()
        .map(Exclusion::reasons)
        .orElse(List.of());
  }

  static List<Long> shortlist(Decision d) {
    return d.options().stream().map(Option::providerId).toList();
  }

  @Test
  void aLabelValidUntilYesterdayExcludesTheProviderAndSaysWhen() {
    Candidate expired = with(firm(1, "A"), Map.of(LabelKind.EXPERTCYBER, TODAY.minusDays(1)));
    Candidate today = with(firm(2, "B"), Map.of(LabelKind.EXPERTCYBER, TODAY));
    Decision d = RoutingRules.decide(sme(Severity.P3), List.of(expired, today), List.of());
    assertThat(shortlist(d)).containsExactly(2L);
    assertThat(reasons(d, 1))
        .containsExactly("no label valid on 2026-11-23 (EXPERTCYBER expired on 2026-11-22)");
  }

  @Test
  void aProviderNotCoveringTheVictimsDepartementIsExcluded() {
    Candidate elsewhere =
        new Candidate(
            1,
            "A",
            true,
            Map.of(LabelKind.EXPERTCYBER, TODAY),
            Set.of("35"),
            "35",
            Set.of(VictimType.ENTREPRISE),
            Set.of("fraud"),
            3,
            0,
            true,
            null);
    Decision d = RoutingRules.decide(sme(Severity.P3), List.of(elsewhere), List.of());
    assertThat(d.mode()).isEqualTo(RoutingMode.NONE);
    assertThat(reasons(d, 1)).containsExactly("does not cover département 29");
  }

  @Test
  void aProviderAtFullCapacityIsExcluded() {
    Candidate full =
        new Candidate(
            1,
            "A",
            true,
            Map.of(LabelKind.EXPERTCYBER, TODAY),
            Set.of("29"),
            "29",
            Set.of(VictimType.ENTREPRISE),
            Set.of("fraud"),
            3,
            3,
            true,
            null);
    Decision d = RoutingRules.decide(sme(Severity.P3), List.of(full), List.of());
    assertThat(reasons(d, 1)).containsExactly("no free capacity (3 of 3 engagements open)");
  }

  @Test
  void aP1GoesOnlyToProvidersOnCallNow() {
    Candidate closed =
        new Candidate(
            1,
            "A",
            true,
            Map.of(LabelKind.EXPERTCYBER, TODAY),
            Set.of("29"),
            "29",
            Set.of(VictimType.ENTREPRISE),
            Set.of("fraud"),
            3,
            0,
            false,
            null);
    assertThat(shortlist(RoutingRules.decide(sme(Severity.P2), List.of(closed), List.of())))
        .containsExactly(1L);
    Decision p1 = RoutingRules.decide(sme(Severity.P1), List.of(closed), List.of());
    assertThat(p1.mode()).isEqualTo(RoutingMode.NONE);
    assertThat(reasons(p1, 1))
        .containsExactly(
            "a P1 needs a provider on call now; this one is closed and has no 24/7 service");
  }

  @Test
  void aVictimTypeNotServedIsExcluded() {
    Case association =
        new Case("29", VictimType.ASSOCIATION, "fraud", Severity.P3, TODAY, Map.of());
    Decision d = RoutingRules.decide(association, List.of(firm(1, "A")), List.of());
    assertThat(reasons(d, 1)).containsExactly("does not serve ASSOCIATION victims");
  }

  @Test
  void anRsitClassNotHandledIsExcluded() {
    Case ddos = new Case("29", VictimType.ENTREPRISE, "availability", Severity.P3, TODAY, Map.of());
    Decision d = RoutingRules.decide(ddos, List.of(firm(1, "A")), List.of());
    assertThat(reasons(d, 1)).containsExactly("does not handle RSIT class availability");
  }

  @Test
  void everyReasonIsListedWhenSeveralApply() {
    Candidate bad =
        new Candidate(
            1,
            "A",
            false,
            Map.of(),
            Set.of("35"),
            "35",
            Set.of(VictimType.COMMUNE),
            Set.of("availability"),
            1,
            1,
            false,
            null);
    Decision d = RoutingRules.decide(sme(Severity.P1), List.of(bad), List.of());
    assertThat(reasons(d, 1))
        .containsExactly(
            "inactive",
            "holds no label",
            "does not cover département 29",
            "does not serve ENTREPRISE victims",
            "does not handle RSIT class fraud",
            "no free capacity (1 of 1 engagements open)",
            "a P1 needs a provider on call now; this one is closed and has no 24/7 service");
  }

  @Test
  void orderIsLabelThenLocalThenLeastRecentlyReferredThenName() {
    Instant t = Instant.parse("2026-11-01T10:00:00Z");
    Candidate pris = with(firm(1, "Zeta"), Map.of(LabelKind.PRIS_SUBSTANTIEL, TODAY));
    Candidate referencedOnly = with(firm(2, "Alpha"), Map.of(LabelKind.REFERENCED, TODAY));
    Candidate remote =
        new Candidate(
            3,
            "Beta",
            true,
            Map.of(LabelKind.EXPERTCYBER, TODAY),
            Set.of("29"),
            "35",
            Set.of(VictimType.ENTREPRISE),
            Set.of("fraud"),
            3,
            0,
            true,
            null);
    Candidate recent =
        new Candidate(
            4,
            "Gamma",
            true,
            Map.of(LabelKind.EXPERTCYBER, TODAY),
            Set.of("29"),
            "29",
            Set.of(VictimType.ENTREPRISE),
            Set.of("fraud"),
            3,
            0,
            true,
            t.plusSeconds(60));
    Candidate older =
        new Candidate(
            5,
            "Delta",
            true,
            Map.of(LabelKind.EXPERTCYBER, TODAY),
            Set.of("29"),
            "29",
            Set.of(VictimType.ENTREPRISE),
            Set.of("fraud"),
            3,
            0,
            true,
            t);
    Decision d =
        RoutingRules.decide(
            sme(Severity.P3), List.of(referencedOnly, remote, recent, older, pris), List.of());
    // PRIS first; then the local ExpertCyber firms, least recently referred first; the remote
    // ExpertCyber firm and the référencé one do not fit in three.
    assertThat(shortlist(d)).containsExactly(1L, 5L, 4L);
    assertThat(d.options().get(0).reasons().get(0))
        .isEqualTo("label PRIS_SUBSTANTIEL valid until 2026-11-23");
    assertThat(reasons(d, 3).get(0)).startsWith("eligible but ranked 4");
    assertThat(reasons(d, 2).get(0)).startsWith("eligible but ranked 5");
  }

  @Test
  void theStrongestValidLabelCounts() {
    Candidate both =
        with(
            firm(1, "Zeta"),
            Map.of(LabelKind.PRIS_ELEVE, TODAY.minusDays(1), LabelKind.REFERENCED, TODAY));
    Candidate expert = firm(2, "Alpha");
    assertThat(shortlist(RoutingRules.decide(sme(Severity.P3), List.of(both, expert), List.of())))
        .containsExactly(2L, 1L);
  }

  @Test
  void overThreeHundredReferralsEquallyRankedProvidersDifferByAtMostOne() {
    List<Candidate> providers = new ArrayList<>();
    for (long id = 1; id <= 7; id++) {
      providers.add(firm(id, "Firm " + (char) ('A' + id)));
    }
    Map<Long, Integer> counts = new HashMap<>();
    Instant now = Instant.parse("2026-11-23T08:00:00Z");
    for (int i = 0; i < 300; i++) {
      Decision d = RoutingRules.decide(sme(Severity.P3), providers, List.of());
      long chosen = d.options().get(0).providerId(); // the analyst takes the first option
      counts.merge(chosen, 1, Integer::sum);
      now = now.plusSeconds(60);
      Instant at = now;
      providers.replaceAll(
          p ->
              p.id() == chosen
                  ? new Candidate(
                      p.id(),
                      p.name(),
                      true,
                      p.labels(),
                      p.departements(),
                      p.baseDepartement(),
                      p.victimTypes(),
                      p.rsitClasses(),
                      p.capacity(),
                      0,
                      true,
                      at)
                  : p);
    }
    assertThat(counts).hasSize(7);
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
    int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    int min = counts.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
    assertThat(max - min).as("counts %s", counts).isLessThanOrEqualTo(1);
  }

  @Test
  void aContractGoesToItsFirstAvailableRankThenTheShortlist() {
    Case mairie =
        new Case("29", VictimType.COMMUNE, "malicious-code", Severity.P2, TODAY, Map.of());
    RoutingRules.Contract contract = new RoutingRules.Contract(9, "Marché 29", List.of(2L, 3L));
    List<Candidate> providers = List.of(firm(1, "Label"), firm(2, "Rank one"), firm(3, "Rank two"));
    Decision first = RoutingRules.decide(mairie, providers, List.of(contract));
    assertThat(first.mode()).isEqualTo(RoutingMode.CONTRACT);
    assertThat(first.options()).extracting(Option::providerId).containsExactly(2L, 3L);
    assertThat(first.options()).extracting(Option::rank).containsExactly(1, 2);

    Case declined =
        new Case(
            "29",
            VictimType.COMMUNE,
            "malicious-code",
            Severity.P2,
            TODAY,
            Map.of(2L, Reason.declined(Instant.parse("2026-11-23T09:00:00Z"))));
    Decision second = RoutingRules.decide(declined, providers, List.of(contract));
    assertThat(second.options()).extracting(Option::providerId).containsExactly(3L);
    assertThat(second.options().get(0).rank()).isEqualTo(2);
    assertThat(reasons(second, 2))
        .containsExactly(
            "rank 1 of public contract 'Marché 29'",
            "declined this ticket at 2026-11-23T09:00:00Z");

    Instant at = Instant.parse("2026-11-23T09:00:00Z");
    Map<Long, Reason> both = Map.of(2L, Reason.declined(at), 3L, Reason.expired(at));
    Case exhausted = new Case("29", VictimType.COMMUNE, "malicious-code", Severity.P2, TODAY, both);
    Decision third = RoutingRules.decide(exhausted, providers, List.of(contract));
    assertThat(third.mode()).isEqualTo(RoutingMode.SHORTLIST);
    assertThat(shortlist(third)).containsExactly(1L);
  }

  @Test
  void aReferralIsRecommendedAsTheDesignSays() {
    assertThat(
            RoutingRules.recommend(true, TicketKind.INCIDENT, ImpactLevel.I2, false).recommended())
        .isTrue();
    assertThat(
            RoutingRules.recommend(true, TicketKind.INCIDENT, ImpactLevel.I2, null).recommended())
        .isTrue();
    assertThat(
            RoutingRules.recommend(true, TicketKind.INCIDENT, ImpactLevel.I2, true).recommended())
        .isFalse();
    assertThat(
            RoutingRules.recommend(true, TicketKind.INCIDENT, ImpactLevel.I3, true).recommended())
        .isTrue();
    assertThat(
            RoutingRules.recommend(true, TicketKind.INCIDENT, ImpactLevel.I1, false).recommended())
        .isFalse();
    assertThat(
            RoutingRules.recommend(true, TicketKind.SIGNALEMENT, ImpactLevel.I4, false)
                .recommended())
        .isFalse();
    assertThat(
            RoutingRules.recommend(false, TicketKind.INCIDENT, ImpactLevel.I4, false).recommended())
        .isFalse();
  }

  @Test
  void referralStatesMoveOnlyForward() {
    assertThat(Referrals.allowed(ReferralState.PROPOSED, ReferralState.ACCEPTED)).isTrue();
    assertThat(Referrals.allowed(ReferralState.PROPOSED, ReferralState.ENGAGED)).isFalse();
    assertThat(Referrals.allowed(ReferralState.ACCEPTED, ReferralState.DECLINED)).isFalse();
    assertThat(Referrals.allowed(ReferralState.ENGAGED, ReferralState.COMPLETED)).isTrue();
    assertThat(Referrals.allowed(ReferralState.COMPLETED, ReferralState.ABANDONED)).isFalse();
    assertThat(Referrals.allowed(ReferralState.DECLINED, ReferralState.ACCEPTED)).isFalse();
  }
}
