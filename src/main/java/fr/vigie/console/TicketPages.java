package fr.vigie.console;

import fr.vigie.observables.TicketObservables;
import fr.vigie.routing.ReasonTexts;
import fr.vigie.routing.ReferralOptions;
import fr.vigie.tickets.Activity;
import fr.vigie.tickets.ClockView;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.Lifecycle;
import fr.vigie.tickets.Outcome;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.TimelineEvent;
import fr.vigie.tickets.Victim;
import fr.vigie.triage.RsitTaxonomy;
import fr.vigie.web.Chrome;
import fr.vigie.web.StaffChrome;
import fr.vigie.web.StaffPages;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Builds the ticket page's view from the ticket, its timeline and its referral options. */
@Singleton
final class TicketPages {

  /** States of a legal deadline that nothing more can be recorded against (DESIGN.md §7). */
  /**
   * How many other tickets the page names per observable, and linked tickets in all: a common
   * observable (a phishing wave's domain) can sit in hundreds; the rest are counted.
   */
  static final int SEEN_IN_SHOWN = 10;

  static final int RELATED_SHOWN = 30;

  /** Statuses after which a ticket's triage is no longer changed. */
  private static final Set<TicketStatus> ENDED =
      EnumSet.of(TicketStatus.CLOSED, TicketStatus.REJECTED, TicketStatus.MERGED);

  private static final Set<String> SETTLED = Set.of("DONE", "NOT_APPLICABLE");

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private final ConsoleTexts texts;
  private final StaffPages staff;
  private final ReasonTexts reasons;

  TicketPages(ConsoleTexts texts, StaffPages staff, ReasonTexts reasons) {
    this.texts = texts;
    this.staff = staff;
    this.reasons = reasons;
  }

  ConsoleTexts texts() {
    return texts;
  }

  ZoneId zone() {
    return texts.zone();
  }

  Instant now() {
    return texts.now();
  }

  MutableHttpResponse<?> missing(Authentication who) {
    return staff
        .forbidden(who, "Ce ticket n'existe pas, ou plus.")
        .status(io.micronaut.http.HttpStatus.NOT_FOUND);
  }

  TicketView view(
      Chrome chrome,
      StaffChrome staffChrome,
      String me,
      TicketDetail t,
      List<TimelineEvent> timeline,
      ReferralOptions options,
      List<String> assignees,
      TicketObservables observables,
      boolean misp,
      String done,
      List<String> errors,
      boolean conflict) {
    return new TicketView(
        chrome,
        staffChrome,
        t.reference(),
        t.victim().name(),
        t.status().name(),
        texts.say("console.status", t.status()),
        texts.say("console.kind", t.kind()),
        t.severity() == null ? null : t.severity().name(),
        t.severity() == null ? null : texts.say("severity", t.severity()),
        t.tlp(),
        t.assignee(),
        me.equals(t.assignee()),
        t.version(),
        victim(t.victim()),
        contact(t),
        incident(t),
        t.triage() == null
            ? List.of()
            : t.triage().factors().stream().map(texts::factor).filter(Objects::nonNull).toList(),
        t.triage() == null
            ? List.of()
            : t.triage().orientations().stream()
                .map(
                    o ->
                        new TicketView.Orientation(
                            texts.say("orientation", o.code() + ".name"),
                            texts.say("orientation", o.code() + ".reason"),
                            o.urgent()))
                .toList(),
        clocks(t.clocks()),
        events(timeline),
        t.referrals().stream()
            .map(
                r ->
                    new TicketView.ReferralLine(
                        r.providerName(),
                        texts.say("console.referral", r.state()),
                        texts.dateTime(r.proposedAt())))
            .toList(),
        t.status() == TicketStatus.NEW,
        transitions(t.status()),
        java.util.Arrays.stream(Outcome.values())
            .map(o -> new TicketView.Choice(o.name(), texts.say("console.outcome", o)))
            .toList(),
        shortlist(options),
        LOCAL.format(texts.now().atZone(texts.zone()).truncatedTo(ChronoUnit.MINUTES)),
        assignees.stream()
            .filter(a -> !a.equals(t.assignee()))
            .map(a -> new TicketView.Choice(a, a))
            .toList(),
        Activity.TLP.stream()
            .map(l -> new TicketView.Choice(l, texts.say("console.tlp", l)))
            .toList(),
        java.util.Arrays.stream(Severity.values())
            .map(v -> new TicketView.Choice(v.name(), v.name() + " — " + texts.say("severity", v)))
            .toList(),
        java.util.Arrays.stream(TicketKind.values())
            .map(k -> new TicketView.Choice(k.name(), texts.say("console.kind", k)))
            .toList(),
        RsitTaxonomy.classes().stream()
            .map(
                c ->
                    new TicketView.Group(
                        texts.say("stats.rsitClass", c),
                        RsitTaxonomy.types(c).stream()
                            .map(type -> new TicketView.Choice(c + "/" + type, type))
                            .toList()))
            .toList(),
        t.kind() == TicketKind.SIGNALEMENT && !ENDED.contains(t.status()),
        Lifecycle.allowed(t.status(), null, null, texts.now()).contains(TicketStatus.MERGED),
        observables == null ? null : observables(observables, misp),
        ENDED.contains(t.status()) ? null : facts(t, timeline),
        done,
        errors,
        conflict);
  }

