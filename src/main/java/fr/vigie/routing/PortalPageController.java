package fr.vigie.routing;

import fr.vigie.CsirtSettings;
import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import fr.vigie.http.ProblemException;
import fr.vigie.routing.internal.ReferralReader;
import fr.vigie.security.BrowserSessions;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provider portal's page {@code /prestataire} (PROVIDER users, signed in at {@code
 * /connexion}): the referrals of the user's own provider, each with what DESIGN.md §6 lets a
 * provider see in its state (the same {@link ProviderReferral} as {@code
 * /api/v1/provider/referrals}: contact and description only while it holds the case), and forms to
 * accept, decline, report contact with the victim and end the engagement, calling the same {@link
 * Referrals} methods. Another provider's referral is « introuvable », as on the API.
 */
@Controller("/prestataire")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class PortalPageController {

  static final Set<String> ROLES = Set.of("PROVIDER");
  static final int SIZE = 50;

  private final StaffPages staff;
  private final BrowserSessions sessions;
  private final Database database;
  private final ReferralReader reader;
  private final Referrals referrals;
  private final Messages messages;
  private final CsirtSettings csirt;
  private final Audit audit;

  PortalPageController(
      StaffPages staff,
      BrowserSessions sessions,
      Database database,
      ReferralReader reader,
      Referrals referrals,
      Messages messages,
      CsirtSettings csirt,
      Audit audit) {
    this.staff = staff;
    this.sessions = sessions;
    this.database = database;
    this.reader = reader;
    this.referrals = referrals;
    this.messages = messages;
    this.csirt = csirt;
    this.audit = audit;
  }

  /** The page's model. */
  public record PortalView(
      Chrome chrome,
      StaffChrome staff,
      List<Item> referrals,
      @Nullable String done,
      @Nullable String error) {}

  /** One referral as the provider sees it, with the forms its state allows. */
  public record Item(
      long id,
      String reference,
      String state,
      String stateText,
      @Nullable String severity,
      String proposedAt,
      @Nullable String respondBy,
      @Nullable String contactBy,
      List<Row> facts,
      List<Row> contact,
      List<String> notes,
      boolean canAnswer,
      boolean canEngage,
      boolean canComplete,
      String victim) {}

  public record Row(String label, String value) {}

  @Get
  MutableHttpResponse<?> list(
      HttpRequest<?> request, @Nullable Authentication who, @Nullable @QueryValue String fait) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    String done = fait != null && fait.matches("[a-z]{1,20}") ? fait : null;
    return page(who, HttpStatus.OK, done == null ? null : say("console.done." + done), null);
  }

  @Post("/orientations/{id}/{action}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> answer(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String id,
      @PathVariable String action,
      @Body byte[] body) {
    var refused = staff.refusal(request, who, ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, List<String>> form = StaffPages.form(body);
    if (!sessions.formAccepted(request, who, StaffPages.one(form, BrowserSessions.FIELD))) {
      return staff.forgedForm(who);
    }
    String note = StaffPages.one(form, "note");
    note = note == null || note.isBlank() ? null : note;
    String done;
    try {
      long referral = Ids.parse(id);
      long provider = database.read(c -> ProviderPortalController.provider(c, reader, who));
      switch (action) {
        case "accepter" -> referrals.accept(referral, provider, who.getName(), note);
        case "refuser" -> referrals.decline(referral, provider, who.getName(), note);
        case "contact" -> referrals.engaged(referral, provider, who.getName(), note);
        case "terminer" ->
            referrals.complete(
                referral, provider, who.getName(), note, StaffPages.one(form, "issue"));
        default -> throw ProblemException.notFound("Referral");
      }
      done =
          switch (action) {
            case "accepter" -> "accept";
            case "refuser" -> "decline";
            case "contact" -> "engaged";
            default -> "complete";
          };
    } catch (ProblemException e) {
      String error =
          e.status() == HttpStatus.NOT_FOUND
              ? "Cette orientation est introuvable."
              : e.errors().stream()
                  .map(f -> messages.find("console.error." + f.field()))
                  .filter(t -> t != null)
                  .findFirst()
                  .orElse(
                      "Cette réponse n'est pas possible dans l'état actuel de l'orientation :"
                          + " rechargez la page.");
      return page(
          who,
          e.status() == HttpStatus.NOT_FOUND
              ? HttpStatus.NOT_FOUND
              : HttpStatus.UNPROCESSABLE_ENTITY,
          null,
          error);
    }
    return staff
        .pages()
        .secure(HttpResponse.seeOther(URI.create("/prestataire?fait=" + done)), false);
  }

  private MutableHttpResponse<?> page(
      Authentication who, HttpStatus status, String done, String error) {
    List<ProviderReferral> mine =
        database.read(
            c -> reader.forProvider(c, ProviderPortalController.provider(c, reader, who), 0, SIZE));
    audit.record(
        who.getName(),
        "PROVIDER_REFERRALS_LISTED",
        "referrals",
        Map.of("referrals", mine.stream().map(ProviderReferral::id).toList(), "page", 0));
    List<Item> items = new ArrayList<>();
    for (ProviderReferral r : mine) {
      items.add(item(r));
    }
    return staff
        .pages()
        .page(
            status,
            "routing/portal",
            new PortalView(staff.pages().chrome(), staff.chrome(who), items, done, error),
            false);
  }

  private Item item(ProviderReferral r) {
    List<Row> facts = new ArrayList<>();
    var v = r.victim();
    facts.add(new Row("Victime", v.name() + " (" + say("console.victimType." + v.type()) + ")"));
    if (v.communeCode() != null) {
      facts.add(new Row("Commune (code INSEE)", v.communeCode()));
    }
    if (v.departement() != null) {
      facts.add(new Row("Département", v.departement()));
    }
    if (v.headcount() != null) {
      facts.add(new Row("Effectif", String.valueOf(v.headcount())));
    }
    var i = r.incident();
    facts.add(new Row("Menace", say("console.threat." + i.threat())));
    facts.add(new Row("Découvert le", dateTime(i.discoveredAt())));
    if (i.ongoing() != null) {
      facts.add(new Row("En cours", i.ongoing() ? "Oui" : "Non"));
    }
    if (i.serviceImpact() != null) {
      facts.add(
          new Row("Impact sur le service", say("console.serviceImpact." + i.serviceImpact())));
    }
    if (!i.affectedServices().isEmpty()) {
      facts.add(
          new Row(
              "Services touchés",
              String.join(
                  ", ",
                  i.affectedServices().stream().map(x -> say("console.service." + x)).toList())));
    }
    if (i.scope() != null) {
      facts.add(new Row("Étendue", say("console.scope." + i.scope())));
    }
    if (i.description() != null) {
      facts.add(new Row("Description", i.description()));
    }
    List<Row> contact = new ArrayList<>();
    if (r.contact() != null) {
      for (var pair :
          List.of(
              new String[] {"Nom", r.contact().name()},
              new String[] {"Fonction", r.contact().role()},
              new String[] {"Courriel", r.contact().email()},
              new String[] {"Téléphone", r.contact().phone()})) {
        if (pair[1] != null && !pair[1].isBlank()) {
          contact.add(new Row(pair[0], pair[1]));
        }
      }
    }
    return new Item(
        r.id(),
        r.reference(),
        r.state().name(),
        say("console.referral." + r.state()),
        r.severity(),
        dateTime(r.proposedAt()),
        r.state() == ReferralState.PROPOSED ? dateTime(r.respondBy()) : null,
        r.state() == ReferralState.ACCEPTED && r.contactBy() != null
            ? dateTime(r.contactBy())
            : null,
        facts,
        contact,
        r.notes().stream().map(n -> dateTime(n.at()) + " — " + n.text()).toList(),
        r.state() == ReferralState.PROPOSED,
        r.state() == ReferralState.ACCEPTED,
        r.state() == ReferralState.ENGAGED || r.state() == ReferralState.ACCEPTED,
        v.name());
  }

  private String say(String key) {
    String text = messages.find(key);
    return text == null ? key.substring(key.lastIndexOf('.') + 1) : text;
  }

  private String dateTime(Instant at) {
    return at == null ? "" : Messages.dateTime(at.atZone(csirt.zone()));
  }
}
