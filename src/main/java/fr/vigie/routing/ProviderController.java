package fr.vigie.routing;

import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.Tickets;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;

/**
 * The provider directory: coordinators and administrators write it, analysts read it to explain a
 * shortlist. PUT replaces a provider; {@code If-Match: "v3"} guards against overwriting a change.
 */
@Controller("/api/v1/providers")
@Secured({"COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class ProviderController {

  private final ProviderDirectory directory;

  ProviderController(ProviderDirectory directory) {
    this.directory = directory;
  }

  @Post
  HttpResponse<Provider> create(@Body ProviderRequest request, Authentication who) {
    Provider p = directory.create(request, who.getName());
    return HttpResponse.created(p, URI.create("/api/v1/providers/" + p.id()))
        .header("ETag", Tickets.etag(p.version()));
  }

  @Get
  @Secured({"ANALYST", "COORDINATOR", "ADMIN"})
  Page<Provider> list(
      @QueryValue(defaultValue = "0") String page,
      @QueryValue(defaultValue = "50") String size,
      @Nullable @QueryValue String active) {
    Boolean only = null;
    if (active != null) {
      if (!"true".equals(active) && !"false".equals(active)) {
        throw ProblemException.malformed("active", "true or false");
      }
      only = Boolean.valueOf(active);
    }
    return directory.page(Page.Request.parse(page, size), only);
  }

  @Get("/{id}")
  @Secured({"ANALYST", "COORDINATOR", "ADMIN"})
  HttpResponse<Provider> get(@PathVariable String id) {
    Provider p = directory.get(Ids.parse(id)).orElseThrow(() -> notFound());
    return HttpResponse.ok(p).header("ETag", Tickets.etag(p.version()));
  }

  @Put("/{id}")
  HttpResponse<Provider> update(
      @PathVariable String id,
      @Body ProviderRequest request,
      @Nullable @Header("If-Match") String ifMatch,
      Authentication who) {
    Provider p =
        directory
            .update(Ids.parse(id), request, Tickets.ifMatch(ifMatch), who.getName())
            .orElseThrow(() -> notFound());
    return HttpResponse.ok(p).header("ETag", Tickets.etag(p.version()));
  }

  private static ProblemException notFound() {
    return ProblemException.notFound("Provider");
  }
}