  private TicketView.Observables observables(TicketObservables o, boolean misp) {
    return new TicketView.Observables(
        o.items().stream()
            .filter(i -> i.retractedAt() == null)
            .map(
                i ->
                    new TicketView.ObservableLine(
                        texts.say("console.observable", i.type()),
                        i.value() == null ? i.raw() : i.value(),
                        i.tlp(),
                        String.join(
                            ", ",
                            i.flags().stream()
                                .map(f -> texts.say("console.observable.flag", f))
                                .toList()),
                        i.sightings().stream()
                            .limit(SEEN_IN_SHOWN)
                            .map(x -> x.reference())
                            .toList(),
                        Math.max(0, i.sightings().size() - SEEN_IN_SHOWN)))
            .toList(),
        o.related().stream()
            .limit(RELATED_SHOWN)
            .map(
                r ->
                    new TicketView.Linked(
                        r.reference(),
                        texts.say("stats.victimCategory", r.victimCategory())
                            + (r.departement() == null ? "" : ", " + r.departement()),
                        String.join(", ", r.shared().stream().map(this::shared).toList())))
            .toList(),
        java.util.Arrays.stream(fr.vigie.tickets.ObservableType.values())
            .map(v -> new TicketView.Choice(v.name(), texts.say("console.observable", v)))
            .toList(),
        Math.max(0, o.related().size() - RELATED_SHOWN),
        o.campaigns().stream().map(c -> c.id()).toList(),
        misp);
  }

  /** The facts form, pre-filled; first on the page while the report waits to be qualified. */
  private TicketView.Facts facts(TicketDetail t, List<TimelineEvent> timeline) {
    long asked = lastId(timeline, "QUALIFICATION_NEEDED");
    boolean prominent = asked > 0 && lastId(timeline, "FACTS_CORRECTED") < asked;
    Victim v = t.victim();
    Incident i = t.incident();
    return new TicketView.Facts(
        prominent,
        java.util.Arrays.stream(fr.vigie.tickets.VictimType.values())
            .map(x -> new TicketView.Choice(x.name(), texts.say("console.victimType", x)))
            .toList(),
        v.type().name(),
        v.name(),
        v.communeCode() == null ? "" : v.communeCode(),
        v.siren() == null ? "" : v.siren(),
        v.headcount() == null ? "" : String.valueOf(v.headcount()),
        java.util.Arrays.stream(fr.vigie.tickets.Threat.values())
            .map(x -> new TicketView.Choice(x.name(), texts.say("console.threat", x)))
            .toList(),
        i.threat().name(),
        java.util.Arrays.stream(fr.vigie.tickets.PersonalData.values())
            .map(x -> new TicketView.Choice(x.name(), texts.say("console.personalData", x)))
            .toList(),
        i.personalData() == null ? "" : i.personalData().name(),
        yesNo(v.cyberInsured()),
        yesNo(v.hasItProvider()),
        LOCAL.format(
            i.discoveredAt().toInstant().atZone(texts.zone()).truncatedTo(ChronoUnit.MINUTES)));
  }

  private static long lastId(List<TimelineEvent> timeline, String type) {
    return timeline.stream()
        .filter(e -> e.type().equals(type))
        .mapToLong(TimelineEvent::id)
        .max()
        .orElse(0);
  }

  private static String yesNo(Boolean value) {
    return value == null ? "" : value ? "oui" : "non";
  }

