package fr.vigie.intake.web;

import fr.vigie.web.StaffPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
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
@Controller(PhoneIntakeController.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PhoneIntakeController {

  static final String PATH = "/console/signalement";

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

  /** A step of the call's form (the public form's {@code POST /signaler}). */
  @Post
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> next(
      HttpRequest<?> request, @Nullable Authentication who, @Body byte[] body) {
    return desk(request, who).orElseGet(() -> form.next(body));
  }

  /** The call's report sent: the receipt to read to the caller. */
  @Post("/envoyer")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> send(
      HttpRequest<?> request, @Nullable Authentication who, @Body byte[] body) {
    return desk(request, who).orElseGet(() -> form.send(request, body, true));
  }

  /** The live preview of the call's form. */
  @Post("/apercu")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> preview(
      HttpRequest<?> request, @Nullable Authentication who, @Body byte[] body) {
    return desk(request, who).orElseGet(() -> form.preview(body));
  }

  /**
   * The refusal when this is not the desk: no staff session or another role (sign-in page or
   * refusal page), or a post from another site's page (the session cookies are SameSite=Strict, and
   * the signed form state is the form's own token).
   */
  private java.util.Optional<MutableHttpResponse<?>> desk(
      HttpRequest<?> request, @Nullable Authentication who) {
    var refused = staff.refusal(request, who, ReportFormController.DESK);
    if (refused.isPresent()) {
      return refused;
    }
    if (!fr.vigie.security.BrowserSessions.sameOrigin(request)) {
      return java.util.Optional.of(staff.forgedForm(who));
    }
    return java.util.Optional.empty();
  }
}
