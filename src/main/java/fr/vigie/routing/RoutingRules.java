package fr.vigie.routing;

import fr.vigie.routing.ReferralOptions.Exclusion;
import fr.vigie.routing.ReferralOptions.Option;
import fr.vigie.tickets.ImpactLevel;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.VictimType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routing decision of DESIGN.md §6 as pure code. A public contract covering the victim sends
 * the case to its first available rank (active, with free capacity, not already tried on this
 * ticket); when every rank is used up, or for everyone else, a shortlist of up to {@value
 * #SHORTLIST_SIZE} eligible providers ordered by label, then based in the victim's département,
 * then least recently referred (rotation), then name.
 *
 * <p>Where the design is silent: a contract's ranks are not checked for labels (the contract chose
 * them), only for being active and having room; a provider that declined or let a proposal expire
 * on a ticket is not offered that ticket again; eligible providers beyond the shortlist are listed
 * among the exclusions with their position, so the analyst sees why they were not shown.
 */
public final class RoutingRules {

  public static final int SHORTLIST_SIZE = 3;

  private RoutingRules() {}

  /** The facts of the ticket routing looks at. */
  public record Case(
      String departement,
      VictimType victimType,
      String rsitClass,
      Severity severity,
      LocalDate today,
      Map<Long, String> tried) {}

  /** A provider as routing sees it, with its live engagements counted. */
  public record Candidate(
      long id,
      String name,
      boolean active,
      Map<LabelKind, LocalDate> labels,
      Set<String> departements,
      String baseDepartement,
      Set<VictimType> victimTypes,
      Set<String> rsitClasses,
      int capacity,
      int openEngagements,
      boolean onCallNow,
      Instant lastReferredAt) {

    Optional<LabelKind> bestLabel(LocalDate today) {
      return labels.entrySet().stream()
          .filter(e -> !e.getValue().isBefore(today))
          .map(Map.Entry::getKey)
          .min(Comparator.naturalOrder());
    }
  }

  /** A public contract already known to cover the victim's département, type and today. */
  public record Contract(long id, String name, List<Long> rankedProviders) {}

  /** What {@link #decide} found. */
  public record Decision(
      RoutingMode mode, Contract contract, List<Option> options, List<Exclusion> excluded) {}

  public static Decision decide(Case c, List<Candidate> candidates, List<Contract> contracts) {
    Map<Long, Candidate> byId = new java.util.HashMap<>();
    candidates.forEach(p -> byId.put(p.id(), p));
    List<Exclusion> excluded = new ArrayList<>();
    for (Contract contract : contracts) {
      List<Option> ranks = new ArrayList<>();
      for (int i = 0; i < contract.rankedProviders().size(); i++) {
        Candidate p = byId.get(contract.rankedProviders().get(i));
        if (p == null) {
          continue;
        }
        int rank = i + 1;
        List<String> why = contractRankProblems(c, p);
        if (why.isEmpty()) {
          ranks.add(
              new Option(
                  p.id(),
                  p.name(),
                  rank,
                  List.of(
                      "rank " + rank + " of public contract '" + contract.name() + "'",
                      engagements(p))));
        } else {
          List<String> reasons = new ArrayList<>();
          reasons.add("rank " + rank + " of public contract '" + contract.name() + "'");
          reasons.addAll(why);
          excluded.add(new Exclusion(p.id(), p.name(), reasons));
        }
      }
      if (!ranks.isEmpty()) {
        return new Decision(RoutingMode.CONTRACT, contract, ranks, excluded);
      }
    }
    Set<Long> shownAsRank = new java.util.HashSet<>();
    excluded.forEach(e -> shownAsRank.add(e.providerId()));
    List<Candidate> eligible = new ArrayList<>();
    for (Candidate p : candidates) {
      List<String> why = problems(c, p);
      if (why.isEmpty()) {
        eligible.add(p);
      } else if (!shownAsRank.contains(p.id())) {
        excluded.add(new Exclusion(p.id(), p.name(), why));
      }
    }
    // The best label once per provider, not once per comparison (ops/bench/RESULTS.md, JMH).
    Map<Long, LabelKind> best = new java.util.HashMap<>();
    eligible.forEach(p -> best.put(p.id(), p.bestLabel(c.today()).orElseThrow()));
    eligible.sort(order(c, best));
    List<Option> options = new ArrayList<>();
    for (int i = 0; i < eligible.size(); i++) {
      Candidate p = eligible.get(i);
      if (i < SHORTLIST_SIZE) {
        options.add(new Option(p.id(), p.name(), i + 1, reasons(c, p)));
      } else {
        List<String> reasons = new ArrayList<>();
        reasons.add(
            "eligible but ranked "
                + (i + 1)
                + ": the shortlist holds "
                + SHORTLIST_SIZE
                + " (label, département, rotation, name)");
        reasons.addAll(reasons(c, p));
        excluded.add(new Exclusion(p.id(), p.name(), reasons));
      }
    }
    return new Decision(
        options.isEmpty() ? RoutingMode.NONE : RoutingMode.SHORTLIST, null, options, excluded);
  }