  /**
   * « EMAIL:x@y » as the observables module writes a shared value → « Adresse électronique x@y ».
   */
  private String shared(String typed) {
    int colon = typed.indexOf(':');
    return colon < 0
        ? typed
        : texts.say("console.observable", typed.substring(0, colon))
            + " "
            + typed.substring(colon + 1);
  }

  private List<TicketView.Choice> transitions(TicketStatus status) {
    Set<TicketStatus> next = EnumSet.noneOf(TicketStatus.class);
    next.addAll(Lifecycle.allowed(status, null, null, texts.now()));
    if (status == TicketStatus.WAITING_ON_VICTIM) {
      // Back to where it was: the service knows which; it refuses the others (409).
      next.addAll(
          EnumSet.of(TicketStatus.QUALIFIED, TicketStatus.REFERRED, TicketStatus.IN_PROGRESS));
    }
    next.remove(TicketStatus.MERGED); // merging names another ticket: the API's endpoint
    return next.stream()
        .map(s -> new TicketView.Choice(s.name(), texts.say("console.status", s)))
        .toList();
  }

  private TicketView.Shortlist shortlist(ReferralOptions o) {
    if (o == null) {
      return null;
    }
    return new TicketView.Shortlist(
        reasons.recommendation(o),
        o.options().stream()
            .map(p -> new TicketView.Provider(p.providerId(), p.name(), reasons.say(p.why())))
            .toList(),
        o.excluded().stream()
            .map(p -> new TicketView.Provider(p.providerId(), p.name(), reasons.say(p.why())))
            .toList(),
        true);
  }

  private List<TicketView.Row> victim(Victim v) {
    List<TicketView.Row> rows = new ArrayList<>();
    rows.add(new TicketView.Row("Nom", v.name()));
    rows.add(new TicketView.Row("Type", texts.say("console.victimType", v.type())));
    add(rows, "SIREN", v.siren());
    add(rows, "Commune (code INSEE)", v.communeCode());
    add(rows, "Département", v.departement());
    add(rows, "Population", v.population());
    add(rows, "Effectif", v.headcount());
    rows.add(new TicketView.Row("NIS 2", texts.say("console.nis2", v.nis2())));
    rows.add(new TicketView.Row("OIV / OSE", yes(v.oiv()) + " / " + yes(v.ose())));
    add(
        rows,
        "Prestataire informatique",
        v.hasItProvider() == null ? null : yes(v.hasItProvider()));
    add(rows, "Assurance cyber", v.cyberInsured() == null ? null : yes(v.cyberInsured()));
    return rows;
  }

  private List<TicketView.Row> contact(TicketDetail t) {
    List<TicketView.Row> rows = new ArrayList<>();
    if (t.contact() != null) {
      add(rows, "Nom", t.contact().name());
      add(rows, "Fonction", t.contact().role());
      add(rows, "Courriel", t.contact().email());
      add(rows, "Téléphone", t.contact().phone());
    }
    return rows;
  }

  private List<TicketView.Row> incident(TicketDetail t) {
    Incident i = t.incident();
    List<TicketView.Row> rows = new ArrayList<>();
    rows.add(new TicketView.Row("Menace", texts.say("console.threat", i.threat())));
    rows.add(new TicketView.Row("Découvert le", texts.dateTime(i.discoveredAt().toInstant())));
    rows.add(new TicketView.Row("Reçu le", texts.dateTime(t.receivedAt())));
    add(rows, "En cours", i.ongoing() == null ? null : yes(i.ongoing()));
    add(
        rows,
        "Attaquant encore présent",
        i.attackerStillPresent() == null ? null : yes(i.attackerStillPresent()));
    add(
        rows,
        "Impact sur le service",
        i.serviceImpact() == null ? null : texts.say("console.serviceImpact", i.serviceImpact()));
    if (!i.affectedServices().isEmpty()) {
      rows.add(
          new TicketView.Row(
              "Services touchés",
              String.join(
                  ", ",
                  i.affectedServices().stream()
                      .map(x -> texts.say("console.service", x))
                      .toList())));
    }
    add(rows, "Étendue", i.scope() == null ? null : texts.say("console.scope", i.scope()));
    add(
        rows,
        "Données personnelles",
        i.personalData() == null ? null : texts.say("console.personalData", i.personalData()));
    add(rows, "Rançon demandée", i.ransomDemanded() == null ? null : yes(i.ransomDemanded()));
    if (t.rsitClass() != null) {
      rows.add(new TicketView.Row("Classe RSIT", t.rsitClass() + " / " + t.rsitType()));
    }
    if (t.triage() != null) {
      rows.add(
          new TicketView.Row(
              "Impact / criticité", t.triage().impact() + " / " + t.triage().criticality()));
    }
    add(rows, "Description", i.description());
    return rows;
  }

