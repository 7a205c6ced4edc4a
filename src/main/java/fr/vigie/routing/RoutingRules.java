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
      Map<Long, Reason> tried) {}

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
        List<Reason> why = contractRankProblems(c, p);
        Reason place = Reason.of(Reason.Code.CONTRACT_RANK, rank, contract.name());
        if (why.isEmpty()) {
          ranks.add(Option.of(p.id(), p.name(), rank, List.of(place, engagements(p))));
        } else {
          List<Reason> reasons = new ArrayList<>();
          reasons.add(place);
          reasons.addAll(why);
          excluded.add(Exclusion.of(p.id(), p.name(), reasons));
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
      List<Reason> why = problems(c, p);
      if (why.isEmpty()) {
        eligible.add(p);
      } else if (!shownAsRank.contains(p.id())) {
        excluded.add(Exclusion.of(p.id(), p.name(), why));
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
        options.add(Option.of(p.id(), p.name(), i + 1, reasons(c, p)));
      } else {
        List<Reason> reasons = new ArrayList<>();
        reasons.add(Reason.of(Reason.Code.BEYOND_SHORTLIST, i + 1, SHORTLIST_SIZE));
        reasons.addAll(reasons(c, p));
        excluded.add(Exclusion.of(p.id(), p.name(), reasons));
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
      return new Recommendation(false, Reason.of(Reason.Code.OUTSIDE_CONSTITUENCY));
    }
    if (kind != TicketKind.INCIDENT) {
      return new Recommendation(false, Reason.of(Reason.Code.SIGNALEMENT));
    }
    if (impact == null || impact.compareTo(ImpactLevel.I2) < 0) {
      return new Recommendation(false, Reason.of(Reason.Code.IMPACT_BELOW_I2));
    }
    if (impact.compareTo(ImpactLevel.I3) >= 0) {
      return new Recommendation(true, Reason.of(Reason.Code.INCIDENT_IMPACT, impact));
    }
    if (Boolean.TRUE.equals(hasItProvider)) {
      return new Recommendation(false, Reason.of(Reason.Code.IT_PROVIDER_CAN_HANDLE));
    }
    return new Recommendation(
        true,
        Reason.of(
            hasItProvider == null ? Reason.Code.NO_KNOWN_IT_PROVIDER : Reason.Code.NO_IT_PROVIDER));
  }

  /** Whether a referral is recommended, and why. */
  public record Recommendation(boolean recommended, Reason why) {

    /** The English sentence the API answers. */
    public String reason() {
      return why.english();
    }
  }

  static Comparator<Candidate> order(Case c, Map<Long, LabelKind> best) {
    return Comparator.<Candidate, LabelKind>comparing(p -> best.get(p.id()))
        .thenComparing(p -> !p.baseDepartement().equals(c.departement()))
        .thenComparing(Candidate::lastReferredAt, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(Candidate::name)
        .thenComparingLong(Candidate::id);
  }

  private static List<Reason> contractRankProblems(Case c, Candidate p) {
    List<Reason> why = new ArrayList<>();
    if (c.tried().containsKey(p.id())) {
      why.add(c.tried().get(p.id()));
    }
    if (!p.active()) {
      why.add(Reason.of(Reason.Code.INACTIVE));
    }
    if (p.openEngagements() >= p.capacity()) {
      why.add(full(p));
    }
    return why;
  }

  private static List<Reason> problems(Case c, Candidate p) {
    List<Reason> why = new ArrayList<>();
    if (c.tried().containsKey(p.id())) {
      why.add(c.tried().get(p.id()));
    }
    if (!p.active()) {
      why.add(Reason.of(Reason.Code.INACTIVE));
    }
    if (p.bestLabel(c.today()).isEmpty()) {
      why.add(p.labels().isEmpty() ? Reason.of(Reason.Code.NO_LABEL) : expired(c, p));
    }
    if (c.departement() == null) {
      why.add(Reason.of(Reason.Code.DEPARTEMENT_UNKNOWN));
    } else if (!p.departements().contains(c.departement())) {
      why.add(Reason.of(Reason.Code.DEPARTEMENT_NOT_COVERED, c.departement()));
    }
    if (!p.victimTypes().contains(c.victimType())) {
      why.add(Reason.of(Reason.Code.VICTIM_TYPE_NOT_SERVED, c.victimType()));
    }
    if (c.rsitClass() != null && !p.rsitClasses().contains(c.rsitClass())) {
      why.add(Reason.of(Reason.Code.RSIT_CLASS_NOT_HANDLED, c.rsitClass()));
    }
    if (p.openEngagements() >= p.capacity()) {
      why.add(full(p));
    }
    if (c.severity() == Severity.P1 && !p.onCallNow()) {
      why.add(Reason.of(Reason.Code.NOT_ON_CALL));
    }
    return why;
  }

  private static List<Reason> reasons(Case c, Candidate p) {
    LabelKind label = p.bestLabel(c.today()).orElseThrow();
    List<Reason> reasons = new ArrayList<>();
    reasons.add(Reason.of(Reason.Code.LABEL_VALID, label, p.labels().get(label)));
    reasons.add(
        p.baseDepartement().equals(c.departement())
            ? Reason.of(Reason.Code.BASED_IN, c.departement())
            : Reason.of(Reason.Code.COVERS_FROM, c.departement(), p.baseDepartement()));
    reasons.add(
        p.lastReferredAt() == null
            ? Reason.of(Reason.Code.NEVER_REFERRED)
            : Reason.of(Reason.Code.LAST_REFERRED, p.lastReferredAt()));
    reasons.add(engagements(p));
    if (c.severity() == Severity.P1) {
      reasons.add(Reason.of(Reason.Code.ON_CALL));
    }
    return reasons;
  }

  private static Reason engagements(Candidate p) {
    return Reason.of(Reason.Code.ENGAGEMENTS, p.openEngagements(), p.capacity());
  }

  private static Reason full(Candidate p) {
    return Reason.of(Reason.Code.NO_CAPACITY, p.openEngagements(), p.capacity());
  }

  /** The day, then each label and its last valid day, in the order the English always had. */
  private static Reason expired(Case c, Candidate p) {
    List<Map.Entry<LabelKind, LocalDate>> labels = new ArrayList<>(p.labels().entrySet());
    labels.sort(Comparator.comparing(e -> e.getKey() + " expired on " + e.getValue()));
    List<String> args = new ArrayList<>();
    args.add(c.today().toString());
    labels.forEach(e -> args.addAll(List.of(e.getKey().name(), e.getValue().toString())));
    return new Reason(Reason.Code.LABELS_EXPIRED, args);
  }
}
