package fr.vigie.security;

import fr.vigie.audit.Audit;
import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;
import java.util.Map;

/** Staff accounts, for administrators only. Reading them is audited (e-mail addresses). */
@Controller("/api/v1/users")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
final class UserController {

  private final UserService users;
  private final Audit audit;

  UserController(UserService users, Audit audit) {
    this.users = users;
    this.audit = audit;
  }

  @Post
  HttpResponse<StaffUser> create(@Body UserService.NewUser request, Authentication who) {
    StaffUser user = users.create(who.getName(), request);
    return HttpResponse.created(user, URI.create("/api/v1/users/" + user.id()));
  }

  @Get
  Page<StaffUser> list(
      @QueryValue(defaultValue = "0") String page,
      @QueryValue(defaultValue = "50") String size,
      Authentication who) {
    Page.Request request = Page.Request.parse(page, size);
    Page<StaffUser> answer =
        new Page<>(
            users.page(request.page(), request.size()),
            request.page(),
            request.size(),
            users.count());
    audit.record(
        who.getName(),
        "USERS_LISTED",
        "users",
        Map.of("ids", answer.items().stream().map(StaffUser::id).toList()));
    return answer;
  }

  @Get("/{id}")
  StaffUser get(@PathVariable String id, Authentication who) {
    StaffUser user = users.byId(parseId(id)).orElseThrow(() -> ProblemException.notFound("User"));
    audit.record(who.getName(), "USER_VIEWED", "user:" + user.username(), Map.of());
    return user;
  }

  /**
   * Changes roles, provider, enabled state or e-mail, or resets the password (which also lifts a
   * lockout). Any change but the e-mail ends the user's sessions.
   */
  @Put("/{id}")
  StaffUser update(
      @PathVariable String id, @Body UserService.UserChange change, Authentication who) {
    return users
        .update(who.getName(), parseId(id), change)
        .orElseThrow(() -> ProblemException.notFound("User"));
  }

  private static long parseId(String id) {
    if (id.length() <= 18 && id.matches("[0-9]+")) {
      return Long.parseLong(id);
    }
    throw ProblemException.malformed("id", "a user's numeric id");
  }
}
