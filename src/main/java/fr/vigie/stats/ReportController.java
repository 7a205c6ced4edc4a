package fr.vigie.stats;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.List;

/**
 * The yearly report as a PDF ({@link YearlyReport}), for the same callers as the other statistics
 * and under the same publication rules: a year that is not a year Vigie could publish (not four
 * digits, before 2000 or after 2100) is not found (404), a year not published yet is refused saying
 * when it will be (422); both name {@code year}.
 */
@Controller("/api/v1/stats/report")
@Secured({"OFFICIAL", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportController {

  private final StatsService stats;
  private final YearlyReport report;

  ReportController(StatsService stats, YearlyReport report) {
    this.stats = stats;
    this.report = report;
  }

  @Get(value = "/{year}.pdf", produces = MediaType.APPLICATION_PDF)
  HttpResponse<byte[]> pdf(@PathVariable String year, HttpRequest<?> request) {
    for (String name : request.getParameters().names()) {
      throw ProblemException.malformed(
          name.length() > 64 ? name.substring(0, 64) + "…" : name,
          "unknown parameter; the report takes none (the year is in the path: 2025.pdf)");
    }
    int published = stats.publishedYear("year", known(year));
    return HttpResponse.ok(report.pdf(published))
        .contentType(MediaType.APPLICATION_PDF_TYPE)
        .header(
            "Content-Disposition",
            "attachment; filename=\"vigie-rapport-statistique-" + published + ".pdf\"");
  }

  private static int known(String year) {
    if (year != null && year.matches("[0-9]{4}")) {
      int y = Integer.parseInt(year);
      if (y >= 2000 && y <= 2100) {
        return y;
      }
    }
    throw new ProblemException(
        HttpStatus.NOT_FOUND,
        "No yearly report for this year.",
        List.of(new FieldError("year", "a year between 2000 and 2100, e.g. 2025")));
  }
}