  private List<TicketView.ClockLine> clocks(List<ClockView> clocks) {
    return clocks.stream()
        .map(
            c -> {
              String name = texts.say("console.clock", c.code());
              if (name.equals(c.code())) {
                name = texts.say("deadline", c.code());
              }
              boolean running = c.completedAt() == null && c.dueAt() != null;
              boolean toSettle = c.kind().equals("REGULATORY") && !SETTLED.contains(c.state());
              return new TicketView.ClockLine(
                  name,
                  texts.say("console.clock.state", c.state()),
                  running ? texts.relative(c.dueAt()) : null,
                  c.dueAt() == null ? "—" : texts.dateTime(c.dueAt()),
                  running && texts.overdue(c.dueAt()),
                  toSettle ? c.code() : null);
            })
        .toList();
  }

  private List<TicketView.Event> events(List<TimelineEvent> timeline) {
    return timeline.stream()
        .map(
            e ->
                new TicketView.Event(
                    texts.dateTime(e.at()),
                    e.actor() == null ? "" : e.actor(),
                    texts.say("console.event", e.type()),
                    detail(e),
                    e.type().equals("NOTE") && e.details() != null
                        ? String.valueOf(e.details().getOrDefault("tlp", "AMBER"))
                        : null))
        .toList();
  }

  private String detail(TimelineEvent e) {
    Map<String, Object> d = e.details();
    if (d == null) {
      return "";
    }
    switch (e.type()) {
      case "STATUS_CHANGED" -> {
        return texts.say("console.status", d.get("from"))
            + " → "
            + texts.say("console.status", d.get("to"))
            + (d.get("reason") == null
                ? ""
                : " : " + reasons.stored(String.valueOf(d.get("reason"))));
      }
      case "TRIAGE_OVERRIDDEN" -> {
        return triageChange(d);
      }
      case "FACTS_CORRECTED" -> {
        return factsChange(d);
      }
      case "CLOCK_COMPLETED" -> {
        String name = texts.say("deadline", d.get("code"));
        Object at = d.get("at");
        String when =
            at == null ? "" : ", déclaré le " + texts.dateTime(Instant.parse(String.valueOf(at)));
        return name
            + when
            + (d.get("reference") == null ? "" : ", référence " + d.get("reference"))
            + (d.get("note") == null ? "" : " : " + d.get("note"));
      }
      case "CLOCK_NOT_APPLICABLE" -> {
        return texts.say("deadline", d.get("code")) + " : " + d.get("reason");
      }
      case "MERGED_INTO" -> {
        return "dans " + d.get("into");
      }
      case "MERGED_FROM" -> {
        return "doublon " + d.get("duplicate");
      }
      case "ASSIGNED" -> {
        return d.get("assignee") == null ? "remis dans la file" : "à " + d.get("assignee");
      }
      default -> {
        for (String key : List.of("text", "summary", "note", "reason", "provider")) {
          if (d.get(key) != null) {
            String value = String.valueOf(d.get(key));
            // A gap's reason is routing's English sentence: said in French (free text as is).
            return key.equals("reason") ? reasons.stored(value) : value;
          }
        }
        return "";
      }
    }
  }

