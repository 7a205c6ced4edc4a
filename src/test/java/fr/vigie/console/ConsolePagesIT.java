package fr.vigie.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static fr.vigie.testing.Chromium.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import fr.vigie.db.Database;
import fr.vigie.intake.IntakeService;
import fr.vigie.routing.Provider;
import fr.vigie.routing.ProviderDirectory;
import fr.vigie.security.UserService;
import fr.vigie.testing.Browserless;
import fr.vigie.testing.Chromium;
import fr.vigie.testing.Providers;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.SettableClock;
import fr.vigie.testing.Staff;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The analysts' console and the provider portal in Debian's Chromium (issue 18): an analyst sees a
 * report arrive in the open queue, takes it, qualifies it, records a call, refers it from the
 * shortlist and writes to the victim; a change made meanwhile is « modifié entre-temps »; the
 * provider accepts on {@code /prestataire} and never sees another provider's referral; a phone
 * intake goes through the public form with channel PHONE; every page and form answers each role
 * what {@code page-authorization.csv} says; another site's forms are refused; axe-core finds no
 * WCAG 2.1 A/AA violation on any page and state; the pages fit 1280 px and 768 px.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "spec.name", value = "ConsolePagesIT")
@Property(name = "vigie.desk.name", value = "CSIRT Bretagne")
// Pages post their forms with Origin "null" to a server on localhost: see StatsPagesIT.
@Property(name = "micronaut.server.cors.localhost-pass-through", value = "true")
class ConsolePagesIT {

  static final Path SCREENSHOTS = Path.of("ops/screenshots");
  static final Path MATRIX = Path.of("src", "test", "resources", "page-authorization.csv");
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** Routing's English sentences, which the API keeps and a page must not show. */
  static final Pattern ENGLISH =
      Pattern.compile(
          "engagements open|valid until|does not|based in|never referred|last referred|on call"
              + " now|no free capacity|holds no label|eligible but|an incident with|impact below");

  /** Wednesday 2 December 2026, 10:00 in Paris: the desk is open. */
  static final AtomicReference<Instant> NOW =
      new AtomicReference<>(Instant.parse("2026-12-02T09:00:00Z"));

