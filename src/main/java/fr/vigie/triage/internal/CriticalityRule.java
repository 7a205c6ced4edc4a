package fr.vigie.triage.internal;

import fr.vigie.geo.EpciType;
import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.Sector;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.Criticality;
import fr.vigie.triage.Locality;
import fr.vigie.triage.Nis2Assessment;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * NIS2 derivation and victim criticality (DESIGN.md §5). Population and EPCI membership come from
 * the geography tables: a victim cannot talk itself up or down.
 */
public final class CriticalityRule {

  static final int NIS2_POPULATION = 30_000;
  static final Set<Sector> CRITICAL_SECTORS =
      EnumSet.of(Sector.WATER, Sector.HEALTH, Sector.ENERGY, Sector.EMERGENCY_SERVICES);

  private CriticalityRule() {}

  /** The NIS2 status Vigie derives, and why (null reason when nothing is derived). */
  public record Derived(Nis2Status status, String reason) {}

  public static Derived deriveNis2(Victim victim, Locality locality) {
    VictimType type = victim.type();
    if (type == VictimType.REGION || type == VictimType.DEPARTEMENT) {
      return new Derived(Nis2Status.ESSENTIAL, "NIS2 essential: every " + name(type) + " is");
    }
    Integer population = victim.population();
    if (type == VictimType.COMMUNE && population != null && population > NIS2_POPULATION) {
      return new Derived(
          Nis2Status.ESSENTIAL, "NIS2 essential: commune of more than 30,000 inhabitants");
    }
    EpciType epci = locality.epciType();
    if (type == VictimType.EPCI && epci != null) {
      Integer largest = locality.largestMemberPopulation();
      if (epci.isMetropoleOrUrbanOrAgglo() && largest != null && largest > NIS2_POPULATION) {
        return new Derived(
            Nis2Status.ESSENTIAL,
            "NIS2 essential: "
                + epci.label()
                + " with a member commune of "
                + count(largest)
                + " inhabitants");
      }
      if (epci.isAgglomeration()) {
        return new Derived(Nis2Status.IMPORTANT, "NIS2 important: communauté d'agglomération");
      }
    }
    return new Derived(Nis2Status.NONE, null);
  }

  public static Nis2Assessment nis2(Victim victim, Derived derived) {
    Nis2Status declared = victim.nis2();
    Nis2Status effective;
    if (rank(declared) >= rank(derived.status()) && declared != Nis2Status.NONE) {
      effective = declared;
    } else if (derived.status() != Nis2Status.NONE) {
      effective = derived.status();
    } else {
      effective = declared == Nis2Status.UNKNOWN ? Nis2Status.UNKNOWN : Nis2Status.NONE;
    }
    return new Nis2Assessment(declared, derived.status(), effective);
  }

  private static int rank(Nis2Status status) {
    return switch (status) {
      case ESSENTIAL -> 2;
      case IMPORTANT -> 1;
      case NONE, UNKNOWN -> 0;
    };
  }

  /** The criticality and its factor. */
  public record Result(Criticality level, String factor) {}

  public static Result assess(Victim v, Nis2Assessment nis2) {
    String who = describe(v);
    if (nis2.effective() == Nis2Status.ESSENTIAL) {
      return new Result(Criticality.C4, "victim C4: " + who + " (NIS2 essential)");
    }
    if (v.oiv() || v.ose()) {
      return new Result(
          Criticality.C4, "victim C4: " + who + " (" + (v.oiv() ? "OIV" : "OSE") + ")");
    }
    if (v.type() == VictimType.REGION || v.type() == VictimType.DEPARTEMENT) {
      return new Result(Criticality.C4, "victim C4: " + who);
    }
    if (v.sector() != null && CRITICAL_SECTORS.contains(v.sector())) {
      return new Result(Criticality.C4, "victim C4: " + who + " in the " + v.sector() + " sector");
    }
    if (nis2.effective() == Nis2Status.IMPORTANT) {
      return new Result(Criticality.C3, "victim C3: " + who + " (NIS2 important)");
    }
    Integer population = v.population();
    Integer staff = v.headcount();
    return switch (v.type()) {
      case COMMUNE ->
          population == null
              ? new Result(Criticality.C1, "victim C1: commune of unknown size")
              : population >= 10_000
                  ? new Result(Criticality.C3, "victim C3: " + who)
                  : population >= 1_000
                      ? new Result(Criticality.C2, "victim C2: " + who)
                      : new Result(Criticality.C1, "victim C1: " + who);
      case EPCI -> new Result(Criticality.C3, "victim C3: " + who);
      case ETABLISSEMENT_PUBLIC -> new Result(Criticality.C3, "victim C3: " + who);
      case ENTREPRISE ->
          staff == null
              ? new Result(Criticality.C1, "victim C1: company of unknown size")
              : staff >= 250
                  ? new Result(Criticality.C3, "victim C3: " + who)
                  : staff >= 10
                      ? new Result(Criticality.C2, "victim C2: " + who)
                      : new Result(Criticality.C1, "victim C1: " + who);
      case ASSOCIATION ->
          staff != null && staff >= 10
              ? new Result(Criticality.C2, "victim C2: " + who)
              : new Result(Criticality.C1, "victim C1: " + who);
      default -> new Result(Criticality.C1, "victim C1: " + who);
    };
  }

  /** "commune of 74,568 inhabitants", "company of 12 staff (PME)"… */
  static String describe(Victim v) {
    Integer staff = v.headcount();
    return switch (v.type()) {
      case COMMUNE ->
          v.population() == null
              ? "commune"
              : "commune of " + count(v.population()) + " inhabitants";
      case EPCI ->
          v.population() == null
              ? "intercommunality (EPCI)"
              : "intercommunality (EPCI) of " + count(v.population()) + " inhabitants";
      case ENTREPRISE ->
          staff == null
              ? "company of unknown size"
              : "company of "
                  + count(staff)
                  + " staff ("
                  + (staff >= 250 ? "ETI or larger" : staff >= 10 ? "PME" : "TPE")
                  + ")";
      case ASSOCIATION ->
          staff == null ? "association" : "association of " + count(staff) + " staff";
      default -> name(v.type());
    };
  }

  static String name(VictimType type) {
    return switch (type) {
      case REGION -> "région";
      case DEPARTEMENT -> "département";
      case ETABLISSEMENT_PUBLIC -> "public body (établissement public)";
      case PARTICULIER -> "individual";
      default -> type.name().toLowerCase(Locale.ROOT);
    };
  }

  static String count(int n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