  /** French names of the facts a correction changes, and the catalogue of their values. */
  private static final Map<String, String[]> FACTS =
      Map.ofEntries(
          Map.entry("victim.type", new String[] {"type de victime", "console.victimType"}),
          Map.entry("victim.name", new String[] {"nom", null}),
          Map.entry("victim.siren", new String[] {"SIREN", null}),
          Map.entry("victim.communeCode", new String[] {"commune", null}),
          Map.entry("victim.departement", new String[] {"département", null}),
          Map.entry("victim.headcount", new String[] {"effectif", null}),
          Map.entry("victim.nis2", new String[] {"NIS 2", "console.nis2"}),
          Map.entry("victim.oiv", new String[] {"OIV", null}),
          Map.entry("victim.ose", new String[] {"OSE", null}),
          Map.entry("victim.sector", new String[] {"secteur", null}),
          Map.entry("victim.hasItProvider", new String[] {"prestataire informatique", null}),
          Map.entry("victim.cyberInsured", new String[] {"assurance cyber", null}),
          Map.entry("incident.threat", new String[] {"menace", "console.threat"}),
          Map.entry("incident.discoveredAt", new String[] {"découverte", null}),
          Map.entry("incident.ongoing", new String[] {"en cours", null}),
          Map.entry("incident.attackerStillPresent", new String[] {"attaquant présent", null}),
          Map.entry(
              "incident.serviceImpact",
              new String[] {"impact sur le service", "console.serviceImpact"}),
          Map.entry("incident.affectedServices", new String[] {"services touchés", null}),
          Map.entry("incident.scope", new String[] {"étendue", "console.scope"}),
          Map.entry(
              "incident.personalData",
              new String[] {"données personnelles", "console.personalData"}),
          Map.entry("incident.dataExfiltrated", new String[] {"données exfiltrées", null}),
          Map.entry("incident.ransomDemanded", new String[] {"rançon demandée", null}),
          Map.entry("incident.fundsTransferred", new String[] {"virement", null}));

  /** « nom : À qualifier → Mairie de Plouzané ; commune : — → 29212 ; gravité P1 : motif ». */
  private String factsChange(Map<String, Object> d) {
    List<String> parts = new ArrayList<>();
    if (d.get("changes") instanceof List<?> changes) {
      for (Object c : changes) {
        if (!(c instanceof Map<?, ?> change)) {
          continue;
        }
        String field = String.valueOf(change.get("field"));
        String[] known = FACTS.getOrDefault(field, new String[] {field, null});
        if (change.get("from") == null && change.get("to") == null) {
          parts.add(known[0] + " modifié");
          continue;
        }
        parts.add(
            known[0]
                + " : "
                + factValue(field, known[1], change.get("from"))
                + " → "
                + factValue(field, known[1], change.get("to")));
      }
    }
    if (d.get("severity") != null) {
      parts.add("gravité " + d.get("severity"));
    }
    return String.join(" ; ", parts) + (d.get("reason") == null ? "" : " : " + d.get("reason"));
  }

  private String factValue(String field, String catalogue, Object value) {
    if (value == null) {
      return "—";
    }
    String text = String.valueOf(value);
    if (catalogue != null) {
      return texts.say(catalogue, text);
    }
    if (field.equals("incident.discoveredAt")) {
      try {
        return texts.dateTime(Instant.parse(text));
      } catch (java.time.format.DateTimeParseException e) {
        return text;
      }
    }
    return switch (text) {
      case "true" -> "Oui";
      case "false" -> "Non";
      default -> text;
    };
  }

  /** « gravité P3 → P1 ; type Signalement → Incident : motif » from an override's details. */
  private String triageChange(Map<String, Object> d) {
    Map<?, ?> from = d.get("from") instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> to = d.get("to") instanceof Map<?, ?> m ? m : Map.of();
    List<String> parts = new ArrayList<>();
    if (!Objects.equals(from.get("severity"), to.get("severity"))) {
      parts.add("gravité " + from.get("severity") + " → " + to.get("severity"));
    }
    if (!Objects.equals(from.get("kind"), to.get("kind"))) {
      parts.add(
          "type "
              + texts.say("console.kind", from.get("kind"))
              + " → "
              + texts.say("console.kind", to.get("kind")));
    }
    if (!Objects.equals(from.get("rsitType"), to.get("rsitType"))
        || !Objects.equals(from.get("rsitClass"), to.get("rsitClass"))) {
      parts.add(
          "classe RSIT "
              + from.get("rsitClass")
              + "/"
              + from.get("rsitType")
              + " → "
              + to.get("rsitClass")
              + "/"
              + to.get("rsitType"));
    }
    return String.join(" ; ", parts) + (d.get("reason") == null ? "" : " : " + d.get("reason"));
  }

  private static void add(List<TicketView.Row> rows, String label, Object value) {
    if (value != null && !String.valueOf(value).isBlank()) {
      rows.add(new TicketView.Row(label, String.valueOf(value)));
    }
  }

  private static String yes(boolean value) {
    return value ? "Oui" : "Non";
  }
}