  @Factory
  @Requires(property = "spec.name", value = "ConsolePagesIT")
  static class TestClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return new SettableClock(NOW);
    }
  }

  @Inject EmbeddedServer server;
  @Inject Database database;
  @Inject UserService users;
  @Inject ProviderDirectory directory;
  @Inject IntakeService intake;
  @Inject fr.vigie.tickets.Activity activity;

  @Inject
  @Client("/")
  HttpClient client;

  Chromium chromium;
  String base;
  final Map<String, String> usernames = new LinkedHashMap<>();
  Provider first;
  Provider second;
  String secondUser;
  String analystToken;
  long analystId;

  @BeforeAll
  void setUp() {
    first =
        Providers.provider()
            .name("Armor Cyber Défense " + UUID.randomUUID().toString().substring(0, 4))
            .label("PRIS_ELEVE", "2099-12-31")
            .departements("22", "22")
            .create(directory);
    second =
        Providers.provider()
            .name("Abers Sécurité " + UUID.randomUUID().toString().substring(0, 4))
            .label("PRIS_ELEVE", "2099-12-31")
            .departements("22", "22")
            .create(directory);
    // Covers Ille-et-Vilaine only: excluded for a victim of Saint-Brieuc, with its reason shown.
    Providers.provider()
        .name("Rennes Numérique " + UUID.randomUUID().toString().substring(0, 4))
        .departements("35", "35")
        .create(directory);
    for (String role : List.of("ANALYST", "COORDINATOR", "PROVIDER", "OFFICIAL", "ADMIN")) {
      String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
      var user =
          users.create(
              new UserService.NewUser(
                  username,
                  Staff.PASSWORD,
                  List.of(role),
                  role.equals("PROVIDER") ? first.id() : null));
      usernames.put(role, username);
      if (role.equals("ANALYST")) {
        analystId = user.id();
      }
    }
    secondUser = "provider-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(
        new UserService.NewUser(secondUser, Staff.PASSWORD, List.of("PROVIDER"), second.id()));
    analystToken = Staff.login(client, usernames.get("ANALYST"), Staff.PASSWORD);
    base = server.getURL().toString().replaceAll("/$", "");
    chromium = Chromium.launch();
  }

  @AfterAll
  void close() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void anAnalystWorksANewReportAndTheProviderAcceptsIt() throws Exception {
    // Another provider's referral, which the first provider's user must never see.
    String elsewhere = report("Menuiserie Kerbrat");
    client
        .toBlocking()
        .exchange(
            HttpRequest.POST(
                    "/api/v1/tickets/" + elsewhere + "/transitions", Map.of("to", "QUALIFIED"))
                .bearerAuth(analystToken));
    client
        .toBlocking()
        .exchange(
            HttpRequest.POST(
                    "/api/v1/tickets/" + elsewhere + "/referrals",
                    Map.of("providerId", second.id()))
                .bearerAuth(analystToken));

    String reference;
    try (BrowserContext context = chromium.context(1280)) {
      List<String> foreign = new ArrayList<>();
      context.onRequest(
          r -> {
            if (!r.url().startsWith(base) && !r.url().startsWith("data:")) {
              foreign.add(r.url());
            }
          });
      Page page = context.newPage();
      List<String> cspErrors = new ArrayList<>();
      page.onConsoleMessage(
          m -> {
            if (m.text().contains("Content Security Policy")) {
              cspErrors.add(m.text());
            }
          });
      page.navigate(base + "/console");
      assertThat(page).hasURL(Pattern.compile("/connexion\\?retour=%2Fconsole$"));
      signIn(page, usernames.get("ANALYST"));
      assertThat(heading(page)).hasText("File des tickets");
      axe(page, "the queue");
      // The analyst looks for the bakery that phoned: in a whole-suite run the other suites'
      // tickets, some due earlier than this one, fill the unfiltered first page.
      page.navigate(base + "/console?q=Boulangerie");
      assertThat(heading(page)).hasText("File des tickets");

      // A report arrives after the page was opened: the page shows it by itself within 5 s.
      reference = report("Boulangerie Le Goff");
      Locator link = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(reference));
      assertThat(link)
          .isVisible(
              new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                  .setTimeout(5_000));
      Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHas(link));
      // Funds left 18 h ago: P1, whose first contact is due 30 min after the report.
      assertThat(row).containsText("P1");
      assertThat(row).containsText("dans 30 min");
      assertThat(row).containsText("à 10:30");
      assertThat(row).containsText("Non affecté");
      assertThat(row).containsText("AMBER");
      assertThat(row).containsText("Nouveau");
      assertThat(
              page.getByRole(
                  AriaRole.LINK,
                  new Page.GetByRoleOptions().setName(Pattern.compile("^\\d+ Nouveau$"))))
          .isVisible();
      axe(page, "the queue with the new report");
      fits(page, "queue at 1280 px", 1280);
      Files.createDirectories(SCREENSHOTS);
      page.screenshot(
          new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-file.png")));

      // Filters live in the URL; the new ticket is among the unassigned P1.
      page.getByLabel("Gravité").selectOption("P1");
      page.getByLabel("Affectation").selectOption("aucune");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filtrer")).click();
      assertThat(page).hasURL(Pattern.compile("gravite=P1.*affectation=aucune"));
      assertThat(link).isVisible();

      // The keyboard reaches the ticket: a real link, opened with Enter.
      link.focus();
      page.keyboard().press("Enter");
      assertThat(heading(page)).hasText(reference + " — Boulangerie Le Goff");
      assertThat(page.getByText("Anne Le Goff")).isVisible();
      assertThat(page.getByText("Fraude au virement").first()).isVisible();
      assertThat(
              page.getByRole(
                  AriaRole.TABLE,
                  new Page.GetByRoleOptions().setName("Délais du ticket (heure de Paris)")))
          .containsText("Premier contact");
      assertThat(page.getByText("Police ou gendarmerie")).isVisible();
      axe(page, "the ticket");

      button(page, "Prendre le ticket").click();
      assertThat(page.getByRole(AriaRole.STATUS)).hasText("Le ticket vous est affecté.");
      assertThat(page.getByText("Analyste : " + usernames.get("ANALYST"))).isVisible();

      // A transition's required field: rejecting needs a reason; nothing changes without it.
      page.getByLabel("Nouveau statut").selectOption("REJECTED");
      button(page, "Changer le statut").click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("Indiquez le motif.");
      assertThat(page.locator(".ticket-head")).containsText("Nouveau");
      axe(page, "a transition without its reason");

      button(page, "Qualifier le ticket").click();
      assertThat(page.getByRole(AriaRole.STATUS)).hasText("Le statut du ticket a changé.");
      assertThat(page.locator(".ticket-head")).containsText("Qualifié");

      page.getByLabel("Résumé de l'appel").fill("Rappel de la gérante : la banque est prévenue.");
      button(page, "Enregistrer l'appel").click();
      assertThat(page.getByRole(AriaRole.STATUS)).hasText("L'appel est enregistré.");
      assertThat(page.getByText("Rappel de la gérante : la banque est prévenue.")).isVisible();

      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Chercher un prestataire"))
          .click();
      assertThat(
              page.getByRole(
                  AriaRole.HEADING, new Page.GetByRoleOptions().setName("Prestataires exclus")))
          .isVisible();
      assertThat(
              page.locator("li")
                  .filter(new Locator.FilterOptions().setHasText("Rennes Numérique"))
                  .first())
          .isVisible();
      // Routing's reasons are said in French from the catalogue; the API keeps its English.
      assertThat(
              page.getByText(
                  "Une orientation vers un prestataire est recommandée pour ce ticket : un"
                      + " incident d'impact I3."))
          .isVisible();
      assertThat(page.getByLabel(first.name()))
          .hasAccessibleDescription(
              Pattern.compile(
                  "^PRIS \\(niveau élevé\\), valide jusqu'au 31 déc\\. 2099 ; installé dans le"
                      + " département 22 ; .*\\(rotation\\) ; engagements en cours : \\d+ sur 10"
                      + " ; joignable maintenant$"));
      assertThat(
              page.locator("li")
                  .filter(new Locator.FilterOptions().setHasText("Rennes Numérique"))
                  .first())
          .containsText("n'intervient pas dans le département 22");
      assertThat(
              page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Prestataires")))
          .not()
          .containsText(ENGLISH);
      assertThat(referralOptionReasons(reference, "Rennes Numérique"))
          .contains("does not cover département 22");
      page.getByLabel(first.name()).check();
      axe(page, "the shortlist");
      button(page, "Proposer au prestataire").click();
      assertThat(page.getByRole(AriaRole.STATUS))
          .hasText("La proposition est envoyée au prestataire.");
      assertThat(page.getByText(first.name() + " : Proposé, en attente de réponse")).isVisible();
      // The timeline says routing's status change in French too (stored as "referred to …").
      assertThat(
              page.getByText(
                  "Qualifié → Orienté vers un prestataire : orienté vers " + first.name()))
          .isVisible();

      page.getByLabel("Message à la victime").fill("Bonjour, un prestataire va vous appeler.");
      button(page, "Envoyer le message").click();
      assertThat(page.getByRole(AriaRole.STATUS)).hasText("Le message est envoyé à la victime.");
      axe(page, "the ticket after the actions");
      fits(page, "ticket at 1280 px", 1280);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("console-ticket.png"))
              .setFullPage(true));

      // Someone else changes the ticket while this page is open: nothing written, said so.
      client
          .toBlocking()
          .exchange(
              HttpRequest.POST(
                      "/api/v1/tickets/" + reference + "/assign",
                      Map.of("assignee", usernames.get("COORDINATOR")))
                  .bearerAuth(analystToken));
      page.getByLabel("Nouveau statut").selectOption("WAITING_ON_VICTIM");
      button(page, "Changer le statut").click();
      assertThat(
              page.getByRole(
                  AriaRole.HEADING,
                  new Page.GetByRoleOptions().setName("Ticket modifié entre-temps")))
          .isVisible();
      axe(page, "modified meanwhile");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Recharger le ticket"))
          .click();
      assertThat(page.getByText("Analyste : " + usernames.get("COORDINATOR"))).isVisible();
      assertThat(page.locator(".ticket-head")).containsText("Orienté vers un prestataire");

      // Usable at 768 px: nothing wider than the screen.
      page.setViewportSize(768, 1000);
      fits(page, "ticket at 768 px", 768);
      page.navigate(base + "/console");
      fits(page, "queue at 768 px", 768);
      assertThat(foreign).isEmpty();
      assertThat(cspErrors).isEmpty();
    }

    // The provider: its own referral only; accepting shows the contact.
    try (BrowserContext context = chromium.context(1280)) {
      Page page = context.newPage();
      page.navigate(base + "/prestataire");
      signIn(page, usernames.get("PROVIDER"));
      assertThat(heading(page)).hasText("Vos orientations");
      assertThat(page.getByText(reference + " — Boulangerie Le Goff")).isVisible();
      assertThat(page.getByText(elsewhere)).hasCount(0);
      assertThat(page.getByText("Anne Le Goff")).hasCount(0);
      axe(page, "the portal, proposed");
      button(page, "Accepter " + reference).click();
      assertThat(page.getByRole(AriaRole.STATUS)).hasText("Vous avez accepté cette orientation.");
      assertThat(page.getByText("Anne Le Goff")).isVisible();
      assertThat(page.getByText(elsewhere)).hasCount(0);
      axe(page, "the portal, accepted");
      button(page, "Victime contactée (" + reference + ")").click();
      assertThat(page.getByRole(AriaRole.STATUS))
          .hasText("Le premier contact avec la victime est enregistré.");
      axe(page, "the portal, engaged");
      fits(page, "portal at 1280 px", 1280);
      page.getByLabel("Issue de l'intervention (" + reference + ")").selectOption("RESOLVED");
      page.getByLabel("Bilan (" + reference + ") (facultatif)")
          .fill("Postes nettoyés, accès changés.");
      button(page, "Terminer " + reference).click();
      assertThat(page.getByRole(AriaRole.STATUS)).hasText("L'intervention est terminée.");
      assertThat(page.getByText(reference + " — Boulangerie Le Goff")).isVisible();
      assertThat(page.getByText("Terminé", new Page.GetByTextOptions().setExact(true))).isVisible();
      axe(page, "the portal, completed");
      page.setViewportSize(768, 1000);
      fits(page, "portal at 768 px", 768);
    }
    // The other provider's referral cannot be answered by this provider either.
    Browserless b = new Browserless(base);
    b.signIn(usernames.get("PROVIDER"), "/prestataire");
    long otherId = referralId(elsewhere);
    var answer =
        b.post(
            "/prestataire/orientations/" + otherId + "/accepter",
            "jeton=" + b.formToken("/prestataire"),
            null);
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).contains("introuvable");
    assertThat(answer.body()).doesNotContain("Menuiserie Kerbrat");
  }

  @Test
  void anAnalystEntersAPhoneCallThroughThePublicForm() throws Exception {
    try (BrowserContext context = chromium.context(1280)) {
      List<String> posts = new java.util.concurrent.CopyOnWriteArrayList<>();
      Page page = context.newPage();
      page.navigate(base + "/console/signalement");
      signIn(page, usernames.get("ANALYST"));
      context.onRequest(
          r -> {
            if (r.method().equals("POST")) {
              posts.add(r.url());
            }
          });
      assertThat(heading(page)).hasText("Qui êtes-vous ?");
      page.getByLabel("Une association").check();
      page.getByLabel("Nom de la structure").fill("Association Les Amis du Goëlo");
      page.getByLabel("Dans quelle commune se trouve la structure ?").fill("Brest");
      continuer(page);
      assertThat(heading(page)).hasText("Que se passe-t-il ?");
      page.getByLabel("Hameçonnage (message frauduleux)").check();
      page.getByLabel("Depuis quand avez-vous constaté le problème ?")
          .fill(
              NOW.get()
                  .minusSeconds(3600)
                  .atZone(PARIS)
                  .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
      page.getByRole(
              AriaRole.GROUP,
              new Page.GetByRoleOptions().setName("Le problème est-il toujours en cours ?"))
          .getByLabel("Non")
          .check();
      continuer(page);
      assertThat(heading(page)).hasText("Quelles conséquences ?");
      continuer(page);
      assertThat(heading(page)).hasText("Les détails");
      page.getByLabel("Racontez ce qui s'est passé, avec vos mots")
          .fill("Appel du président : un faux courriel de la banque.");
      continuer(page);
      page.getByLabel("Vos nom et prénom").fill("Yann Prigent");
      page.getByLabel("Votre numéro de téléphone").fill("06 11 22 33 44");
      continuer(page);
      page.getByLabel(
              "J'accepte que le CSIRT utilise ces informations pour traiter mon signalement.")
          .check();
      continuer(page);
      assertThat(heading(page)).hasText("Vérifiez vos réponses avant d'envoyer");
      String state = page.locator("input[name=etat]").first().getAttribute("value");
      button(page, "Envoyer le signalement").click();
      assertThat(heading(page)).hasText("Signalement envoyé");
      // The call's form posted to the desk's own paths only (staff session, no public limit)…
      assertThat(posts).isNotEmpty().allMatch(url -> url.startsWith(base + "/console/signalement"));
      // …and its state is refused by the public path, even with the analyst's cookies.
      assertThat(
              page.request()
                  .post(
                      base + "/signaler/envoyer",
                      com.microsoft.playwright.options.RequestOptions.create()
                          .setForm(
                              com.microsoft.playwright.options.FormData.create()
                                  .set("etat", state)))
                  .status())
          .isEqualTo(400);
      String reference =
          page.getByText(Pattern.compile("BZH-\\d{4}-\\d{6}"))
              .first()
              .innerText()
              .replaceAll(".*(BZH-\\d{4}-\\d{6}).*", "$1");
      String channel =
          database.read(
              c -> {
                try (var s =
                    c.prepareStatement(
                        "SELECT r.channel FROM report r JOIN ticket t ON t.report_id = r.id"
                            + " WHERE t.reference = ?")) {
                  s.setString(1, reference.strip());
                  try (var rows = s.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                  }
                }
              });
      assertThat(channel).isEqualTo("PHONE");
    }
  }

  @Test
  void aCoordinatorAddsAProvider() throws Exception {
    try (BrowserContext context = chromium.context(1280)) {
      Page page = context.newPage();
      page.navigate(base + "/console/prestataires/nouveau");
      signIn(page, usernames.get("COORDINATOR"));
      assertThat(heading(page)).hasText("Ajouter un prestataire");
      axe(page, "the new provider form");
      String name = "Iroise Informatique " + UUID.randomUUID().toString().substring(0, 4);
      page.getByLabel("Nom du prestataire").fill(name);
      page.getByLabel("SIREN").fill("12345678");
      button(page, "Ajouter le prestataire").click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("SIREN : 9 chiffres attendus.");
      assertThat(page.getByLabel("Nom du prestataire")).hasValue(name);
      axe(page, "the new provider form with mistakes");
      page.getByLabel("SIREN")
          .fill(String.format("%09d", Math.abs(name.hashCode()) % 1_000_000_000));
      page.getByLabel("ExpertCyber").fill("2099-12-31");
      page.getByLabel("Départements couverts").fill("29, 22");
      page.getByLabel("Département du siège").fill("29");
      page.getByLabel("Commune", new Page.GetByLabelOptions().setExact(true)).check();
      page.getByLabel("Entreprise", new Page.GetByLabelOptions().setExact(true)).check();
      page.getByLabel("Codes malveillants").check();
      page.getByLabel("Capacité (dossiers en même temps)").fill("4");
      page.getByLabel("Astreinte 24 h/24, 7 j/7").check();
      page.getByLabel("Courriel").fill("contact@iroise.example");
      button(page, "Ajouter le prestataire").click();
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("Le prestataire est ajouté");
    }
    String admin = Staff.login(client, usernames.get("ADMIN"), Staff.PASSWORD);
    String providers =
        client
            .toBlocking()
            .retrieve(HttpRequest.GET("/api/v1/providers?size=200").bearerAuth(admin));
    assertThat(providers).contains("Iroise Informatique").contains("contact@iroise.example");
  }

  @Test
  void anAnalystKeepsNotesCorrectsTheTriageSettlesLegalDeadlinesAndMerges() throws Exception {
    // The mairie of Plouzané, insured, personal data suspected: the CNIL's 72 h and the insurer's
    // complaint deadline run; a second report of the same mairie is a duplicate.
    String mairie = mairieReport();
    String duplicate = mairieReport();
    String phishing = post(ReportJson.phishing(NOW.get()).set("victim.name", "Crêperie Bleue"));
    String analyst = usernames.get("ANALYST");
    String coordinator = usernames.get("COORDINATOR");
    try (BrowserContext context = chromium.context(1280)) {
      Page page = context.newPage();
      page.navigate(base + "/console/tickets/" + mairie);
      signIn(page, analyst);
      assertThat(heading(page)).hasText(mairie + " — Mairie de Plouzané");

      // Given to a colleague, then taken back: the timeline says who and when.
      page.getByLabel("Confier le ticket à").selectOption(coordinator);
      button(page, "Affecter le ticket").click();
      assertThat(page.getByRole(AriaRole.STATUS))
          .hasText("L'affectation du ticket est enregistrée.");
      assertThat(page.getByText("Analyste : " + coordinator)).isVisible();
      assertThat(timelineLine(page, "Affectation").first()).containsText("à " + coordinator);

      // A note without text is refused, naming it; a RED note is kept with its TLP.
      button(page, "Ajouter la note").click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("Écrivez le texte de la note");
      axe(page, "a note without text");
      page.getByLabel("Texte de la note").fill("Le maire a payé une partie de la rançon.");
      page.getByLabel("Diffusion de la note (TLP)").selectOption("RED");
      button(page, "Ajouter la note").click();
      assertThat(page.getByRole(AriaRole.STATUS)).hasText("La note est ajoutée à l'historique.");
      Locator note = timelineLine(page, "Note interne").first();
      assertThat(note).containsText("TLP:RED");
      assertThat(note).containsText("Le maire a payé une partie de la rançon.");
      assertThat(timelineEvent(mairie, "NOTE").get("details").toString()).contains("tlp=RED");

      // The triage corrected with a reason; without one nothing changes.
      String computed = (String) ticket(mairie).get("severity");
      String other = computed.equals("P2") ? "P3" : "P2";
      page.getByLabel("Gravité retenue").selectOption(other);
      button(page, "Corriger le tri").click();
      assertThat(page.getByRole(AriaRole.ALERT))
          .containsText("Indiquez la raison de la correction");
      assertThat(ticket(mairie).get("severity")).isEqualTo(computed);
      page.getByLabel("Gravité retenue").selectOption(other);
      page.getByLabel("Classe et type RSIT").selectOption("malicious-code/infected-system");
      page.getByLabel("Raison de la correction", new Page.GetByLabelOptions().setExact(true))
          .fill("Rappel : la mairie fonctionne en mode dégradé.");
      button(page, "Corriger le tri").click();
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("Le tri est corrigé");
      assertThat(page.locator(".ticket-head")).containsText(other);
      Locator change = timelineLine(page, "Tri modifié").first();
      assertThat(change).containsText("gravité " + computed + " → " + other);
      assertThat(change).containsText("malicious-code/infected-system");
      assertThat(ticket(mairie).get("severity")).isEqualTo(other);

      // The CNIL notification: a filing in the future is refused; a real one settles it.
      String cnil = "Notification à la CNIL (violation de données personnelles)";
      page.getByText("Enregistrer : " + cnil).click();
      String tomorrow =
          DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
              .format(NOW.get().plus(java.time.Duration.ofDays(1)).atZone(PARIS));
      page.getByLabel("Date du dépôt : " + cnil).fill(tomorrow);
      button(page, "Dépôt fait : " + cnil).click();
      assertThat(page.getByRole(AriaRole.ALERT))
          .containsText("Indiquez la date et l'heure du dépôt");
      assertThat(clockState(mairie, "GDPR_CNIL_72H")).isEqualTo("OPEN");
      axe(page, "a filing in the future");
      page.getByText("Enregistrer : " + cnil).click();
      String anHourAgo =
          DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
              .format(NOW.get().minus(java.time.Duration.ofMinutes(30)).atZone(PARIS));
      page.getByLabel("Date du dépôt : " + cnil).fill(anHourAgo);
      page.getByLabel("Référence du dépôt : " + cnil).fill("CNIL-2026-4242");
      button(page, "Dépôt fait : " + cnil).click();
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("Le dépôt est enregistré");
      assertThat(clockState(mairie, "GDPR_CNIL_72H")).isEqualTo("DONE");
      assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(cnil)))
          .containsText("fait");
      assertThat(page.getByText("Enregistrer : " + cnil)).hasCount(0);
      assertThat(timelineLine(page, "Dépôt légal enregistré").first())
          .containsText("CNIL-2026-4242");

      // The insurer's complaint: the victim is not insured after all.
      String complaint = "Plainte pour être indemnisé par l'assurance cyber";
      page.getByText("Enregistrer : " + complaint).click();
      page.getByLabel("Pourquoi ce délai ne s'applique pas : " + complaint)
          .fill("Contrat d'assurance résilié en 2025.");
      button(page, "Ne s'applique pas : " + complaint).click();
      assertThat(page.getByRole(AriaRole.STATUS))
          .hasText("Le délai légal est marqué comme ne s'appliquant pas.");
      assertThat(clockState(mairie, "LOPMI_COMPLAINT_72H")).isEqualTo("NOT_APPLICABLE");
      axe(page, "the ticket with its deadlines settled");

      // A change made meanwhile: the correction is not written, the page says so.
      client
          .toBlocking()
          .exchange(
              HttpRequest.POST("/api/v1/tickets/" + mairie + "/assign", Map.of("assignee", analyst))
                  .bearerAuth(analystToken));
      page.getByLabel("Gravité retenue").selectOption(computed);
      page.getByLabel("Raison de la correction", new Page.GetByLabelOptions().setExact(true))
          .fill("Retour au tri calculé.");
      button(page, "Corriger le tri").click();
      assertThat(
              page.getByRole(
                  AriaRole.HEADING,
                  new Page.GetByRoleOptions().setName("Ticket modifié entre-temps")))
          .isVisible();
      assertThat(ticket(mairie).get("severity")).isEqualTo(other);

      // The duplicate goes into the first report; the page lands on the one kept.
      page.navigate(base + "/console/tickets/" + duplicate);
      page.getByLabel("Référence du ticket à conserver").fill(mairie.toLowerCase());
      button(page, "Fusionner dans le ticket à conserver").click();
      assertThat(heading(page)).hasText(mairie + " — Mairie de Plouzané");
      assertThat(page.getByRole(AriaRole.STATUS))
          .hasText("Le doublon est fusionné dans ce ticket.");
      assertThat(timelineLine(page, "Doublon fusionné ici").first()).containsText(duplicate);
      assertThat(ticket(duplicate).get("status")).isEqualTo("MERGED");

      // A different victim is merged only when the analyst confirms it.
      page.navigate(base + "/console/tickets/" + phishing);
      page.getByLabel("Référence du ticket à conserver").fill(mairie);
      button(page, "Fusionner dans le ticket à conserver").click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("victimes différentes");
      assertThat(ticket(phishing).get("status")).isNotEqualTo("MERGED");
      axe(page, "a merge of two different victims");

      // The phishing signalement turns out to be an incident.
      assertThat(page.locator(".ticket-head")).containsText("Signalement");
      page.getByLabel("Pourquoi c'est un incident")
          .fill("Le gérant a saisi ses identifiants bancaires.");
      button(page, "Requalifier en incident").click();
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("requalifié en incident");
      assertThat(page.locator(".ticket-head")).containsText("Incident");
      assertThat(ticket(phishing).get("kind")).isEqualTo("INCIDENT");
      assertThat(page.getByLabel("Pourquoi c'est un incident")).hasCount(0);
      axe(page, "a promoted signalement");
      page.setViewportSize(768, 1000);
      fits(page, "ticket forms at 768 px", 768);
    }
  }

  @Test
  void theTicketFormsTakeHostileInputWithoutHarm() throws Exception {
    String reference = mairieReport();
    Browserless b = new Browserless(base);
    b.signIn(usernames.get("ANALYST"), "/console");
    String token = b.formToken("/console/tickets/" + reference);
    String tickets = "/console/tickets/" + reference;
    java.util.function.Function<String, String> form =
        fields -> "jeton=" + token + "&version=" + version(reference) + "&" + fields;
    String before = ticket(reference).toString();
    int events = timelineSize(reference);

    // Oversized, unknown values, a wrong type: 422, said in French, nothing written.
    var oversized = b.post(tickets + "/note", form.apply("note=" + "a".repeat(10_001)), null);
    assertThat(oversized.statusCode()).isEqualTo(422);
    assertThat(oversized.body()).contains("Écrivez le texte de la note");
    var purple = b.post(tickets + "/note", form.apply("note=ok&tlp=PURPLE"), null);
    assertThat(purple.statusCode()).isEqualTo(422);
    assertThat(purple.body()).contains("Choisissez un niveau de diffusion TLP");
    assertThat(b.post(tickets + "/tri", form.apply("gravite=P9&motif=test"), null).statusCode())
        .isEqualTo(422);
    var rsit =
        b.post(tickets + "/tri", form.apply("rsit=malicious-code%2Fphishing&motif=abc"), null);
    assertThat(rsit.statusCode()).isEqualTo(422);
    assertThat(rsit.body()).contains("Choisissez une classe et un type RSIT");
    assertThat(b.post(tickets + "/tri", form.apply("rsit=nope&motif=abc"), null).statusCode())
        .isEqualTo(422);
    assertThat(
            b.post(tickets + "/fusion", form.apply("dans=..%2F..%2Fetc%2Fpasswd"), null)
                .statusCode())
        .isEqualTo(422);
    assertThat(
            b.post(tickets + "/echeances/GDPR_CNIL_72H/faite", form.apply("date=demain"), null)
                .statusCode())
        .isEqualTo(422);
    assertThat(
            b.post(tickets + "/affecter", form.apply("analyste=personne-inconnue"), null)
                .statusCode())
        .isEqualTo(422);
    assertThat(
            b.post(tickets + "/tri", "jeton=" + token + "&version=abc&motif=x", null).statusCode())
        .isEqualTo(422);
    // No such clock, in any spelling: 404.
    assertThat(
            b.post(tickets + "/echeances/gdpr%27%3B--/sans-objet", form.apply("motif=abc"), null)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            b.post(tickets + "/echeances/NO_SUCH_CLOCK/sans-objet", form.apply("motif=abc"), null)
                .statusCode())
        .isEqualTo(404);
    // Broken UTF-8 and broken escapes: refused as the public form refuses them.
    var broken = b.post(tickets + "/note", form.apply("note=%FF%FE"), null);
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(b.post(tickets + "/note", form.apply("note=%G1"), null).statusCode()).isEqualTo(400);
    assertThat(ticket(reference).toString()).isEqualTo(before);
    assertThat(timelineSize(reference)).isEqualTo(events);

    // Injection strings are kept as text and shown escaped.
    String script = "<script>alert('note')</script>'; DROP TABLE ticket; --";
    assertThat(
            b.post(
                    tickets + "/note",
                    form.apply("note=" + java.net.URLEncoder.encode(script, "UTF-8")),
                    null)
                .statusCode())
        .isEqualTo(303);
    String page = b.get(tickets).body();
    assertThat(page).contains("&lt;script&gt;alert(").doesNotContain("<script>alert(");
    assertThat(timelineEvent(reference, "NOTE").get("details").toString()).contains(script);

    // A replayed form (the same version twice): the second is « modifié entre-temps ».
    String correction = form.apply("gravite=P4&motif=rejeu");
    assertThat(b.post(tickets + "/tri", correction, null).statusCode()).isEqualTo(303);
    var replay = b.post(tickets + "/tri", correction, null);
    assertThat(replay.statusCode()).isEqualTo(409);
    assertThat(replay.body()).contains("Ticket modifié entre-temps");
    assertThat(timelineSize(reference) - events)
        .as("the note and one triage change, not two")
        .isEqualTo(2);
  }

  @Test
  void anAnalystReadsAndAddsObservablesAndSharesTheTicket() throws Exception {
    // Two companies received the same fake bank details from the same address.
    // An address of this run only: other suites' reports carry the fixture's own observable.
    String sender = "rib-" + UUID.randomUUID().toString().substring(0, 8) + "@faux.example";
    java.util.function.Function<String, String> wave =
        name ->
            post(
                ReportJson.company(NOW.get())
                    .set("victim.name", name)
                    .set("victim.communeCode", "22278")
                    .set(
                        "incident.observables",
                        new ArrayList<>(List.of(Map.of("type", "EMAIL", "value", sender)))));
    String first = wave.apply("Garage Kerjean");
    String second = wave.apply("Pharmacie du Port");
    // A wave: ten more victims of the same address; the page names ten, counts the rest.
    for (int i = 0; i < 10; i++) {
      wave.apply("Commerce " + i);
    }
    try (BrowserContext context = chromium.context(1280)) {
      Page page = context.newPage();
      page.navigate(base + "/console/tickets/" + first);
      signIn(page, usernames.get("ANALYST"));
      Locator table =
          page.getByRole(
              AriaRole.TABLE, new Page.GetByRoleOptions().setName("Traces techniques du ticket"));
      assertThat(table).containsText(sender);
      assertThat(table).containsText("Adresse électronique");
      assertThat(table.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(second)))
          .isVisible();
      Locator row =
          table.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(sender));
      assertThat(row.getByRole(AriaRole.LINK)).hasCount(10);
      assertThat(
              page.getByRole(AriaRole.LISTITEM)
                  .filter(new Locator.FilterOptions().setHasText(second))
                  .first())
          .containsText("Adresse électronique " + sender);
      assertThat(row).containsText("et 1 autre");
      axe(page, "the observables");

      // A value that is not of its type is refused, in French, and nothing is added.
      page.getByLabel("Type d'observable").selectOption("IP");
      page.getByLabel("Valeur de l'observable").fill("pas une adresse");
      button(page, "Ajouter l'observable").click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("n'est pas un observable du type");
      axe(page, "an observable refused");
      // A defanged domain, as victims paste them, is re-armed and kept.
      page.getByLabel("Type d'observable").selectOption("DOMAIN");
      page.getByLabel("Valeur de l'observable").fill("faux-rib[.]example");
      page.getByLabel("Diffusion de l'observable (TLP)").selectOption("GREEN");
      button(page, "Ajouter l'observable").click();
      assertThat(page.getByRole(AriaRole.STATUS)).hasText("L'observable est ajouté au ticket.");
      assertThat(table).containsText("faux-rib.example");
      assertThat(table).containsText("TLP:GREEN");
      assertThat(api("/api/v1/tickets/" + first + "/observables").toString())
          .contains("faux-rib.example");

      // Shared with MISP: queued, the page says so.
      button(page, "Partager vers MISP").click();
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("Le partage vers MISP est demandé");

      // The wave is a campaign: its page names the tickets; it is shared, then closed.
      Locator campaign =
          page.getByRole(
                  AriaRole.LINK,
                  new Page.GetByRoleOptions().setName(Pattern.compile("^Campagne \\d+$")))
              .first();
      String name = campaign.innerText();
      campaign.click();
      assertThat(heading(page)).hasText(name);
      assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(second)))
          .isVisible();
      assertThat(page.locator(".ticket-head")).containsText("Ouverte");
      axe(page, "a campaign");
      button(page, "Partager vers MISP").click();
      assertThat(page.getByRole(AriaRole.STATUS))
          .hasText("Le partage de la campagne vers MISP est demandé.");
      button(page, "Clore la campagne").click();
      assertThat(page.getByRole(AriaRole.STATUS)).hasText("La campagne est close.");
      assertThat(page.locator(".ticket-head")).containsText("Close");
      assertThat(button(page, "Clore la campagne")).hasCount(0);
      page.navigate(base + "/console/campagnes");
      assertThat(heading(page)).hasText("Campagnes");
      assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name)))
          .hasCount(0);
      axe(page, "the campaigns");
    }
  }

  @Test
  void anAnalystJoinsOrSetsAsideTheEmailsWaitingForReview() throws Exception {
    String reference = report("Quincaillerie Le Du");
    fr.vigie.testing.MailReviewFixture.pending(
        database, reference, "compta@cabinet.example", "Nouveau RIB", "Voici le nouveau RIB.");
    fr.vigie.testing.MailReviewFixture.pending(
        database, reference, "pub@ailleurs.example", "Promo", "Achetez nos imprimantes.");
    try (BrowserContext context = chromium.context(1280)) {
      Page page = context.newPage();
      page.navigate(base + "/console");
      signIn(page, usernames.get("ANALYST"));
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Courriels à vérifier"))
          .click();
      assertThat(heading(page)).hasText("Courriels à vérifier");
      assertThat(page.getByText("Voici le nouveau RIB.")).isVisible();
      axe(page, "the e-mails to review");

      page.getByRole(
              AriaRole.BUTTON,
              new Page.GetByRoleOptions()
                  .setName("Joindre au ticket " + reference + " : Nouveau RIB"))
          .click();
      assertThat(page.getByRole(AriaRole.STATUS))
          .hasText("Le courriel est joint au ticket comme message de la victime.");
      assertThat(page.getByText("Voici le nouveau RIB.")).hasCount(0);

      // Setting aside needs a reason; then the e-mail leaves the list, the ticket unchanged.
      button(page, "Écarter : Promo").click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("Indiquez pourquoi");
      axe(page, "a dismissal without its reason");
      page.getByLabel("Motif pour l'écarter : Promo").fill("Publicité sans rapport.");
      button(page, "Écarter : Promo").click();
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("Le courriel est écarté");
      assertThat(page.getByText("Achetez nos imprimantes.")).hasCount(0);
    }
    String timeline = api("/api/v1/tickets/" + reference + "/timeline").toString();
    assertThat(timeline).contains("Voici le nouveau RIB.").doesNotContain("imprimantes");
  }

  @Test
  void everyPageAndFormAnswersEachRoleWhatItMay() throws Exception {
    String reference = report("Garage Le Bihan");
    Map<String, Browserless> signedIn = new LinkedHashMap<>();
    signedIn.put("ANONYMOUS", new Browserless(base));
    for (var role : usernames.entrySet()) {
      Browserless b = new Browserless(base);
      b.signIn(role.getValue(), "/connexion");
      b.token = b.formToken("/console");
      signedIn.put(role.getKey(), b);
    }
    List<String> lines = Files.readAllLines(MATRIX);
    List<String> header = null;
    int rows = 0;
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = List.of(line.split(","));
      if (header == null) {
        header = cells;
        continue;
      }
      String path =
          cells
              .get(1)
              .replace("{reference}", reference)
              .replace("{provider}", Long.toString(first.id()))
              .replace("{user}", Long.toString(analystId));
      for (int i = 2; i < cells.size(); i++) {
        String who = header.get(i);
        Browserless b = signedIn.get(who);
        var answer =
            cells.get(0).equals("GET") ? b.get(path) : b.post(path, "jeton=" + b.token, null);
        assertThat(answer.statusCode())
            .as("%s %s as %s", cells.get(0), path, who)
            .isEqualTo(Integer.parseInt(cells.get(i)));
        if (answer.statusCode() == 303) {
          assertThat(answer.headers().firstValue("Location").orElseThrow())
              .startsWith("/connexion?retour=");
        }
      }
      rows++;
    }
    assertThat(rows).isGreaterThanOrEqualTo(17);
    // The cookie never opens the JSON API.
    assertThat(signedIn.get("ANALYST").get("/api/v1/tickets").statusCode()).isEqualTo(401);

    // An official signs in and gets no console page.
    try (BrowserContext context = chromium.context(1280)) {
      Page page = context.newPage();
      page.navigate(base + "/console");
      signIn(page, usernames.get("OFFICIAL"));
      assertThat(heading(page)).hasText("Accès refusé");
      page.navigate(base + "/console/tickets/" + reference);
      assertThat(heading(page)).hasText("Accès refusé");
      assertThat(page.getByText("Garage Le Bihan")).hasCount(0);
      axe(page, "refused");
    }
  }

  @Test
  void anotherSitesFormsAreRefused() throws Exception {
    String reference = report("Cidrerie Le Roux");
    int version = version(reference);
    Browserless b = new Browserless(base);
    b.signIn(usernames.get("ANALYST"), "/console");
    String token = b.formToken("/console/tickets/" + reference);
    String form =
        "jeton=" + token + "&version=" + version + "&resume=forge&date=2026-12-02T09%3A30";
    assertThat(
            b.post("/console/tickets/" + reference + "/appel", form, "https://attaquant.example")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            b.post("/console/tickets/" + reference + "/appel", form.replace(token, "x"), null)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            b.postWith(
                    "/console/tickets/" + reference + "/prendre",
                    "jeton=" + token + "&version=" + version,
                    "cross-site")
                .statusCode())
        .isEqualTo(403);
    // In the browser: another site's page posting to the console arrives without the cookies.
    try (BrowserContext context = chromium.context(1280)) {
      Page page = context.newPage();
      page.navigate(base + "/console");
      signIn(page, usernames.get("ANALYST"));
      assertThat(heading(page)).hasText("File des tickets");
      page.navigate("about:blank");
      page.setContent(
          "<form method=post action='"
              + base
              + "/console/tickets/"
              + reference
              + "/prendre'><input name=jeton value='"
              + token
              + "'><input name=version value="
              + version
              + "><button>Envoyer</button></form>");
      page.getByRole(AriaRole.BUTTON).click();
      assertThat(page).hasURL(Pattern.compile("/connexion"));
    }
    // Nothing was written by any of them.
    Map<String, Object> ticket = ticket(reference);
    assertThat(ticket.get("assignee")).isNull();
    assertThat(((Number) ticket.get("version")).intValue()).isEqualTo(version);
    assertThat(api("/api/v1/tickets/" + reference + "/timeline").toString())
        .doesNotContain("forge")
        .doesNotContain("CALL");
  }

  @Test
  void anAnalystQualifiesAReportReceivedByEmail() throws Exception {
    // A report that came by e-mail: nothing but the sender and the words are known.
    String reference =
        database.inTransaction(
            c -> {
              var opened =
                  intake.openFromEmail(
                      c,
                      new IntakeService.EmailReport(
                          NOW.get(),
                          "Secrétariat",
                          "accueil@plouzane.example.fr",
                          "Au secours",
                          "Plus aucun fichier ne s'ouvre, un message demande une rançon."));
              activity.recordIn(
                  c,
                  opened.reference(),
                  "vigie:mail",
                  "QUALIFICATION_NEEDED",
                  "channel",
                  "EMAIL",
                  "unknown",
                  String.join(", ", IntakeService.UNKNOWN_FROM_EMAIL));
              return opened.reference();
            });
    int before = version(reference);
    String discovered =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .format(NOW.get().minus(java.time.Duration.ofHours(2)).atZone(PARIS));
    try (BrowserContext context = chromium.context(768)) {
      Page page = context.newPage();
      page.navigate(base + "/console/tickets/" + reference);
      signIn(page, usernames.get("ANALYST"));
      assertThat(heading(page)).hasText(reference + " — " + IntakeService.UNQUALIFIED_VICTIM);
      // The form to qualify it comes first among the actions, pre-filled with what is known.
      assertThat(page.locator(".ticket-actions form").first())
          .hasAttribute("action", "/console/tickets/" + reference + "/faits");
      assertThat(page.getByLabel("Nom de la structure")).hasValue(IntakeService.UNQUALIFIED_VICTIM);
      assertThat(page.getByLabel("Menace")).hasValue("UNKNOWN");
      axe(page, "a report to qualify");
      fits(page, "a report to qualify at 768 px", 768);

      // A commune that does not exist is refused in French, naming it; nothing is written.
      page.getByLabel("Type de victime").selectOption("COMMUNE");
      page.getByLabel("Nom de la structure").fill("Mairie de Plouzané");
      page.getByLabel("Commune (code INSEE)").fill("99999");
      page.getByLabel("Menace").selectOption("RANSOMWARE");
      page.getByLabel("Raison de la correction des faits").fill("Rappel de la mairie.");
      button(page, "Enregistrer les faits").click();
      assertThat(page.getByRole(AriaRole.ALERT))
          .containsText("Indiquez le code INSEE d'une commune existante");
      assertThat(version(reference)).isEqualTo(before);
      axe(page, "a commune that does not exist");

      page.getByLabel("Type de victime").selectOption("COMMUNE");
      page.getByLabel("Nom de la structure").fill("Mairie de Plouzané");
      page.getByLabel("Commune (code INSEE)").fill("29212");
      page.getByLabel("Effectif").fill("85");
      page.getByLabel("Menace").selectOption("RANSOMWARE");
      page.getByLabel("Données personnelles concernées").selectOption("SUSPECTED");
      page.getByLabel("Assurance cyber").selectOption("non");
      page.getByLabel("Prestataire informatique").selectOption("oui");
      page.getByLabel("Date de découverte").fill(discovered);
      page.getByLabel("Raison de la correction des faits")
          .fill("Rappel de la secrétaire de mairie : rançongiciel, état civil à l'arrêt.");
      button(page, "Enregistrer les faits").click();
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("Les faits du signalement");
      assertThat(heading(page)).hasText(reference + " — Mairie de Plouzané");
      Map<String, Object> ticket = ticket(reference);
      assertThat(ticket.get("version")).isEqualTo(before + 1);
      assertThat(page.locator(".ticket-head")).containsText((String) ticket.get("severity"));
      @SuppressWarnings("unchecked")
      Map<String, Object> victim = (Map<String, Object>) ticket.get("victim");
      assertThat(victim.get("departement")).isEqualTo("29");
      assertThat(victim.get("headcount")).isEqualTo(85);
      assertThat(clockState(reference, "GDPR_CNIL_72H")).isEqualTo("OPEN");
      Locator corrected = timelineLine(page, "Faits du signalement corrigés").first();
      assertThat(corrected).containsText("commune : — → 29212");
      assertThat(corrected).containsText("menace : Menace inconnue → Rançongiciel");
      assertThat(corrected).containsText("état civil à l'arrêt");
      // Qualified: the form is no longer the first action.
      assertThat(page.locator(".ticket-actions form").first())
          .not()
          .hasAttribute("action", "/console/tickets/" + reference + "/faits");
      assertThat(page.getByLabel("Nom de la structure")).hasValue("Mairie de Plouzané");
      axe(page, "a report qualified");
      fits(page, "a report qualified at 768 px", 768);

      // A change made meanwhile: the correction is not written, the page says so.
      client
          .toBlocking()
          .exchange(
              HttpRequest.PATCH(
                      "/api/v1/tickets/" + reference + "/facts",
                      Map.of("victim", Map.of("headcount", 90), "reason", "Effectif exact"))
                  .bearerAuth(analystToken));
      page.getByLabel("Effectif").fill("120");
      page.getByLabel("Raison de la correction des faits").fill("Effectif selon le maire.");
      button(page, "Enregistrer les faits").click();
      assertThat(
              page.getByRole(
                  AriaRole.HEADING,
                  new Page.GetByRoleOptions().setName("Ticket modifié entre-temps")))
          .isVisible();
      @SuppressWarnings("unchecked")
      Map<String, Object> after = (Map<String, Object>) ticket(reference).get("victim");
      assertThat(after.get("headcount")).isEqualTo(90);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * A report of a small company of Brest whose funds left 18 h ago (P1), sent now; its reference.
   */
  private String report(String name) {
    return post(
        ReportJson.company(NOW.get())
            .set("victim.name", name)
            // Saint-Brieuc (22): the other suites' providers cover Finistère.
            .set("victim.communeCode", "22278"));
  }

  /** The insured mairie of Plouzané, reporting now; its reference. */
  private String mairieReport() {
    return post(ReportJson.mairie(NOW.get()).set("victim.cyberInsured", true));
  }

  private String post(ReportJson report) {
    @SuppressWarnings("unchecked")
    Map<String, Object> answer =
        client.toBlocking().retrieve(HttpRequest.POST("/api/v1/reports", report.body()), Map.class);
    return (String) answer.get("reference");
  }

  /** A JSON object the API answers the analyst at {@code path}. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> api(String path) {
    return client.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(analystToken), Map.class);
  }

  /** A JSON array of objects the API answers the analyst at {@code path}. */
  private List<Map<String, Object>> apiList(String path) {
    return client
        .toBlocking()
        .retrieve(
            HttpRequest.GET(path).bearerAuth(analystToken),
            io.micronaut.core.type.Argument.listOf(
                io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
  }

  private Map<String, Object> ticket(String reference) {
    return api("/api/v1/tickets/" + reference);
  }

  private String clockState(String reference, String code) {
    return apiList("/api/v1/tickets/" + reference + "/clocks").stream()
        .filter(c -> code.equals(c.get("code")))
        .map(c -> (String) c.get("state"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(reference + " has no clock " + code));
  }

  /** The newest timeline event of this type, as the API shows it. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> timelineEvent(String reference, String type) {
    List<Map<String, Object>> items =
        (List<Map<String, Object>>) api("/api/v1/tickets/" + reference + "/timeline").get("items");
    return items.stream()
        .filter(e -> type.equals(e.get("type")))
        .reduce((x, y) -> y)
        .orElseThrow(() -> new AssertionError(reference + " has no " + type));
  }

  private int timelineSize(String reference) {
    return ((Number) api("/api/v1/tickets/" + reference + "/timeline").get("total")).intValue();
  }

  /** The timeline's lines that say {@code what}, newest last as the page lists them. */
  private static Locator timelineLine(Page page, String what) {
    return page.getByRole(AriaRole.LISTITEM)
        .filter(
            new Locator.FilterOptions()
                .setHas(page.locator("strong", new Page.LocatorOptions().setHasText(what))));
  }

  /** The English reasons the API gives for excluding the provider named {@code name}. */
  @SuppressWarnings("unchecked")
  private List<String> referralOptionReasons(String reference, String name) {
    List<Map<String, Object>> excluded =
        (List<Map<String, Object>>)
            api("/api/v1/tickets/" + reference + "/referral-options").get("excluded");
    return excluded.stream()
        .filter(e -> String.valueOf(e.get("name")).startsWith(name))
        .map(e -> (List<String>) e.get("reasons"))
        .findFirst()
        .orElseThrow();
  }

  private int version(String reference) {
    return ((Number) ticket(reference).get("version")).intValue();
  }

  private long referralId(String reference) {
    return ((Number) apiList("/api/v1/tickets/" + reference + "/referrals").get(0).get("id"))
        .longValue();
  }

  private static Locator heading(Page page) {
    return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
  }

  private static Locator button(Page page, String name) {
    return page.getByRole(
        AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  private static void continuer(Page page) {
    button(page, "Continuer").click();
  }

  private void axe(Page page, String state) {
    assertThat(chromium.violations(page)).as("axe-core on %s", state).isEmpty();
  }

  /** Nothing on the page is wider than the window: no sideways scrolling of the page itself. */
  private static void fits(Page page, String state, int width) {
    Object scroll = page.evaluate("() => document.documentElement.scrollWidth");
    assertThat(((Number) scroll).intValue())
        .as("page width of %s", state)
        .isLessThanOrEqualTo(width);
  }
}