  /**
   * Whether §6 proposes a referral: in constituency, an incident, impact I2 or more, and either no
   * IT provider (or not said) or impact I3 or more. Returns the plain-words reason either way.
   */
  public static Recommendation recommend(
      boolean inConstituency, TicketKind kind, ImpactLevel impact, Boolean hasItProvider) {
    if (!inConstituency) {
      return new Recommendation(false, "outside the constituency: oriented elsewhere");
    }
    if (kind != TicketKind.INCIDENT) {
      return new Recommendation(false, "a signalement, not an incident");
    }
    if (impact == null || impact.compareTo(ImpactLevel.I2) < 0) {
      return new Recommendation(false, "impact below I2");
    }
    if (impact.compareTo(ImpactLevel.I3) >= 0) {
      return new Recommendation(true, "an incident with impact " + impact);
    }
    if (Boolean.TRUE.equals(hasItProvider)) {
      return new Recommendation(
          false, "impact I2 and the victim has an IT provider who can handle it");
    }
    return new Recommendation(
        true,
        "an incident with impact I2 and "
            + (hasItProvider == null ? "no known IT provider" : "no IT provider"));
  }

  /** Whether a referral is recommended, and why. */
  public record Recommendation(boolean recommended, String reason) {}

  static Comparator<Candidate> order(Case c, Map<Long, LabelKind> best) {
    return Comparator.<Candidate, LabelKind>comparing(p -> best.get(p.id()))
        .thenComparing(p -> !p.baseDepartement().equals(c.departement()))
        .thenComparing(Candidate::lastReferredAt, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(Candidate::name)
        .thenComparingLong(Candidate::id);
  }

  private static List<String> contractRankProblems(Case c, Candidate p) {
    List<String> why = new ArrayList<>();
    if (c.tried().containsKey(p.id())) {
      why.add(c.tried().get(p.id()));
    }
    if (!p.active()) {
      why.add("inactive");
    }
    if (p.openEngagements() >= p.capacity()) {
      why.add(full(p));
    }
    return why;
  }

  private static List<String> problems(Case c, Candidate p) {
    List<String> why = new ArrayList<>();
    if (c.tried().containsKey(p.id())) {
      why.add(c.tried().get(p.id()));
    }
    if (!p.active()) {
      why.add("inactive");
    }
    if (p.bestLabel(c.today()).isEmpty()) {
      why.add(
          p.labels().isEmpty()
              ? "holds no label"
              : "no label valid on " + c.today() + " (" + expired(p) + ")");
    }
    if (c.departement() == null || !p.departements().contains(c.departement())) {
      why.add(
          c.departement() == null
              ? "the victim's département is unknown"
              : "does not cover département " + c.departement());
    }
    if (!p.victimTypes().contains(c.victimType())) {
      why.add("does not serve " + c.victimType() + " victims");
    }
    if (c.rsitClass() != null && !p.rsitClasses().contains(c.rsitClass())) {
      why.add("does not handle RSIT class " + c.rsitClass());
    }
    if (p.openEngagements() >= p.capacity()) {
      why.add(full(p));
    }
    if (c.severity() == Severity.P1 && !p.onCallNow()) {
      why.add("a P1 needs a provider on call now; this one is closed and has no 24/7 service");
    }
    return why;
  }

  private static List<String> reasons(Case c, Candidate p) {
    LabelKind label = p.bestLabel(c.today()).orElseThrow();
    List<String> reasons = new ArrayList<>();
    reasons.add("label " + label + " valid until " + p.labels().get(label));
    reasons.add(
        p.baseDepartement().equals(c.departement())
            ? "based in département " + c.departement()
            : "covers département " + c.departement() + " from " + p.baseDepartement());
    reasons.add(
        p.lastReferredAt() == null
            ? "never referred a case yet (rotation)"
            : "last referred a case at " + p.lastReferredAt() + " (rotation)");
    reasons.add(engagements(p));
    if (c.severity() == Severity.P1) {
      reasons.add("on call now");
    }
    return reasons;
  }

  private static String engagements(Candidate p) {
    return p.openEngagements() + " of " + p.capacity() + " engagements open";
  }

  private static String full(Candidate p) {
    return "no free capacity (" + engagements(p) + ")";
  }

  private static String expired(Candidate p) {
    List<String> parts = new ArrayList<>();
    p.labels().forEach((k, v) -> parts.add(k + " expired on " + v));
    parts.sort(Comparator.naturalOrder());
    return String.join(", ", parts);
  }
}
