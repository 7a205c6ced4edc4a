package fr.vigie.routing;

import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
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
import java.net.URI;

/** Public contracts with ranked providers: coordinators and administrators write, analysts read. */
@Controller("/api/v1/contracts")
@Secured({"COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class ContractController {

  private final Contracts contracts;

  ContractController(Contracts contracts) {
    this.contracts = contracts;
  }

  @Post
  HttpResponse<Contract> create(@Body ContractRequest request, Authentication who) {
    Contract k = contracts.create(request, who.getName());
    return HttpResponse.created(k, URI.create("/api/v1/contracts/" + k.id()));
  }

  @Get
  @Secured({"ANALYST", "COORDINATOR", "ADMIN"})
  Page<Contract> list(
      @QueryValue(defaultValue = "0") String page, @QueryValue(defaultValue = "50") String size) {
    return contracts.page(Page.Request.parse(page, size));
  }

  @Get("/{id}")
  @Secured({"ANALYST", "COORDINATOR", "ADMIN"})
  Contract get(@PathVariable String id) {
    return contracts.get(Ids.parse(id)).orElseThrow(() -> ProblemException.notFound("Contract"));
  }
}
