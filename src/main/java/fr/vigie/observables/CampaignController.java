package fr.vigie.observables;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fr.vigie.http.Page;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.List;
import java.util.Set;

/** Campaigns: list, detail, and the analysts' merge, split and close. */
@Controller("/api/v1/campaigns")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class CampaignController {

  static final Set<String> STATES = Set.of("OPEN", "CLOSED", "MERGED");

  private final Campaigns campaigns;

  CampaignController(Campaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Merge(@Nullable Long into) {}

  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Split(@Nullable List<String> tickets) {}

  @Get
  Page<CampaignView.Summary> list(
      @Nullable @QueryValue String state,
      @QueryValue(defaultValue = "0") String page,
      @QueryValue(defaultValue = "50") String size) {
    if (state != null && !STATES.contains(state)) {
      throw ProblemException.malformed("state", "expected one of " + STATES);
    }
    return campaigns.page(state, Page.Request.parse(page, size));
  }

  @Get("/{id}")
  CampaignView one(@PathVariable String id) {
    return campaigns
        .one(ObservableController.parseId(id))
        .orElseThrow(() -> ProblemException.notFound("Campaign"));
  }

  @Post("/{id}/merge")
  CampaignView merge(@PathVariable String id, @Body Merge body, Authentication who) {
    if (body.into() == null || body.into() <= 0) {
      throw ProblemException.invalid(List.of(new FieldError("into", "the campaign to merge into")));
    }
    return campaigns
        .merge(ObservableController.parseId(id), body.into(), who.getName())
        .orElseThrow(() -> ProblemException.notFound("Campaign"));
  }

  @Post("/{id}/split")
  HttpResponse<CampaignView> split(@PathVariable String id, @Body Split body, Authentication who) {
    if (body.tickets() != null && body.tickets().size() > 500) {
      throw ProblemException.invalid(List.of(new FieldError("tickets", "at most 500 tickets")));
    }
    CampaignView created =
        campaigns
            .split(ObservableController.parseId(id), body.tickets(), who.getName())
            .orElseThrow(() -> ProblemException.notFound("Campaign"));
    return HttpResponse.created(created, URI.create("/api/v1/campaigns/" + created.id()));
  }

  @Post("/{id}/close")
  CampaignView close(@PathVariable String id, Authentication who) {
    return campaigns
        .close(ObservableController.parseId(id), who.getName())
        .orElseThrow(() -> ProblemException.notFound("Campaign"));
  }
}
