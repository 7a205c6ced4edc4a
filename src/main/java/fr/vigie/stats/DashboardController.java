package fr.vigie.stats;

import fr.vigie.http.ProblemException;
import fr.vigie.web.StaffPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.Set;

/**
 * The statistics pages (DESIGN.md §12): the officials' dashboard ({@code /tableau-de-bord},
 * OFFICIAL, COORDINATOR, ADMIN, like {@code /api/v1/stats}; signed in with the browser session of
 * {@code /connexion}), the CSV of each of its charts, and the public statistics ({@code
 * /statistiques}, no login). Every figure comes from the cube, the summary or the open data.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class DashboardController {

  static final Set<String> ROLES = Set.of("OFFICIAL", "COORDINATOR", "ADMIN");

  private final StaffPages staff;
  private final StatsPages content;
  private final YearlyReport report;

  DashboardController(StaffPages staff, StatsPages content, YearlyReport report) {
    this.staff = staff;
    this.content = content;
    this.report = report;
  }

  @Get("/tableau-de-bord")
  MutableHttpResponse<?> dashboard(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @Nullable @QueryValue String annee,
      @Nullable @QueryValue String periode,
      @Nullable @QueryValue String departement,
      @Nullable @QueryValue String categorie) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    var filters = content.filters(annee, periode, departement, categorie);
    return staff
        .pages()
        .page(
            "stats/dashboard",
            content.dashboard(staff.pages().chrome(), staff.chrome(who), filters));
  }

  /** The CSV of one chart of the dashboard, with the same filters: exactly what it shows. */
  @Get("/tableau-de-bord/donnees/{chart}.csv")
  MutableHttpResponse<?> csv(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String chart,
      @Nullable @QueryValue String annee,
      @Nullable @QueryValue String periode,
      @Nullable @QueryValue String departement,
      @Nullable @QueryValue String categorie) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    var filters = content.filters(annee, periode, departement, categorie);
    var view = content.dashboard(staff.pages().chrome(), staff.chrome(who), filters);
    StatsPages.ChartView shown =
        chart.equals("departements")
            ? view.map().table()
            : view.charts().stream()
                .filter(c -> c.id().equals(chart))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Chart"));
    return HttpResponse.ok(StatsPages.csv(shown))
        .contentType(new MediaType("text/csv;charset=utf-8"))
        .header(
            "Content-Disposition",
            "attachment; filename=\"vigie-"
                + shown.id()
                + "-"
                + filters.query().replaceAll("[^A-Za-z0-9-]+", "-")
                + ".csv\"");
  }

  /**
   * The yearly report of a year the dashboard offers, for the browser session: the same document as
   * {@code GET /api/v1/stats/report/{year}.pdf} (same service, same roles), which takes bearer
   * tokens only (the session cookie never opens {@code /api/}).
   */
  @Get("/tableau-de-bord/rapport/{annee}.pdf")
  MutableHttpResponse<?> report(
      HttpRequest<?> request, @Nullable Authentication who, @PathVariable String annee) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    int year = content.filters(annee, null, null, null).year();
    if (!String.valueOf(year).equals(annee)) {
      throw ProblemException.notFound("Report");
    }
    return HttpResponse.ok(report.pdf(year))
        .contentType(MediaType.APPLICATION_PDF_TYPE)
        .header(
            "Content-Disposition",
            "attachment; filename=\"vigie-rapport-statistique-" + year + ".pdf\"");
  }

  @Get("/statistiques")
  MutableHttpResponse<?> publicPage(@Nullable @QueryValue String annee) {
    int year = content.filters(annee, null, null, null).year();
    return staff.pages().page("stats/openData", content.publicPage(staff.pages().chrome(), year));
  }
}
