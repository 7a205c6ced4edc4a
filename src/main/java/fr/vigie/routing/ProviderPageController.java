package fr.vigie.routing;

import fr.vigie.http.ProblemException;
import fr.vigie.security.BrowserSessions;
import fr.vigie.web.Chrome;
import fr.vigie.web.FieldProblem;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /console/prestataires/nouveau}: a coordinator adds a provider to the directory, and {@code
 * /console/prestataires/{id}}: changes one (COORDINATOR, ADMIN, like {@code POST} and {@code PUT
 * /api/v1/providers}), through {@link ProviderDirectory#create} and {@link
 * ProviderDirectory#update}, which check every field as for the API. Both pages show the same form
 * ({@link ProviderForm}, {@code routing/providerForm.jte}). The change carries the version the page
 * showed, as the API's {@code If-Match}: a provider changed meanwhile is not overwritten. A webhook
 * is set over the API (its secret is not a page's); a change from the page keeps it.
 */
@Controller("/console/prestataires")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class ProviderPageController {

  static final Set<String> ROLES = Set.of("COORDINATOR", "ADMIN");

  private final StaffPages staff;
  private final BrowserSessions sessions;
  private final ProviderDirectory directory;
  private final ProviderForm form;
  private final Messages messages;

  ProviderPageController(
      StaffPages staff,
      BrowserSessions sessions,
      ProviderDirectory directory,
      ProviderForm form,
      Messages messages) {
    this.staff = staff;
    this.sessions = sessions;
    this.directory = directory;
    this.form = form;
    this.messages = messages;
  }

  /** The « nouveau » page's model: the form, or what was done. */
  public record NewProviderView(
      Chrome chrome, StaffChrome staff, ProviderForm.View form, @Nullable String done) {}

  /**
   * The change page's model: the provider (its id, name as stored, the version the form was filled
   * from), the form, what was done, and whether someone changed it meanwhile.
   */
  public record EditProviderView(
      Chrome chrome,
      StaffChrome staff,
      long id,
      String name,
      int version,
      ProviderForm.View form,
      @Nullable String done,
      boolean conflict) {}

  @Get("/nouveau")
  MutableHttpResponse<?> form(
      HttpRequest<?> request, @Nullable Authentication who, @Nullable @QueryValue String ajoute) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    String done =
        ajoute != null && ajoute.matches("[0-9]{1,18}")
            ? "Le prestataire est ajouté à l'annuaire (n° " + ajoute + ")."
            : null;
    return newPage(who, HttpStatus.OK, Map.of("actif", "oui"), List.of(), done);
  }

  @Post
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> create(
      HttpRequest<?> request, @Nullable Authentication who, @Body byte[] body) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, List<String>> posted = StaffPages.form(body);
    if (!sessions.formAccepted(request, who, StaffPages.one(posted, BrowserSessions.FIELD))) {
      return staff.forgedForm(who);
    }
    Map<String, String> typed = ProviderForm.read(posted);
    try {
      Provider created = directory.create(ProviderForm.request(typed, null), who.getName());
      return staff
          .pages()
          .secure(
              HttpResponse.seeOther(
                  URI.create("/console/prestataires/nouveau?ajoute=" + created.id())),
              false);
    } catch (ProblemException e) {
      return newPage(who, HttpStatus.UNPROCESSABLE_ENTITY, typed, form.errors(e, typed), null);
    }
  }

  @Get("/{id}")
  MutableHttpResponse<?> show(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String id,
      @Nullable @QueryValue String fait) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<Provider> provider = find(id);
    if (provider.isEmpty()) {
      return missing(who);
    }
    Provider p = provider.get();
    String done = "modifie".equals(fait) ? messages.get("admin.done.provider") : null;
    return editPage(
        who, HttpStatus.OK, p, p.version(), ProviderForm.typed(p), List.of(), done, false);
  }

  @Post("/{id}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> change(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String id,
      @Body byte[] body) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, List<String>> posted = StaffPages.form(body);
    if (!sessions.formAccepted(request, who, StaffPages.one(posted, BrowserSessions.FIELD))) {
      return staff.forgedForm(who);
    }
    Optional<Provider> current = find(id);
    if (current.isEmpty()) {
      return missing(who);
    }
    Provider p = current.get();
    Map<String, String> typed = ProviderForm.read(posted);
    String version = StaffPages.one(posted, "version");
    if (version == null || !version.matches("[0-9]{1,9}")) {
      return editPage(
          who,
          HttpStatus.UNPROCESSABLE_ENTITY,
          p,
          p.version(),
          typed,
          List.of(new FieldProblem("f-nom", messages.get("console.error.generic"))),
          null,
          false);
    }
    int shown = Integer.parseInt(version);
    try {
      directory
          .update(p.id(), ProviderForm.request(typed, p.webhookUrl()), shown, who.getName())
          .orElseThrow(() -> ProblemException.notFound("Provider"));
    } catch (ProblemException e) {
      if (e.status() == HttpStatus.NOT_FOUND) {
        return missing(who);
      }
      if (e.status() == HttpStatus.PRECONDITION_FAILED) {
        return editPage(who, HttpStatus.CONFLICT, p, shown, typed, List.of(), null, true);
      }
      HttpStatus status =
          e.status() == HttpStatus.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
      return editPage(who, status, p, shown, typed, form.errors(e, typed), null, false);
    }
    return staff
        .pages()
        .secure(
            HttpResponse.seeOther(URI.create("/console/prestataires/" + p.id() + "?fait=modifie")),
            false);
  }

  private Optional<Provider> find(String id) {
    if (id == null || !id.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return directory.get(Long.parseLong(id));
  }

  private MutableHttpResponse<?> missing(Authentication who) {
    return staff
        .forbidden(who, messages.get("admin.missing.provider"))
        .status(HttpStatus.NOT_FOUND);
  }

  private MutableHttpResponse<?> newPage(
      Authentication who,
      HttpStatus status,
      Map<String, String> typed,
      List<FieldProblem> errors,
      String done) {
    return staff
        .pages()
        .page(
            status,
            "routing/newProvider",
            new NewProviderView(
                staff.pages().chrome(), staff.chrome(who), form.view(typed, errors), done),
            false);
  }

  private MutableHttpResponse<?> editPage(
      Authentication who,
      HttpStatus status,
      Provider p,
      int version,
      Map<String, String> typed,
      List<FieldProblem> errors,
      @Nullable String done,
      boolean conflict) {
    return staff
        .pages()
        .page(
            status,
            "routing/editProvider",
            new EditProviderView(
                staff.pages().chrome(),
                staff.chrome(who),
                p.id(),
                p.name(),
                version,
                form.view(typed, errors),
                done,
                conflict),
            false);
  }
}
