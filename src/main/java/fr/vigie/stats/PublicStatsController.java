package fr.vigie.stats;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * The public statistics (no login): a year's coarse cube and headline figures as JSON, the same
 * cube as CSV, and the CSV's Table Schema. A year not published yet is not found (404).
 */
@Controller("/api/v1/public/stats")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PublicStatsController {

  private final OpenData openData;
  private final StatsService stats;

  PublicStatsController(OpenData openData, StatsService stats) {
    this.openData = openData;
    this.stats = stats;
  }

  @Get("/{year}")
  PublicStats year(@PathVariable String year) {
    return openData.publicStats(published(year));
  }

  @Get(value = "/{year}.csv", produces = "text/csv;charset=utf-8")
  HttpResponse<String> csv(@PathVariable String year) {
    int published = published(year);
    return HttpResponse.ok(openData.csv(openData.publicStats(published)))
        .contentType(new MediaType("text/csv;charset=utf-8"))
        .header(
            "Content-Disposition",
            "attachment; filename=\"vigie-statistiques-" + published + ".csv\"");
  }

  @Get(value = "/schema.json", produces = MediaType.APPLICATION_JSON)
  OpenData.TableSchema schema() {
    return openData.schema();
  }

  private int published(String year) {
    if (year == null || !year.matches("[0-9]{4}")) {
      throw fr.vigie.http.ProblemException.notFound("Statistics");
    }
    try {
      return stats.publishedYear("year", Integer.parseInt(year));
    } catch (fr.vigie.http.ProblemException e) {
      throw new fr.vigie.http.ProblemException(
          io.micronaut.http.HttpStatus.NOT_FOUND, e.getMessage());
    }
  }
}
