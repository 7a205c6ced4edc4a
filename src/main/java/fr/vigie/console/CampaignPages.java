package fr.vigie.console;

import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import fr.vigie.observables.CampaignView;
import fr.vigie.observables.Campaigns;
import fr.vigie.observables.Sharing;
import fr.vigie.security.BrowserSessions;
import fr.vigie.web.Chrome;
import fr.vigie.web.StaffChrome;
import fr.vigie.web.StaffPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code /console/campagnes}: the campaigns Vigie grouped (issue 21: the same observable, or the
 * same threat in one département within days), and one campaign's tickets and shared observables,
 * with « Clore la campagne » and « Partager vers MISP » — the services of {@code
 * /api/v1/campaigns/…} ({@link Campaigns}, {@link Sharing}). Merging and splitting stay in the API.
 */
@Controller("/console/campagnes")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class CampaignPages {

  private final StaffPages staff;
  private final Campaigns campaigns;
  private final Sharing sharing;
  private final BrowserSessions sessions;
  private final ConsoleTexts texts;

  CampaignPages(
      StaffPages staff,
      Campaigns campaigns,
      Sharing sharing,
      BrowserSessions sessions,
      ConsoleTexts texts) {
    this.staff = staff;
    this.campaigns = campaigns;
    this.sharing = sharing;
    this.sessions = sessions;
    this.texts = texts;
  }

  /** The list's model. */
  public record ListView(Chrome chrome, StaffChrome staff, List<Line> open, long total) {}

  /** A campaign of the list. */
  public record Line(
      long id, String basis, String what, String openedAt, String lastSeen, int tickets) {}

  /** One campaign's model. */
  public record OneView(
      Chrome chrome,
      StaffChrome staff,
      long id,
      String basis,
      String what,
      String state,
      boolean open,
      List<Member> tickets,
      List<String> observables,
      @Nullable String done) {}

  /** A ticket of the campaign: no victim name (DESIGN.md §6). */
  public record Member(String reference, String who, String sightedAt) {}

  @Get
  MutableHttpResponse<?> list(HttpRequest<?> request, @Nullable Authentication who) {
    var refused = staff.refusal(request, who, ConsoleController.ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    var page = campaigns.page("OPEN", new Page.Request(0, Page.MAX_SIZE));
    List<Line> lines =
        page.items().stream()
            .map(
                c ->
                    new Line(
                        c.id(),
                        texts.say("console.campaign.basis", c.basis()),
                        what(c.threat(), c.departement()),
                        texts.dateTime(c.openedAt()),
                        c.lastSighting() == null ? "—" : texts.dateTime(c.lastSighting()),
                        c.tickets()))
            .toList();
    return staff
        .pages()
        .page(
            HttpStatus.OK,
            "console/campaigns",
            new ListView(staff.pages().chrome(), staff.chrome(who), lines, page.total()),
            false);
  }

  @Get("/{id}")
  MutableHttpResponse<?> one(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String id,
      @Nullable @QueryValue String fait) {
    var refused = staff.refusal(request, who, ConsoleController.ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<CampaignView> found = parse(id).flatMap(campaigns::one);
    if (found.isEmpty()) {
      return missing(who);
    }
    CampaignView c = found.get();
    String done = "ferme".equals(fait) || "partage".equals(fait) ? fait : null;
    OneView view =
        new OneView(
            staff.pages().chrome(),
            staff.chrome(who),
            c.id(),
            texts.say("console.campaign.basis", c.basis()),
            c.observableValue() != null
                ? texts.say("console.observable", c.observableType()) + " " + c.observableValue()
                : what(c.threat(), c.departement()),
            texts.say("console.campaign.state", c.state()),
            c.state().equals("OPEN"),
            c.tickets().stream()
                .map(
                    m ->
                        new Member(
                            m.reference(),
                            texts.say("stats.victimCategory", m.victimCategory())
                                + (m.departement() == null ? "" : ", " + m.departement()),
                            texts.dateTime(m.sightedAt())))
                .toList(),
            c.observables().stream()
                .map(
                    o ->
                        texts.say("console.observable", o.type())
                            + " "
                            + o.value()
                            + " (TLP:"
                            + o.tlp().replace('_', '+')
                            + ", "
                            + o.tickets()
                            + " tickets)")
                .toList(),
            done == null ? null : texts.say("console.done.campaign", done));
    return staff.pages().page(HttpStatus.OK, "console/campaign", view, false);
  }

  @Post("/{id}/{action}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> act(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String id,
      @PathVariable String action,
      @Body byte[] body) {
    var refused = staff.refusal(request, who, ConsoleController.ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    var form = StaffPages.form(body);
    if (!sessions.formAccepted(request, who, StaffPages.one(form, BrowserSessions.FIELD))) {
      return staff.forgedForm(who);
    }
    Optional<Long> campaign = parse(id);
    if (campaign.isEmpty() || !List.of("clore", "partager").contains(action)) {
      return missing(who);
    }
    boolean found;
    try {
      found =
          action.equals("clore")
              ? campaigns.close(campaign.get(), who.getName()).isPresent()
              : sharing.push("campaign:" + campaign.get(), who.getName()).isPresent();
    } catch (ProblemException e) {
      if (e.status() == HttpStatus.NOT_FOUND) {
        return missing(who);
      }
      // Closed meanwhile, or nothing to close: the page shows where it stands.
      found = true;
    }
    if (!found) {
      return missing(who);
    }
    return staff
        .pages()
        .secure(
            HttpResponse.seeOther(
                URI.create(
                    "/console/campagnes/"
                        + campaign.get()
                        + "?fait="
                        + (action.equals("clore") ? "ferme" : "partage"))),
            false);
  }

  private String what(@Nullable String threat, @Nullable String departement) {
    return (threat == null ? "" : texts.say("console.threat", threat))
        + (departement == null ? "" : ", département " + departement);
  }

  private static Optional<Long> parse(String id) {
    return id.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
  }

  private MutableHttpResponse<?> missing(Authentication who) {
    return staff.forbidden(who, "Cette campagne n'existe pas.").status(HttpStatus.NOT_FOUND);
  }
}
