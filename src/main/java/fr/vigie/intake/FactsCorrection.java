package fr.vigie.intake;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.intake.internal.ReportParser;
import fr.vigie.intake.internal.VictimLocator;
import fr.vigie.tickets.Classification;
import fr.vigie.tickets.CorrectedFacts;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.Tickets;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.TriageService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An analyst completes or corrects a ticket's victim and incident facts ({@code PATCH
 * /api/v1/tickets/{reference}/facts} and the console's form): a report received by e-mail opened
 * with placeholders, a wrong commune or victim type given on the phone. The ticket's current facts
 * are written back as a report's {@code victim} and {@code incident}, the given fields laid over
 * them, and the whole read, located and triaged by the intake's own code ({@link ReportParser},
 * {@link VictimLocator}, {@link TriageService}) — the same checks, the same paths in errors, the
 * same geography and NIS 2 derivation as a new report. The ticket keeps its kind.
 */
@Singleton
public final class FactsCorrection {

  /** Longest reason (characters); the shortest is 3. */
  public static final int MAX_REASON = 1_000;

  private static final Set<String> ROOT = Set.of("victim", "incident", "reason");

  /** The victim's words and traces are not facts to correct here (notes, observables API). */
  private static final Map<String, String> NOT_HERE =
      Map.of(
          "description", "is the victim's own words, kept as received: add a note instead",
          "observables", "are added and retracted with the observables of the ticket");

  private final Tickets tickets;
  private final IntakeService intake;
  private final VictimLocator locator;
  private final TriageService triage;
  private final Clock clock;

  FactsCorrection(
      Tickets tickets,
      IntakeService intake,
      VictimLocator locator,
      TriageService triage,
      Clock clock) {
    this.tickets = tickets;
    this.intake = intake;
    this.locator = locator;
    this.triage = triage;
    this.clock = clock;
  }

