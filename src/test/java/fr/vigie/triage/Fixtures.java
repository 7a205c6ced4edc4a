package fr.vigie.triage;

import fr.vigie.tickets.AffectedService;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.Scope;
import fr.vigie.tickets.Sector;
import fr.vigie.tickets.ServiceImpact;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Builders for triage inputs: start from a quiet case and change one fact. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
  static final OffsetDateTime DISCOVERED = OffsetDateTime.parse("2026-11-20T07:45:00+01:00");

  private Fixtures() {}

  record V(
      VictimType type,
      Integer population,
      Integer headcount,
      Nis2Status nis2,
      boolean oiv,
      boolean ose,
      Sector sector,
      String region,
      Boolean insured) {
    static V of(VictimType type) {
      return new V(type, null, null, Nis2Status.UNKNOWN, false, false, null, "53", false);
    }

    V population(Integer p) {
      return new V(type, p, headcount, nis2, oiv, ose, sector, region, insured);
    }

    V headcount(Integer h) {
      return new V(type, population, h, nis2, oiv, ose, sector, region, insured);
    }

    V nis2(Nis2Status n) {
      return new V(type, population, headcount, n, oiv, ose, sector, region, insured);
    }

    V withOiv() {
      return new V(type, population, headcount, nis2, true, ose, sector, region, insured);
    }

    V withOse() {
      return new V(type, population, headcount, nis2, oiv, true, sector, region, insured);
    }

    V sector(Sector s) {
      return new V(type, population, headcount, nis2, oiv, ose, s, region, insured);
    }

    V region(String r) {
      return new V(type, population, headcount, nis2, oiv, ose, sector, r, insured);
    }

    V withInsurance() {
      return new V(type, population, headcount, nis2, oiv, ose, sector, region, true);
    }

    Victim build() {
      return new Victim(
          type,
          "Victime",
          null,
          region == null ? null : "29212",
          region == null ? null : "29",
          region,
          population,
          headcount,
          nis2,
          oiv,
          ose,
          sector,
          true,
          insured);
    }
  }

  record I(
      Threat threat,
      ServiceImpact impact,
      List<AffectedService> services,
      Scope scope,
      PersonalData personal,
      Boolean exfiltrated,
      Boolean ongoing,
      Boolean attacker,
      Incident.FundsTransfer funds) {
    static I of(Threat threat) {
      return new I(
          threat,
          ServiceImpact.NONE,
          List.of(),
          Scope.SINGLE_DEVICE,
          PersonalData.NO,
          false,
          false,
          false,
          null);
    }

    I impact(ServiceImpact i) {
      return new I(threat, i, services, scope, personal, exfiltrated, ongoing, attacker, funds);
    }

    I services(AffectedService... s) {
      return new I(
          threat, impact, List.of(s), scope, personal, exfiltrated, ongoing, attacker, funds);
    }

    I scope(Scope s) {
      return new I(threat, impact, services, s, personal, exfiltrated, ongoing, attacker, funds);
    }

    I personal(PersonalData p) {
      return new I(threat, impact, services, scope, p, exfiltrated, ongoing, attacker, funds);
    }

    I withExfiltration() {
      return new I(threat, impact, services, scope, personal, true, ongoing, attacker, funds);
    }

    I stillOngoing() {
      return new I(threat, impact, services, scope, personal, exfiltrated, true, attacker, funds);
    }

    I attackerPresent() {
      return new I(threat, impact, services, scope, personal, exfiltrated, ongoing, true, funds);
    }

    I fundsAt(OffsetDateTime at) {
      return new I(
          threat,
          impact,
          services,
          scope,
          personal,
          exfiltrated,
          ongoing,
          attacker,
          new Incident.FundsTransfer(new java.math.BigDecimal("12500.00"), at));
    }

    Incident build() {
      return new Incident(
          threat,
          DISCOVERED,
          ongoing,
          attacker,
          impact,
          services,
          scope,
          personal,
          exfiltrated,
          false,
          funds,
          null,
          List.of());
    }
  }
}
