package fr.vigie.stats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics of officials, coordinators and admins (DESIGN.md §8): the cube, the yearly summary
 * and the statistics by campaign. Officials see figures, never a ticket.
 */
@Controller("/api/v1/stats")
@Secured({"OFFICIAL", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class StatsController {

  private final StatsService stats;
  private final Summaries summaries;
  private final CampaignStatistics campaigns;

  StatsController(StatsService stats, Summaries summaries, CampaignStatistics campaigns) {
    this.stats = stats;
    this.summaries = summaries;
    this.campaigns = campaigns;
  }

  /** See {@link CubeQuery} for the parameters; every parameter is read, unknown ones refused. */
  @Get("/cube")
  CubeAnswer cube(HttpRequest<?> request) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    request.getParameters().forEach((name, values) -> parameters.put(name, values));
    return stats.cube(CubeQuery.parse(parameters));
  }

  @Get("/summary")
  Summary summary(@Nullable @QueryValue String year, HttpRequest<?> request) {
    for (String name : request.getParameters().names()) {
      if (!name.equals("year")) {
        throw fr.vigie.http.ProblemException.malformed(
            name.length() > 64 ? name.substring(0, 64) + "…" : name,
            "unknown parameter; the summary takes only year");
      }
    }
    return summaries.summary(stats.publishedYear("year", parseYear(year)));
  }

  /**
   * The statistics by campaign (issue 21), under the cube's secrecy ({@link CampaignStatistics});
   * takes no parameter.
   */
  @Get("/campaigns")
  CampaignStats campaigns(HttpRequest<?> request) {
    for (String name : request.getParameters().names()) {
      throw fr.vigie.http.ProblemException.malformed(
          name.length() > 64 ? name.substring(0, 64) + "…" : name,
          "unknown parameter; the statistics by campaign take none");
    }
    return campaigns.campaigns();
  }

  static Integer parseYear(String year) {
    if (year == null) {
      return null;
    }
    if (!year.matches("[0-9]{4}")) {
      throw fr.vigie.http.ProblemException.malformed("year", "a year, e.g. 2025");
    }
    return Integer.parseInt(year);
  }
}
