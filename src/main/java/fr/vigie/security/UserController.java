package fr.vigie.security;

import fr.vigie.http.Page;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.net.URI;

/** Staff accounts, for administrators only. */
@Controller("/api/v1/users")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
final class UserController {

  private final UserService users;

  UserController(UserService users) {
    this.users = users;
  }

  @Post
  HttpResponse<StaffUser> create(@Body UserService.NewUser request) {
    StaffUser user = users.create(request);
    return HttpResponse.created(user, URI.create("/api/v1/users/" + user.id()));
  }

  @Get
  Page<StaffUser> list(
      @QueryValue(defaultValue = "0") String page, @QueryValue(defaultValue = "50") String size) {
    Page.Request request = Page.Request.parse(page, size);
    return new Page<>(
        users.page(request.page(), request.size()), request.page(), request.size(), users.count());
  }
}
