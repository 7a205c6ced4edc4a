package fr.vigie.console.admin;

import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import fr.vigie.routing.Contract;
import fr.vigie.routing.ContractRequest;
import fr.vigie.routing.Contracts;
import fr.vigie.routing.Provider;
import fr.vigie.routing.ProviderDirectory;
import fr.vigie.security.BrowserSessions;
import fr.vigie.tickets.VictimType;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coordinators' directory pages: {@code /console/prestataires} (the providers with their labels
 * and validity, coverage, capacity and hours; coordinators add one at {@code
 * /console/prestataires/nouveau} and change one at {@code /console/prestataires/{id}}, linked from
 * its name, both in {@code fr.vigie.routing.ProviderPageController}) and {@code /console/marches}
 * (the public contracts with their ranked providers, and a form to add one). Analysts read them, as
 * on the API; coordinators and administrators write, through the same {@link ProviderDirectory} and
 * {@link Contracts} methods and checks as {@code POST /api/v1/providers} and {@code POST
 * /api/v1/contracts}. A refused field is named in French on the page, with what was typed kept.
 * Like the API, reading the directory is not audited: it holds no victim's personal data.
 */
@Controller("/console")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class DirectoryPages {

  static final Set<String> READERS = Set.of("ANALYST", "COORDINATOR", "ADMIN");
  static final Set<String> EDITORS = Set.of("COORDINATOR", "ADMIN");
  static final int SIZE = Page.MAX_SIZE;

  private final StaffPages staff;
  private final BrowserSessions sessions;
  private final ProviderDirectory providers;
  private final Contracts contracts;
  private final Messages messages;

  DirectoryPages(
      StaffPages staff,
      BrowserSessions sessions,
      ProviderDirectory providers,
      Contracts contracts,
      Messages messages) {
    this.staff = staff;
    this.sessions = sessions;
    this.providers = providers;
    this.contracts = contracts;
    this.messages = messages;
  }

  /** A choice of a select or a checkbox list: its code, its French text, whether it is chosen. */
  public record Option(String code, String text, boolean chosen) {}

  /** One provider as the directory shows it. */
  public record ProviderRow(
      long id,
      String name,
      String siren,
      List<String> labels,
      String departements,
      String base,
      String victimTypes,
      int capacity,
      int openEngagements,
      String hours,
      boolean active) {}

  /** The providers page's model ({@code canEdit}: the link to the form that adds one). */
  public record ProvidersView(
      Chrome chrome, StaffChrome staff, List<ProviderRow> providers, long total, boolean canEdit) {}

  /** One contract as the page shows it. */
  public record ContractRow(
      long id,
      String name,
      String departements,
      String victimTypes,
      List<String> ranks,
      String validity) {}

  /** The contracts page's model. */
  public record ContractsView(
      Chrome chrome,
      StaffChrome staff,
      List<ContractRow> contracts,
      boolean canEdit,
      Map<String, String> form,
      List<Option> victimTypes,
      List<Option> providers,
      List<Fields.Error> errors,
      @Nullable String done) {}

  @Get("/prestataires")
  MutableHttpResponse<?> providersPage(HttpRequest<?> request, @Nullable Authentication who) {
    var refused = staff.refusal(request, who, READERS);
    if (refused.isPresent()) {
      return refused.get();
    }
    return providersPage(who);
  }

  @Get("/marches")
  MutableHttpResponse<?> contractsPage(
      HttpRequest<?> request, @Nullable Authentication who, @Nullable @QueryValue String fait) {
    var refused = staff.refusal(request, who, READERS);
    if (refused.isPresent()) {
      return refused.get();
    }
    return contractsPage(
        who,
        HttpStatus.OK,
        Map.of(),
        List.of(),
        "ajoute".equals(fait) ? "admin.done.contract" : null);
  }

  @Post("/marches")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> addContract(
      HttpRequest<?> request, @Nullable Authentication who, @Body byte[] body) {
    var refused = staff.refusal(request, who, EDITORS);
    if (refused.isPresent()) {
      return refused.get();
    }
    Fields form = Fields.parse(body);
    if (!sessions.formAccepted(request, who, form.one(BrowserSessions.FIELD))) {
      return staff.forgedForm(who);
    }
    List<Long> ranked = new ArrayList<>();
    for (int rank = 1; rank <= 5; rank++) {
      String id = form.text("rang" + rank);
      if (id != null) {
        try {
          ranked.add(Long.parseLong(id));
        } catch (NumberFormatException e) {
          ranked.add(-1L); // "no such provider", named by its rank
        }
      }
    }
    ContractRequest contract =
        new ContractRequest(
            form.text("nom"),
            Fields.list(form.text("departements")),
            form.all("types"),
            ranked,
            form.text("debut"),
            form.text("fin"));
    try {
      contracts.create(contract, who.getName());
    } catch (ProblemException e) {
      return contractsPage(
          who, HttpStatus.UNPROCESSABLE_ENTITY, form.values(), Fields.errors(e, messages), null);
    }
    return staff
        .pages()
        .secure(HttpResponse.seeOther(URI.create("/console/marches?fait=ajoute")), false);
  }

  private MutableHttpResponse<?> providersPage(Authentication who) {
    Page<Provider> page = providers.page(new Page.Request(0, SIZE), null);
    List<ProviderRow> rows = new ArrayList<>();
    for (Provider p : page.items()) {
      rows.add(
          new ProviderRow(
              p.id(),
              p.name(),
              p.siren(),
              p.labels().stream()
                  .map(
                      l ->
                          messages.get("admin.labelKind." + l.kind().name())
                              + " jusqu'au "
                              + Fields.date(l.validUntil()))
                  .toList(),
              String.join(", ", p.departements()),
              p.baseDepartement(),
              victimTypes(p.victimTypes()),
              p.capacity(),
              p.openEngagements(),
              p.onCall247() ? messages.get("admin.onCall") : String.join(" ; ", p.openingHours()),
              p.active()));
    }
    ProvidersView view =
        new ProvidersView(
            staff.pages().chrome(), staff.chrome(who), rows, page.total(), editor(who));
    return staff.pages().page(HttpStatus.OK, "console/admin/providers", view, false);
  }

  private MutableHttpResponse<?> contractsPage(
      Authentication who,
      HttpStatus status,
      Map<String, String> typed,
      List<Fields.Error> errors,
      @Nullable String done) {
    Page<Contract> page = contracts.page(new Page.Request(0, SIZE));
    List<ContractRow> rows = new ArrayList<>();
    for (Contract c : page.items()) {
      rows.add(
          new ContractRow(
              c.id(),
              c.name(),
              String.join(", ", c.departements()),
              victimTypes(c.victimTypes()),
              c.providers().stream().map(r -> r.rank() + ". " + r.name()).toList(),
              "du " + Fields.date(c.validFrom()) + " au " + Fields.date(c.validUntil())));
    }
    List<Option> providerOptions = new ArrayList<>();
    for (Provider p : providers.page(new Page.Request(0, SIZE), true).items()) {
      providerOptions.add(new Option(Long.toString(p.id()), p.name(), false));
    }
    ContractsView view =
        new ContractsView(
            staff.pages().chrome(),
            staff.chrome(who),
            rows,
            editor(who),
            typed,
            typeOptions(typed),
            providerOptions,
            errors,
            done == null ? null : messages.get(done));
    return staff.pages().page(status, "console/admin/contracts", view, false);
  }

  private static boolean editor(Authentication who) {
    return who.getRoles().stream().anyMatch(EDITORS::contains);
  }

  private String victimTypes(List<String> codes) {
    return String.join(
        ", ", codes.stream().map(c -> messages.get("admin.victimType." + c)).toList());
  }

  private List<Option> typeOptions(Map<String, String> typed) {
    Set<String> chosen = Set.copyOf(Fields.list(typed.get("types")));
    List<Option> options = new ArrayList<>();
    for (VictimType type : VictimType.values()) {
      options.add(
          new Option(
              type.name(),
              messages.get("admin.victimType." + type.name()),
              chosen.contains(type.name())));
    }
    return options;
  }
}
