package fr.vigie.console;

import fr.vigie.audit.Audit;
import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.TicketQuery;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.TicketSummary;
import fr.vigie.tickets.Tickets;
import fr.vigie.web.StaffPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The queue page {@code /console} (ANALYST, COORDINATOR, ADMIN, like {@code /api/v1/tickets}): the
 * API's filters and sorts, read by the API's own parser, in the URL in French ({@code
 * ?statut=NEW&gravite=P1}) so a view can be bookmarked. {@code /console/file} answers the same list
 * alone; the page's script asks it every few seconds with the last {@code ETag} and replaces the
 * list when it changed (a new report shows within 5 s; without script, the page works alike). Every
 * list shown is audited as the API's ({@code TICKETS_LISTED}).
 */
@Controller("/console")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConsoleController {

  static final Set<String> ROLES = Set.of("ANALYST", "COORDINATOR", "ADMIN");
  static final int SIZE = 50;

  private final StaffPages staff;
  private final Tickets tickets;
  private final ConsoleTexts texts;
  private final Audit audit;

  ConsoleController(StaffPages staff, Tickets tickets, ConsoleTexts texts, Audit audit) {
    this.staff = staff;
    this.tickets = tickets;
    this.texts = texts;
    this.audit = audit;
  }

  /** The URL's filters, as typed (French names); blank values count as absent. */
  record Filter(
      @Nullable String statut,
      @Nullable String gravite,
      @Nullable String type,
      @Nullable String affectation,
      @Nullable String departement,
      @Nullable String menace,
      @Nullable String q,
      @Nullable String tri,
      int page) {

    String query(@Nullable String status, int page) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("statut", status);
      p.put("gravite", gravite);
      p.put("type", type);
      p.put("affectation", affectation);
      p.put("departement", departement);
      p.put("menace", menace);
      p.put("q", q);
      p.put("tri", tri);
      p.put("page", page == 0 ? null : String.valueOf(page));
      StringBuilder s = new StringBuilder();
      p.forEach(
          (k, v) -> {
            if (v != null && !v.isBlank()) {
              s.append(s.length() == 0 ? "?" : "&")
                  .append(k)
                  .append('=')
                  .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
          });
      return s.toString();
    }
  }

  @Get
  MutableHttpResponse<?> queue(HttpRequest<?> request, @Nullable Authentication who) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    Filter filter = filter(request.getParameters());
    return staff.pages().page("console/queue", view(who, filter));
  }

  /**
   * The list alone, for the page's script: 304 when nothing changed since {@code If-None-Match}.
   */
  @Get("/file")
  MutableHttpResponse<?> list(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @Nullable @Header("If-None-Match") String seen) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    Filter filter = filter(request.getParameters());
    Shown shown = shown(who, filter);
    String etag = etag(shown);
    if (etag.equals(seen)) {
      // Nothing new is shown: nothing to put on record either.
      return staff.pages().secure(HttpResponse.notModified(), false).header("ETag", etag);
    }
    QueueView view = render(who, filter, shown);
    return staff.pages().page("console/list", view).header("ETag", etag);
  }

  /** The queue's filters as the page's URL carries them (both the page and its live list). */
  private static Filter filter(io.micronaut.http.HttpParameters p) {
    String page = p.get("page");
    int number = page != null && page.matches("[0-9]{1,5}") ? Integer.parseInt(page) : 0;
    return new Filter(
        blank(p.get("statut")),
        blank(p.get("gravite")),
        blank(p.get("type")),
        blank(p.get("affectation")),
        blank(p.get("departement")),
        blank(p.get("menace")),
        blank(p.get("q")),
        blank(p.get("tri")),
        number);
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** What the page shows: the page of the queue and the counts, or the reason the filters fail. */
  private record Shown(
      Page<TicketSummary> page,
      Map<TicketStatus, Long> counts,
      Map<String, String> tlps,
      String error) {}

  private Shown shown(Authentication who, Filter f) {
    try {
      TicketQuery query = query(who, f, f.statut());
      Page<TicketSummary> page = tickets.page(query);
      Map<TicketStatus, Long> found = tickets.openCounts(query);
      Map<TicketStatus, Long> counts = new LinkedHashMap<>();
      for (TicketStatus s : TicketQuery.OPEN) {
        counts.put(s, found.getOrDefault(s, 0L));
      }
      var tlps = tickets.tlps(page.items().stream().map(TicketSummary::reference).toList());
      return new Shown(page, counts, tlps, null);
    } catch (ProblemException e) {
      Filter none = new Filter(null, null, null, null, null, null, null, null, 0);
      Shown plain = shown(who, none);
      return new Shown(
          plain.page(), plain.counts(), plain.tlps(), texts.get("console.error.filter"));
    }
  }

  private TicketQuery query(Authentication who, Filter f, String status) {
    String assignment = f.affectation();
    String sort =
        f.tri() == null
            ? null
            : switch (f.tri()) {
              case "echeance" -> "due";
              case "creation" -> "created";
              case "gravite" -> "severity";
              default -> f.tri();
            };
    return Tickets.queueQuery(
        status == null ? null : List.of(status),
        f.gravite(),
        f.type(),
        "moi".equals(assignment) ? who.getName() : null,
        "aucune".equals(assignment) ? "true" : null,
        f.departement(),
        f.menace(),
        f.q(),
        sort,
        Page.Request.parse(String.valueOf(f.page()), String.valueOf(SIZE)));
  }

  private QueueView view(Authentication who, Filter f) {
    return render(who, f, shown(who, f));
  }

  private QueueView render(Authentication who, Filter f, Shown shown) {
    // The queue names victims (a private individual's name is personal data): on record.
    audit.record(
        who.getName(),
        "TICKETS_LISTED",
        "tickets",
        Map.of(
            "references",
            shown.page().items().stream().map(TicketSummary::reference).toList(),
            "page",
            "/console"));
    List<QueueView.Line> lines = new ArrayList<>();
    for (TicketSummary t : shown.page().items()) {
      lines.add(
          new QueueView.Line(
              t.reference(),
              "/console/tickets/" + t.reference(),
              t.victimName(),
              t.departement() == null ? "" : t.departement(),
              t.status().name(),
              texts.say("console.status", t.status()),
              texts.say("console.kind", t.kind()),
              t.severity() == null ? null : t.severity().name(),
              t.severity() == null ? null : texts.say("severity", t.severity()),
              shown.tlps().getOrDefault(t.reference(), "AMBER"),
              texts.say("console.threat", t.threat()),
              t.nextDueAt() == null ? null : texts.relative(t.nextDueAt()),
              t.nextDueAt() == null ? null : texts.when(t.nextDueAt()),
              texts.overdue(t.nextDueAt()),
              t.assignee()));
    }
    List<QueueView.Count> counts = new ArrayList<>();
    shown
        .counts()
        .forEach(
            (status, n) ->
                counts.add(
                    new QueueView.Count(
                        status.name(),
                        texts.say("console.status", status),
                        n,
                        "/console" + f.query(status.name(), 0),
                        status.name().equals(f.statut()))));
    long total = shown.page().total();
    int page = f.page();
    String previous = page > 0 ? "/console" + f.query(f.statut(), page - 1) : null;
    String next =
        (long) (page + 1) * SIZE < total ? "/console" + f.query(f.statut(), page + 1) : null;
    return new QueueView(
        staff.pages().chrome(),
        staff.chrome(who),
        filters(f),
        counts,
        lines,
        total,
        previous,
        next,
        "/console/file" + f.query(f.statut(), page),
        shown.error(),
        who.getRoles().contains("COORDINATOR") || who.getRoles().contains("ADMIN"));
  }

  private QueueView.Filters filters(Filter f) {
    List<QueueView.Option> statuses = new ArrayList<>();
    statuses.add(new QueueView.Option("", "Tous les tickets ouverts", f.statut() == null));
    for (TicketStatus s : EnumSet.allOf(TicketStatus.class)) {
      statuses.add(option(s.name(), texts.say("console.status", s), f.statut()));
    }
    List<QueueView.Option> severities = new ArrayList<>();
    severities.add(new QueueView.Option("", "Toutes", f.gravite() == null));
    for (Severity s : Severity.values()) {
      severities.add(option(s.name(), s.name() + " — " + texts.say("severity", s), f.gravite()));
    }
    List<QueueView.Option> kinds = new ArrayList<>();
    kinds.add(new QueueView.Option("", "Tous", f.type() == null));
    for (TicketKind k : TicketKind.values()) {
      kinds.add(option(k.name(), texts.say("console.kind", k), f.type()));
    }
    List<QueueView.Option> assignments =
        List.of(
            new QueueView.Option("", "Tous", f.affectation() == null),
            option("moi", "Les miens", f.affectation()),
            option("aucune", "Non affectés", f.affectation()));
    List<QueueView.Option> threats = new ArrayList<>();
    threats.add(new QueueView.Option("", "Toutes", f.menace() == null));
    for (Threat t : Threat.values()) {
      threats.add(option(t.name(), texts.say("console.threat", t), f.menace()));
    }
    List<QueueView.Option> sorts =
        List.of(
            new QueueView.Option(
                "echeance",
                "Échéance la plus proche",
                f.tri() == null || "echeance".equals(f.tri())),
            option("gravite", "Gravité", f.tri()),
            option("creation", "Les plus récents", f.tri()));
    return new QueueView.Filters(
        statuses,
        severities,
        kinds,
        assignments,
        threats,
        sorts,
        f.departement() == null ? "" : f.departement(),
        f.q() == null ? "" : f.q());
  }

  private static QueueView.Option option(String value, String label, String selected) {
    return new QueueView.Option(value, label, value.equals(selected));
  }

  /** A digest of what the list shows, minute by minute (the « dans 25 min » change with time). */
  private String etag(Shown shown) {
    StringBuilder s = new StringBuilder();
    s.append(texts.now().getEpochSecond() / 60).append('|').append(shown.error());
    shown.counts().forEach((k, v) -> s.append(k).append(v));
    for (TicketSummary t : shown.page().items()) {
      s.append(t).append(shown.tlps().get(t.reference()));
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
