package fr.vigie.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fr.vigie.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.List;

/**
 * A ticket's referral options and referrals, for the desk. Each options answer is stored as shown
 * (with the reasons for every option and exclusion), and so is the one a referral was chosen from.
 */
@Controller("/api/v1/tickets/{reference}")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReferralController {

  private final Referrals referrals;

  ReferralController(Referrals referrals) {
    this.referrals = referrals;
  }

  /** The provider the analyst (or the victim, on the phone) picked among the options. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  record NewReferral(@Nullable Long providerId) {}

  @Get("/referral-options")
  ReferralOptions options(@PathVariable String reference, Authentication who) {
    return referrals
        .options(reference, who.getName())
        .orElseThrow(() -> ProblemException.notFound("Ticket"));
  }

  @Get("/referrals")
  List<Referral> list(@PathVariable String reference) {
    return referrals.ofTicket(reference);
  }

  @Post("/referrals")
  HttpResponse<Referral> propose(
      @PathVariable String reference, @Body NewReferral body, Authentication who) {
    Referral r = referrals.propose(reference, body.providerId(), who.getName());
    return HttpResponse.created(
        r, URI.create("/api/v1/tickets/" + reference + "/referrals/" + r.id()));
  }
}
