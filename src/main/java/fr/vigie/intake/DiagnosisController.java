package fr.vigie.intake;

import fr.vigie.triage.Diagnosis;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * {@code POST /api/v1/intake/diagnosis}: what a report would mean (severity, orientations,
 * deadlines, first aid) before it is sent. Same body and rules as a report; nothing is stored.
 */
@Controller("/api/v1/intake/diagnosis")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class DiagnosisController {

  private final IntakeService intake;

  DiagnosisController(IntakeService intake) {
    this.intake = intake;
  }

  @Post
  @Consumes(MediaType.APPLICATION_JSON)
  Diagnosis diagnose(@Body byte[] body) {
    return intake.diagnose(body);
  }
}
