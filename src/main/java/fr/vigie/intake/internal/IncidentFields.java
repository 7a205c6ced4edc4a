package fr.vigie.intake.internal;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.tickets.AffectedService;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.ObservableType;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.Scope;
import fr.vigie.tickets.ServiceImpact;
import fr.vigie.tickets.Threat;
import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code incident} part of a report (DESIGN.md §10), read for {@link ReportParser}. */
final class IncidentFields {

  static final Set<String> KNOWN =
      Set.of(
          "threat",
          "discoveredAt",
          "ongoing",
          "attackerStillPresent",
          "serviceImpact",
          "affectedServices",
          "scope",
          "personalData",
          "dataExfiltrated",
          "ransomDemanded",
          "fundsTransferred",
          "description",
          "observables");
  private static final Set<String> FUNDS = Set.of("amountEur", "at");
  private static final Set<String> OBSERVABLE = Set.of("type", "value");

  private IncidentFields() {}

  static Incident read(JsonFields f, JsonNode i, Instant now) {
    if (i == null) {
      return null;
    }
    String p = "incident";
    Threat threat = f.enumeration(i, p, "threat", Threat.class, true);
    OffsetDateTime discovered = f.time(i, p, "discoveredAt", true);
    checkPast(f, "incident.discoveredAt", discovered, now);
    List<AffectedService> services = new ArrayList<>();
    List<JsonNode> serviceNodes =
        f.array(i, p, "affectedServices", AffectedService.values().length);
    for (int k = 0; k < serviceNodes.size(); k++) {
      AffectedService s =
          f.enumValue(
              serviceNodes.get(k), p + ".affectedServices[" + k + "]", AffectedService.class);
      if (s != null && !services.contains(s)) {
        services.add(s);
      }
    }
    return new Incident(
        threat,
        discovered,
        f.bool(i, p, "ongoing", false),
        f.bool(i, p, "attackerStillPresent", false),
        f.enumeration(i, p, "serviceImpact", ServiceImpact.class, false),
        List.copyOf(services),
        f.enumeration(i, p, "scope", Scope.class, false),
        f.enumeration(i, p, "personalData", PersonalData.class, false),
        f.bool(i, p, "dataExfiltrated", false),
        f.bool(i, p, "ransomDemanded", false),
        funds(f, f.object(i, p, "fundsTransferred", false, FUNDS), now),
        f.text(i, p, "description", ReportParser.MAX_DESCRIPTION, false, true),
        observables(f, f.array(i, p, "observables", ReportParser.MAX_OBSERVABLES)));
  }

  private static Incident.FundsTransfer funds(JsonFields f, JsonNode node, Instant now) {
    if (node == null) {
      return null;
    }
    String p = "incident.fundsTransferred";
    BigDecimal amount = f.number(node, p, "amountEur", true);
    if (amount != null
        && (amount.signum() < 0
            || amount.compareTo(new BigDecimal("1e11")) > 0
            || amount.stripTrailingZeros().scale() > 2)) {
      f.invalid.add(
          new FieldError(
              p + ".amountEur",
              "must be an amount in euros from 0 to 100,000,000,000 with at most 2 decimals"));
      amount = null;
    }
    OffsetDateTime at = f.time(node, p, "at", true);
    checkPast(f, p + ".at", at, now);
    return amount == null || at == null ? null : new Incident.FundsTransfer(amount, at);
  }

  private static List<Incident.Observable> observables(JsonFields f, List<JsonNode> nodes) {
    List<Incident.Observable> result = new ArrayList<>();
    for (int k = 0; k < nodes.size(); k++) {
      String p = "incident.observables[" + k + "]";
      JsonNode node = nodes.get(k);
      if (!node.isObject()) {
        f.malformed.add(new FieldError(p, "must be a JSON object"));
        continue;
      }
      f.rejectUnknown(node, p, OBSERVABLE);
      ObservableType type = f.enumeration(node, p, "type", ObservableType.class, true);
      String value = f.text(node, p, "value", ReportParser.MAX_OBSERVABLE, true, false);
      if (type != null && value != null) {
        result.add(new Incident.Observable(type, value));
      }
    }
    return result;
  }

  static void checkPast(JsonFields f, String path, OffsetDateTime time, Instant now) {
    if (time == null) {
      return;
    }
    if (time.toInstant().isAfter(now.plus(ReportParser.CLOCK_SKEW))) {
      f.invalid.add(new FieldError(path, "cannot be in the future"));
    } else if (time.isBefore(ReportParser.EARLIEST)) {
      f.invalid.add(new FieldError(path, "must be after 2000-01-01"));
    }
  }
}
