package fr.vigie.intake.web;

import fr.vigie.web.StaffPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/**
 * {@code /console/signalement}: an analyst enters a caller's report through the public form itself
 * (same questions, same checks, same {@code IntakeService.submit}), with the channel {@code PHONE}
 * carried in the form's signed state. ANALYST, COORDINATOR, ADMIN, like the console.
 */
@Controller("/console/signalement")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PhoneIntakeController {

  private final StaffPages staff;
  private final ReportFormController form;

  PhoneIntakeController(StaffPages staff, ReportFormController form) {
    this.staff = staff;
    this.form = form;
  }

  @Get
  MutableHttpResponse<?> start(HttpRequest<?> request, @Nullable Authentication who) {
    var refused = staff.refusal(request, who, ReportFormController.DESK);
    if (refused.isPresent()) {
      return refused.get();
    }
    return form.startPhone();
  }
}