  /**
   * The API's body {@code {"victim": {…}, "incident": {…}, "reason": "…"}}: 400 for malformed JSON,
   * an unknown field or a wrong type, 422 naming the field of a broken rule, 412 for a stale {@code
   * expectedVersion}; empty when there is no such ticket.
   */
  public Optional<TicketDetail> correct(
      String reference, byte[] body, @Nullable Integer expectedVersion, String actor) {
    JsonNode root = intake.readJson(body);
    if (!root.isObject()) {
      throw ProblemException.malformed("", "The body must be a JSON object.");
    }
    List<FieldError> malformed = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.entries()) {
      if (!ROOT.contains(e.getKey())) {
        String name = e.getKey().length() > 64 ? e.getKey().substring(0, 64) + "…" : e.getKey();
        malformed.add(new FieldError(name, "unknown field"));
      }
    }
    JsonNode victim = part(root, "victim", malformed);
    JsonNode incident = part(root, "incident", malformed);
    JsonNode reason = root.get("reason");
    if (reason != null && !reason.isNull() && !reason.isString()) {
      malformed.add(new FieldError("reason", "must be a string"));
    }
    if (!malformed.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "The correction is malformed; see errors.", malformed);
    }
    return apply(
        reference,
        victim,
        incident,
        reason == null || reason.isNull() ? null : reason.getStringValue(),
        expectedVersion,
        actor);
  }

  /**
   * The console's form: each map holds report fields by name (text, whole numbers, booleans, null
   * for unknown), judged as the API's body is.
   */
  public Optional<TicketDetail> correct(
      String reference,
      Map<String, Object> victim,
      Map<String, Object> incident,
      @Nullable String reason,
      @Nullable Integer expectedVersion,
      String actor) {
    return apply(reference, node(victim), node(incident), reason, expectedVersion, actor);
  }

  private Optional<TicketDetail> apply(
      String reference,
      @Nullable JsonNode victimPatch,
      @Nullable JsonNode incidentPatch,
      @Nullable String reason,
      @Nullable Integer expectedVersion,
      String actor) {
    List<FieldError> errors = new ArrayList<>();
    String why = reason == null ? "" : reason.strip();
    String problem = Texts.problem(why, MAX_REASON, true);
    if (why.length() < 3 || problem != null) {
      errors.add(
          new FieldError(
              "reason",
              problem != null ? problem : "say why, in 3 to " + MAX_REASON + " characters"));
    }
    if (victimPatch == null && incidentPatch == null) {
      errors.add(new FieldError("victim", "give the victim's or the incident's facts to correct"));
    }
    if (incidentPatch != null) {
      NOT_HERE.forEach(
          (field, why2) -> {
            if (incidentPatch.get(field) != null) {
              errors.add(new FieldError("incident." + field, why2));
            }
          });
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    // Without If-Match, the facts read are those the correction is laid over: if the ticket moved
    // in between (a note, a call), read it again rather than write over the move.
    for (int attempt = 1; ; attempt++) {
      Optional<TicketDetail> found = tickets.detail(reference);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      TicketDetail ticket = found.get();
      CorrectedFacts facts = corrected(ticket, victimPatch, incidentPatch, why, actor);
      try {
        return tickets.correctFacts(
            reference, facts, expectedVersion != null ? expectedVersion : ticket.version());
      } catch (ProblemException e) {
        if (e.status() != HttpStatus.PRECONDITION_FAILED
            || expectedVersion != null
            || attempt == 3) {
          throw e;
        }
      }
    }
  }

  private CorrectedFacts corrected(
      TicketDetail ticket,
      @Nullable JsonNode victimPatch,
      @Nullable JsonNode incidentPatch,
      String reason,
      String actor) {
    Instant now = clock.instant();
    Map<String, JsonNode> root = new LinkedHashMap<>();
    root.put("victim", overlay(victimNode(ticket.victim()), victimPatch));
    root.put("incident", overlay(incidentNode(ticket.incident()), incidentPatch));
    ReportParser.Facts parsed = ReportParser.facts(JsonNode.createObjectNode(root), now);
    VictimLocator.Located located = locator.locate(parsed.victim());
    Incident was = ticket.incident();
    Incident read = parsed.incident();
    Incident incident =
        new Incident(
            read.threat(),
            read.discoveredAt(),
            read.ongoing(),
            read.attackerStillPresent(),
            read.serviceImpact(),
            read.affectedServices(),
            read.scope(),
            read.personalData(),
            read.dataExfiltrated(),
            read.ransomDemanded(),
            read.fundsTransferred(),
            was.description(),
            was.observables());
    Classification classification =
        triage.classify(
            located.victim(), located.locality(), incident, ticket.receivedAt(), ticket.kind());
    return new CorrectedFacts(
        located.victim(),
        incident,
        classification,
        changes(ticket.victim(), was, located.victim(), incident),
        reason,
        actor,
        now);
  }

  /** The object at {@code name}, null when absent or null; anything else is malformed. */
  private static JsonNode part(JsonNode root, String name, List<FieldError> malformed) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      malformed.add(new FieldError(name, "must be a JSON object"));
      return null;
    }
    return node;
  }

  private static JsonNode overlay(Map<String, JsonNode> current, @Nullable JsonNode patch) {
    if (patch != null) {
      for (Map.Entry<String, JsonNode> e : patch.entries()) {
        current.put(e.getKey(), e.getValue());
      }
    }
    return JsonNode.createObjectNode(current);
  }

  /** The victim as a report's {@code victim} would give it (derived fields left out). */
  private static Map<String, JsonNode> victimNode(Victim v) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    put(m, "type", v.type());
    put(m, "name", v.name());
    put(m, "siren", v.siren());
    put(m, "communeCode", v.communeCode());
    put(m, "headcount", v.headcount());
    put(m, "nis2", v.nis2());
    put(m, "oiv", v.oiv());
    put(m, "ose", v.ose());
    put(m, "sector", v.sector());
    put(m, "hasItProvider", v.hasItProvider());
    put(m, "cyberInsured", v.cyberInsured());
    return m;
  }

  /** The incident as a report's {@code incident} would give it, without the victim's words. */
  private static Map<String, JsonNode> incidentNode(Incident i) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    put(m, "threat", i.threat());
    put(
        m,
        "discoveredAt",
        i.discoveredAt() == null
            ? null
            : java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(i.discoveredAt()));
    put(m, "ongoing", i.ongoing());
    put(m, "attackerStillPresent", i.attackerStillPresent());
    put(m, "serviceImpact", i.serviceImpact());
    if (!i.affectedServices().isEmpty()) {
      m.put(
          "affectedServices",
          JsonNode.createArrayNode(
              i.affectedServices().stream()
                  .map(s -> JsonNode.createStringNode(s.name()))
                  .toList()));
    }
    put(m, "scope", i.scope());
    put(m, "personalData", i.personalData());
    put(m, "dataExfiltrated", i.dataExfiltrated());
    put(m, "ransomDemanded", i.ransomDemanded());
    if (i.fundsTransferred() != null) {
      Map<String, JsonNode> funds = new LinkedHashMap<>();
      funds.put("amountEur", JsonNode.createNumberNode(i.fundsTransferred().amountEur()));
      funds.put(
          "at",
          JsonNode.createStringNode(
              java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                  i.fundsTransferred().at())));
      m.put("fundsTransferred", JsonNode.createObjectNode(funds));
    }
    return m;
  }

  private static void put(Map<String, JsonNode> m, String name, Object value) {
    if (value != null) {
      m.put(name, value(value));
    }
  }

  private static JsonNode value(Object value) {
    if (value == null) {
      return JsonNode.nullNode();
    } else if (value instanceof Boolean b) {
      return JsonNode.createBooleanNode(b);
    } else if (value instanceof Integer n) {
      return JsonNode.createNumberNode(n);
    } else if (value instanceof Long n) {
      return JsonNode.createNumberNode(n);
    } else if (value instanceof BigDecimal n) {
      return JsonNode.createNumberNode(n);
    } else if (value instanceof Enum<?> e) {
      return JsonNode.createStringNode(e.name());
    }
    return JsonNode.createStringNode(value.toString());
  }

  private static JsonNode node(@Nullable Map<String, Object> fields) {
    if (fields == null) {
      return null;
    }
    Map<String, JsonNode> m = new LinkedHashMap<>();
    fields.forEach((k, v) -> m.put(k, value(v)));
    return JsonNode.createObjectNode(m);
  }

  /** What changed, field by field, as text; a private person's name is not repeated. */
  private static List<CorrectedFacts.Change> changes(
      Victim wasVictim, Incident wasIncident, Victim victim, Incident incident) {
    Map<String, String> before = texts(wasVictim, wasIncident);
    Map<String, String> after = texts(victim, incident);
    boolean person =
        wasVictim.type() == VictimType.PARTICULIER || victim.type() == VictimType.PARTICULIER;
    List<CorrectedFacts.Change> changes = new ArrayList<>();
    for (String field : after.keySet()) {
      String from = before.get(field);
      String to = after.get(field);
      if (!Objects.equals(from, to)) {
        boolean hidden = person && field.equals("victim.name");
        changes.add(new CorrectedFacts.Change(field, hidden ? null : from, hidden ? null : to));
      }
    }
    return changes;
  }

  private static Map<String, String> texts(Victim v, Incident i) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("victim.type", text(v.type()));
    m.put("victim.name", v.name());
    m.put("victim.siren", v.siren());
    m.put("victim.communeCode", v.communeCode());
    m.put("victim.departement", v.departement());
    m.put("victim.headcount", text(v.headcount()));
    m.put("victim.nis2", text(v.nis2()));
    m.put("victim.oiv", text(v.oiv()));
    m.put("victim.ose", text(v.ose()));
    m.put("victim.sector", text(v.sector()));
    m.put("victim.hasItProvider", text(v.hasItProvider()));
    m.put("victim.cyberInsured", text(v.cyberInsured()));
    m.put("incident.threat", text(i.threat()));
    m.put(
        "incident.discoveredAt",
        i.discoveredAt() == null ? null : i.discoveredAt().toInstant().toString());
    m.put("incident.ongoing", text(i.ongoing()));
    m.put("incident.attackerStillPresent", text(i.attackerStillPresent()));
    m.put("incident.serviceImpact", text(i.serviceImpact()));
    m.put(
        "incident.affectedServices",
        i.affectedServices().isEmpty()
            ? null
            : String.join(",", i.affectedServices().stream().map(Enum::name).toList()));
    m.put("incident.scope", text(i.scope()));
    m.put("incident.personalData", text(i.personalData()));
    m.put("incident.dataExfiltrated", text(i.dataExfiltrated()));
    m.put("incident.ransomDemanded", text(i.ransomDemanded()));
    var funds = i.fundsTransferred();
    m.put(
        "incident.fundsTransferred",
        funds == null
            ? null
            : funds.amountEur().stripTrailingZeros().toPlainString()
                + " EUR, "
                + funds.at().toInstant());
    return m;
  }

  private static String text(Object value) {
    return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
  }
}
