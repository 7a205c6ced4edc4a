package fr.vigie.console.admin;

import fr.vigie.audit.Audit;
import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import fr.vigie.routing.Provider;
import fr.vigie.routing.ProviderDirectory;
import fr.vigie.security.BrowserSessions;
import fr.vigie.security.Role;
import fr.vigie.security.StaffUser;
import fr.vigie.security.UserService;
import fr.vigie.web.Chrome;
import fr.vigie.web.Messages;
import fr.vigie.web.StaffChrome;
import fr.vigie.web.StaffPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /console/utilisateurs/{id}}: an administrator changes one staff account — its roles, the
 * provider a PROVIDER account belongs to, enabled or disabled, its e-mail, and optionally a new
 * password — through {@link UserService#update}, exactly what {@code PUT /api/v1/users/{id}} takes,
 * with its checks and its audit ({@code USER_UPDATED}); opening the page is audited as the API's
 * {@code USER_VIEWED} (it shows the e-mail address). ADMIN only, as on the API. The service refuses
 * to leave no enabled administrator; an administrator may otherwise change their own account, like
 * over the API (their session then ends if their roles or state changed).
 */
@Controller("/console/utilisateurs")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class AccountPage {

  private final StaffPages staff;
  private final BrowserSessions sessions;
  private final UserService users;
  private final ProviderDirectory providers;
  private final Messages messages;
  private final Audit audit;

  AccountPage(
      StaffPages staff,
      BrowserSessions sessions,
      UserService users,
      ProviderDirectory providers,
      Messages messages,
      Audit audit) {
    this.staff = staff;
    this.sessions = sessions;
    this.users = users;
    this.providers = providers;
    this.messages = messages;
    this.audit = audit;
  }

  /** The account page's model: the account, the form (typed or as stored), its mistakes. */
  public record UserView(
      Chrome chrome,
      StaffChrome staff,
      long id,
      String username,
      @Nullable String lockedUntil,
      Map<String, String> form,
      List<DirectoryPages.Option> roles,
      List<DirectoryPages.Option> providers,
      List<Fields.Error> errors,
      @Nullable String done) {

    /** The mistake shown next to the field {@code field}, or null. */
    @Nullable
    public String error(String field) {
      return errors.stream()
          .filter(e -> e.field().equals(field))
          .map(Fields.Error::text)
          .findFirst()
          .orElse(null);
    }
  }

  @Get("/{id}")
  MutableHttpResponse<?> show(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String id,
      @Nullable @QueryValue String fait) {
    var refused = staff.refusal(request, who, AccountPages.ADMIN);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<StaffUser> user = find(id);
    if (user.isEmpty()) {
      return missing(who);
    }
    StaffUser u = user.get();
    audit.record(who.getName(), "USER_VIEWED", "user:" + u.username(), Map.of());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("roles", String.join(",", u.roles().stream().map(Role::name).toList()));
    form.put("prestataire", u.providerId() == null ? "" : Long.toString(u.providerId()));
    form.put("actif", u.enabled() ? "oui" : "");
    form.put("email", u.email() == null ? "" : u.email());
    String done = "modifie".equals(fait) ? messages.get("admin.done.userChanged") : null;
    return page(who, HttpStatus.OK, u, form, List.of(), done);
  }

  @Post("/{id}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> change(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String id,
      @Body byte[] body) {
    var refused = staff.refusal(request, who, AccountPages.ADMIN);
    if (refused.isPresent()) {
      return refused.get();
    }
    Fields form = Fields.parse(body);
    if (!sessions.formAccepted(request, who, form.one(BrowserSessions.FIELD))) {
      return staff.forgedForm(who);
    }
    Optional<StaffUser> user = find(id);
    if (user.isEmpty()) {
      return missing(who);
    }
    StaffUser u = user.get();
    Map<String, String> typed = form.values();
    String password = form.one("motDePasse");
    UserService.UserChange change =
        new UserService.UserChange(
            form.all("roles"),
            providerId(form.text("prestataire")),
            "oui".equals(form.one("actif")),
            form.text("email"),
            password == null || password.isEmpty() ? null : password);
    try {
      users
          .update(who.getName(), u.id(), change)
          .orElseThrow(() -> ProblemException.notFound("User"));
    } catch (ProblemException e) {
      if (e.status() == HttpStatus.NOT_FOUND) {
        return missing(who);
      }
      List<Fields.Error> errors =
          e.status() == HttpStatus.CONFLICT
              ? e.errors().stream()
                  .map(f -> new Fields.Error(f.field(), messages.get("admin.error.lastAdmin")))
                  .toList()
              : Fields.errors(e, messages);
      HttpStatus status =
          e.status() == HttpStatus.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
      return page(who, status, u, typed, errors, null);
    }
    return staff
        .pages()
        .secure(
            HttpResponse.seeOther(URI.create("/console/utilisateurs/" + u.id() + "?fait=modifie")),
            false);
  }

  /**
   * The chosen provider's id; one that is not in the directory becomes -1, which the service
   * refuses as the {@code providerId} field (rather than the database's foreign key, later).
   */
  @Nullable
  private Long providerId(@Nullable String chosen) {
    if (chosen == null) {
      return null;
    }
    if (chosen.matches("[0-9]{1,18}") && providers.get(Long.parseLong(chosen)).isPresent()) {
      return Long.valueOf(chosen);
    }
    return -1L;
  }

  private Optional<StaffUser> find(String id) {
    if (id == null || !id.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return users.byId(Long.parseLong(id));
  }

  private MutableHttpResponse<?> missing(Authentication who) {
    return staff.forbidden(who, messages.get("admin.missing.user")).status(HttpStatus.NOT_FOUND);
  }

  private MutableHttpResponse<?> page(
      Authentication who,
      HttpStatus status,
      StaffUser u,
      Map<String, String> typed,
      List<Fields.Error> errors,
      @Nullable String done) {
    Set<String> chosen = Set.copyOf(Fields.list(typed.get("roles")));
    List<DirectoryPages.Option> roles = new ArrayList<>();
    for (Role role : Role.values()) {
      roles.add(
          new DirectoryPages.Option(
              role.name(),
              messages.get("admin.role." + role.name()),
              chosen.contains(role.name())));
    }
    List<DirectoryPages.Option> providerOptions = new ArrayList<>();
    for (Provider p : providers.page(new Page.Request(0, Page.MAX_SIZE), null).items()) {
      providerOptions.add(
          new DirectoryPages.Option(
              Long.toString(p.id()),
              p.name(),
              Long.toString(p.id()).equals(typed.get("prestataire"))));
    }
    Map<String, String> form = new LinkedHashMap<>();
    for (String key : List.of("roles", "prestataire", "actif", "email")) {
      form.put(key, typed.getOrDefault(key, ""));
    }
    UserView view =
        new UserView(
            staff.pages().chrome(),
            staff.chrome(who),
            u.id(),
            u.username(),
            u.lockedUntil() == null
                ? null
                : Messages.dateTime(u.lockedUntil().atZone(AccountPages.PARIS)),
            form,
            roles,
            providerOptions,
            errors,
            done);
    return staff.pages().page(status, "console/admin/user", view, false);
  }
}
