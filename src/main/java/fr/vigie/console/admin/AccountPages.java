package fr.vigie.console.admin;

import fr.vigie.audit.Audit;
import fr.vigie.audit.AuditCheck;
import fr.vigie.audit.Verification;
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
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The administrators' pages: {@code /console/utilisateurs} (the staff accounts with their roles,
 * lockouts and provider, and a form to create one, through {@link UserService} as {@code POST
 * /api/v1/users}; listing is audited as the API's {@code USERS_LISTED}: e-mail addresses; each
 * account is changed at {@code /console/utilisateurs/{id}}, {@link AccountPage}) and {@code
 * /console/journal} (the audit log's chain verified now, as {@code GET /api/v1/audit/verify}).
 * ADMIN only, as on the API.
 */
@Controller("/console")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class AccountPages {

  static final Set<String> ADMIN = Set.of("ADMIN");
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final StaffPages staff;
  private final BrowserSessions sessions;
  private final UserService users;
  private final ProviderDirectory providers;
  private final AuditCheck check;
  private final Messages messages;
  private final Audit audit;

  AccountPages(
      StaffPages staff,
      BrowserSessions sessions,
      UserService users,
      ProviderDirectory providers,
      AuditCheck check,
      Messages messages,
      Audit audit) {
    this.staff = staff;
    this.sessions = sessions;
    this.users = users;
    this.providers = providers;
    this.check = check;
    this.messages = messages;
    this.audit = audit;
  }

  /** One account as the page shows it. */
  public record UserRow(
      long id,
      String username,
      String roles,
      @Nullable String provider,
      @Nullable String email,
      boolean enabled,
      @Nullable String lockedUntil) {}

  /** The accounts page's model. */
  public record UsersView(
      Chrome chrome,
      StaffChrome staff,
      List<UserRow> users,
      long total,
      Map<String, String> form,
      List<DirectoryPages.Option> roles,
      List<DirectoryPages.Option> providers,
      List<Fields.Error> errors,
      @Nullable String done,
      Paging paging) {}

  /**
   * Which accounts the table shows: {@code first} to {@code last} (1-based) of the total, and the
   * neighbouring pages' numbers (null when there is none).
   */
  public record Paging(long first, long last, @Nullable Integer previous, @Nullable Integer next) {}

  /** Accounts per page of the list. */
  static final int PAGE_SIZE = Page.MAX_SIZE;

  /** The audit page's model. */
  public record AuditView(
      Chrome chrome, StaffChrome staff, boolean ok, long entries, @Nullable Long firstBrokenSeq) {}

  @Get("/utilisateurs")
  MutableHttpResponse<?> usersPage(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @Nullable @QueryValue String fait,
      @Nullable @QueryValue String page) {
    var refused = staff.refusal(request, who, ADMIN);
    if (refused.isPresent()) {
      return refused.get();
    }
    // « page » counts from 1 as people do; anything else shows the first page.
    int number = page != null && page.matches("[1-9][0-9]{0,5}") ? Integer.parseInt(page) : 1;
    return usersPage(
        who,
        HttpStatus.OK,
        Map.of(),
        List.of(),
        "ajoute".equals(fait) ? "admin.done.user" : null,
        number - 1);
  }

  @Post("/utilisateurs")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> addUser(
      HttpRequest<?> request, @Nullable Authentication who, @Body byte[] body) {
    var refused = staff.refusal(request, who, ADMIN);
    if (refused.isPresent()) {
      return refused.get();
    }
    Fields form = Fields.parse(body);
    if (!sessions.formAccepted(request, who, form.one(BrowserSessions.FIELD))) {
      return staff.forgedForm(who);
    }
    String provider = form.text("prestataire");
    Long providerId = null;
    if (provider != null && provider.matches("\\d{1,18}")) {
      providerId = Long.valueOf(provider);
    }
    try {
      users.create(
          who.getName(),
          new UserService.NewUser(
              form.text("identifiant"),
              form.one("motDePasse"),
              form.all("roles"),
              providerId,
              form.text("email")));
    } catch (ProblemException e) {
      return usersPage(
          who, HttpStatus.UNPROCESSABLE_ENTITY, form.values(), Fields.errors(e, messages), null, 0);
    }
    return staff
        .pages()
        .secure(HttpResponse.seeOther(URI.create("/console/utilisateurs?fait=ajoute")), false);
  }

  @Get("/journal")
  MutableHttpResponse<?> auditPage(HttpRequest<?> request, @Nullable Authentication who) {
    var refused = staff.refusal(request, who, ADMIN);
    if (refused.isPresent()) {
      return refused.get();
    }
    Verification v = check.verifyNow();
    return staff
        .pages()
        .page(
            HttpStatus.OK,
            "console/admin/audit",
            new AuditView(
                staff.pages().chrome(), staff.chrome(who), v.ok(), v.entries(), v.firstBrokenSeq()),
            false);
  }

  private MutableHttpResponse<?> usersPage(
      Authentication who,
      HttpStatus status,
      Map<String, String> typed,
      List<Fields.Error> errors,
      @Nullable String done,
      int pageIndex) {
    Map<Long, String> providerNames = new HashMap<>();
    List<DirectoryPages.Option> providerOptions = new ArrayList<>();
    for (Provider p : providers.page(new Page.Request(0, Page.MAX_SIZE), null).items()) {
      providerNames.put(p.id(), p.name());
      providerOptions.add(
          new DirectoryPages.Option(
              Long.toString(p.id()),
              p.name(),
              Long.toString(p.id()).equals(typed.get("prestataire"))));
    }
    long total = users.count();
    int lastIndex = (int) Math.max(0, (total - 1) / PAGE_SIZE);
    int index = Math.min(pageIndex, lastIndex);
    List<StaffUser> accounts = users.page(index, PAGE_SIZE);
    audit.record(
        who.getName(),
        "USERS_LISTED",
        "users",
        Map.of("ids", accounts.stream().map(StaffUser::id).toList()));
    List<UserRow> rows = new ArrayList<>();
    for (StaffUser u : accounts) {
      rows.add(
          new UserRow(
              u.id(),
              u.username(),
              String.join(
                  ", ",
                  u.roles().stream().map(r -> messages.get("admin.role." + r.name())).toList()),
              u.providerId() == null ? null : providerNames.get(u.providerId()),
              u.email(),
              u.enabled(),
              u.lockedUntil() == null ? null : Messages.dateTime(u.lockedUntil().atZone(PARIS))));
    }
    Set<String> chosen = Set.copyOf(Fields.list(typed.get("roles")));
    List<DirectoryPages.Option> roles = new ArrayList<>();
    for (Role role : Role.values()) {
      roles.add(
          new DirectoryPages.Option(
              role.name(),
              messages.get("admin.role." + role.name()),
              chosen.contains(role.name())));
    }
    UsersView view =
        new UsersView(
            staff.pages().chrome(),
            staff.chrome(who),
            rows,
            total,
            typed,
            roles,
            providerOptions,
            errors,
            done == null ? null : messages.get(done),
            new Paging(
                accounts.isEmpty() ? 0 : (long) index * PAGE_SIZE + 1,
                (long) index * PAGE_SIZE + accounts.size(),
                index > 0 ? index : null,
                index < lastIndex ? index + 2 : null));
    return staff.pages().page(status, "console/admin/users", view, false);
  }
}
