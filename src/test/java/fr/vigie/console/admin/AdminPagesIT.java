package fr.vigie.console.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static fr.vigie.testing.Chromium.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import fr.vigie.routing.ProviderDirectory;
import fr.vigie.security.UserService;
import fr.vigie.testing.Browserless;
import fr.vigie.testing.Chromium;
import fr.vigie.testing.Providers;
import fr.vigie.testing.Staff;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's administration pages in Debian's Chromium (issue 18): a coordinator adds a provider
 * (a wrong field first: named in French, what was typed kept) and a contract ranking it; an analyst
 * reads the directory without the forms and is refused a post; an official and a provider user get
 * no page; an administrator creates an account and sees the audit chain intact; a cross-site post
 * is refused; axe-core finds no violation on any page or state. A coordinator changes a provider
 * (capacity, a label's validity; a wrong value and a change made meanwhile first) and an
 * administrator an account's roles; hostile forms are answered 422 and change nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The test server listens on localhost and pages post their forms from it: Micronaut's CORS filter
// refuses a form of a localhost page posted to a localhost server unless this is set.
@Property(name = "micronaut.server.cors.localhost-pass-through", value = "true")
class AdminPagesIT {

  static final Path SCREENSHOTS = Path.of("ops/screenshots");
  static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

  @Inject EmbeddedServer server;
  @Inject UserService users;
  @Inject ProviderDirectory providers;
  @Inject Clock clock;
  @Inject fr.vigie.db.Database database;

  @Inject
  @Client("/")
  HttpClient client;

  Chromium chromium;
  String base;
  final Map<String, String> usernames = new LinkedHashMap<>();

  @BeforeAll
  void setUp() {
    for (String role : List.of("ANALYST", "COORDINATOR", "OFFICIAL", "ADMIN")) {
      String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
      users.create(new UserService.NewUser(username, Staff.PASSWORD, List.of(role), null));
      usernames.put(role, username);
    }
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
  void aCoordinatorReadsTheDirectoryThenAddsAContractRankingAProvider() throws Exception {
    String name = "Cyber Secours Test " + UUID.randomUUID().toString().substring(0, 6);
    LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris")));
    var created =
        providers.create(
            Providers.provider()
                .name(name)
                .label("EXPERTCYBER", today.plusYears(1).toString())
                .request(),
            "test");
    try (BrowserContext context = chromium.context(1280)) {
      Page page = context.newPage();
      page.navigate(base + "/console/prestataires");
      assertThat(page).hasURL(Pattern.compile("/connexion\\?retour="));
      signIn(page, usernames.get("COORDINATOR"));
      assertThat(page).hasURL(Pattern.compile("/console/prestataires$"));
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Prestataires");
      assertThat(
              page.getByRole(AriaRole.ROW)
                  .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(name)))
          .containsText("ExpertCyber jusqu'au");
      assertThat(
              page.getByRole(
                  AriaRole.LINK, new Page.GetByRoleOptions().setName("Ajouter un prestataire")))
          .hasAttribute("href", "/console/prestataires/nouveau");
      assertThat(chromium.violations(page)).as("axe on the directory").isEmpty();

      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Marchés publics")).click();
      String contract = "Marché test " + UUID.randomUUID().toString().substring(0, 6);
      page.getByLabel("Nom du marché").fill(contract);
      page.getByLabel("Départements du marché").fill("29");
      page.getByLabel("Communes", EXACT).check();
      page.getByLabel("Rang 1").selectOption(Long.toString(created.id()));
      page.getByLabel("Début (AAAA-MM-JJ)").fill(today.toString());
      page.getByLabel("Fin (AAAA-MM-JJ)").fill(today.minusDays(1).toString());
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ajouter le marché"))
          .click();
      assertThat(page).hasTitle(Pattern.compile("^Erreur : Marchés publics"));
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("Indiquez la date de fin");
      assertThat(page.getByLabel("Nom du marché")).hasValue(contract);
      assertThat(page.getByLabel("Communes", EXACT)).isChecked();
      assertThat(chromium.violations(page)).as("axe on the refused contract").isEmpty();

      page.getByLabel("Fin (AAAA-MM-JJ)").fill(today.plusYears(1).toString());
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ajouter le marché"))
          .click();
      assertThat(page).hasURL(Pattern.compile("/console/marches\\?fait=ajoute$"));
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("Marché ajouté");
      assertThat(
              page.getByRole(AriaRole.ROW)
                  .filter(
                      new com.microsoft.playwright.Locator.FilterOptions().setHasText(contract)))
          .containsText("1. " + name);
      assertThat(chromium.violations(page)).as("axe on the contracts").isEmpty();

      // A form posted from another site carries the cookies but not the page's origin: refused.
      var forged =
          context
              .request()
              .post(
                  base + "/console/marches",
                  RequestOptions.create()
                      .setHeader("Sec-Fetch-Site", "cross-site")
                      .setHeader("Origin", "https://attaquant.example")
                      .setMaxRedirects(0)
                      .setForm(FormData.create().set("nom", "Faux marché")));
      assertThat(forged.status()).isEqualTo(403);
    }
  }

  @Test
  void eachRoleGetsOnlyThePagesItsApiRoleAllows() {
    // role → [directory, contracts, users, audit] as the page answers
    Map<String, List<Integer>> expected =
        Map.of(
            "ANALYST", List.of(200, 200, 403, 403),
            "COORDINATOR", List.of(200, 200, 403, 403),
            "OFFICIAL", List.of(403, 403, 403, 403),
            "ADMIN", List.of(200, 200, 200, 200));
    List<String> paths =
        List.of(
            "/console/prestataires",
            "/console/marches",
            "/console/utilisateurs",
            "/console/journal");
    try (BrowserContext anonymous = chromium.context(1280)) {
      for (String path : paths) {
        var answer =
            anonymous.request().get(base + path, RequestOptions.create().setMaxRedirects(0));
        assertThat(answer.status()).as(path).isEqualTo(303);
        assertThat(answer.headers().get("location")).startsWith("/connexion?retour=");
      }
    }
    for (var role : expected.entrySet()) {
      try (BrowserContext context = chromium.context(1280)) {
        Page page = context.newPage();
        page.navigate(base + "/connexion");
        signIn(page, usernames.get(role.getKey()));
        for (int i = 0; i < paths.size(); i++) {
          var answer = page.navigate(base + paths.get(i));
          assertThat(answer.status())
              .as(role.getKey() + " " + paths.get(i))
              .isEqualTo(role.getValue().get(i));
        }
        page.navigate(base + "/console/prestataires");
        if (role.getKey().equals("ANALYST")) {
          assertThat(
                  page.getByRole(
                      AriaRole.LINK, new Page.GetByRoleOptions().setName("Ajouter un prestataire")))
              .hasCount(0);
          page.navigate(base + "/console/marches");
          assertThat(
                  page.getByRole(
                      AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ajouter le marché")))
              .hasCount(0);
          // The forms are not shown, and posting one anyway is refused by role.
          String token = page.locator("input[name=jeton]").first().inputValue();
          var post =
              context
                  .request()
                  .post(
                      base + "/console/marches",
                      RequestOptions.create()
                          .setHeader("Sec-Fetch-Site", "same-origin")
                          .setMaxRedirects(0)
                          .setForm(FormData.create().set("jeton", token).set("nom", "X")));
          assertThat(post.status()).isEqualTo(403);
        }
      }
    }
  }

  @Test
  void anAdministratorCreatesAnAccountAndSeesTheAuditChainIntact() throws Exception {
    String username = "nouvel.analyste." + UUID.randomUUID().toString().substring(0, 6);
    try (BrowserContext context = chromium.context(1280)) {
      Page page = context.newPage();
      page.navigate(base + "/console/utilisateurs");
      signIn(page, usernames.get("ADMIN"));
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Utilisateurs");
      page.getByLabel("Identifiant", EXACT).fill(username);
      page.getByLabel("Mot de passe initial").fill("court");
      page.getByLabel("Analyste", EXACT).check();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Créer le compte"))
          .click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("Le mot de passe : 12 caractères");
      assertThat(page.getByLabel("Mot de passe initial")).hasValue("");
      assertThat(page.getByLabel("Identifiant", EXACT)).hasValue(username);
      assertThat(chromium.violations(page)).as("axe on the refused account").isEmpty();
      page.getByLabel("Mot de passe initial").fill(Staff.PASSWORD);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Créer le compte"))
          .click();
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("Compte créé");
      // In a whole-suite run the first page lists the suites' older accounts: read it back.
      assertThat(users.page(0, 10_000))
          .anySatisfy(
              u -> {
                assertThat(u.username()).isEqualTo(username);
                assertThat(u.roles()).containsExactly(fr.vigie.security.Role.ANALYST);
              });
      assertThat(chromium.violations(page)).as("axe on the accounts").isEmpty();
      Files.createDirectories(SCREENSHOTS);
      page.navigate(base + "/console/prestataires");
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("console-prestataires.png"))
              .setFullPage(true));

      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Journal d'audit")).click();
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("Chaîne intacte");
      assertThat(chromium.violations(page)).as("axe on the audit page").isEmpty();
    }
    // The new account signs in with the password the administrator chose.
    try (BrowserContext context = chromium.context(1280)) {
      Page page = context.newPage();
      page.navigate(base + "/console/prestataires");
      page.getByLabel("Identifiant").fill(username);
      page.getByLabel("Mot de passe").fill(Staff.PASSWORD);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Se connecter")).click();
      assertThat(page).hasURL(Pattern.compile("/console/prestataires$"));
    }
  }

  @Test
  void aCoordinatorChangesAProvidersCapacityAndALabelsValidity() throws Exception {
    String name = "Kreiz Sécurité " + UUID.randomUUID().toString().substring(0, 6);
    LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris")));
    var created =
        providers.create(
            Providers.provider()
                .name(name)
                .label("EXPERTCYBER", today.plusYears(1).toString())
                .label("REGIONAL_LABEL", today.plusMonths(6).toString())
                .capacity(10)
                .webhook("https://hooks.example/vigie", "un-secret-de-seize-caracteres")
                .request(),
            "test");
    try (BrowserContext context = chromium.context(768)) {
      Page page = context.newPage();
      page.navigate(base + "/console/prestataires");
      signIn(page, usernames.get("COORDINATOR"));
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true))
          .click();
      assertThat(page).hasURL(Pattern.compile("/console/prestataires/" + created.id() + "$"));
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Modifier le prestataire " + name);
      assertThat(page.getByLabel("Nom du prestataire")).hasValue(name);
      assertThat(page.getByLabel("Capacité (dossiers en même temps)")).hasValue("10");
      assertThat(page.getByLabel("ExpertCyber")).hasValue(today.plusYears(1).toString());
      assertThat(page.getByLabel("Label régional")).hasValue(today.plusMonths(6).toString());
      assertThat(page.getByLabel("PRIS, niveau élevé")).hasValue("");
      assertThat(page.getByLabel("Départements couverts")).hasValue("29");
      assertThat(page.getByLabel("Commune", EXACT)).isChecked();
      assertThat(page.getByLabel("Astreinte 24 h/24, 7 j/7")).isChecked();
      assertThat(page.getByLabel("Actif", EXACT)).isChecked();
      assertThat(chromium.violations(page)).as("axe on the provider's page").isEmpty();
      fits(page, "the provider's page", 768);

      // A capacity of 0 and a name that reads backwards: both named, nothing written.
      page.getByLabel("Nom du prestataire").fill(name + " \u202Eeniram");
      page.getByLabel("Capacité (dossiers en même temps)").fill("0");
      save(page);
      assertThat(page).hasTitle(Pattern.compile("^Erreur : Modifier le prestataire"));
      assertThat(page.getByRole(AriaRole.ALERT))
          .containsText("Capacité : un nombre de dossiers simultanés, de 1 à 10 000.");
      assertThat(page.getByRole(AriaRole.ALERT))
          .containsText("Nom du prestataire : 200 caractères");
      assertThat(page.locator("#f-capacite-erreur")).containsText("Capacité :");
      assertThat(page.getByLabel("Capacité (dossiers en même temps)"))
          .hasAttribute("aria-invalid", "true");
      assertThat(page.getByLabel("Capacité (dossiers en même temps)")).hasValue("0");
      assertThat(chromium.violations(page)).as("axe on the refused change").isEmpty();
      fits(page, "the refused change", 768);
      var unchanged = providers.get(created.id()).orElseThrow();
      assertThat(unchanged.capacity()).isEqualTo(10);
      assertThat(unchanged.name()).isEqualTo(name);
      assertThat(unchanged.version()).isEqualTo(created.version());

      page.getByLabel("Nom du prestataire").fill(name);
      page.getByLabel("Capacité (dossiers en même temps)").fill("4");
      page.getByLabel("ExpertCyber").fill(today.plusYears(2).toString());
      save(page);
      assertThat(page).hasURL(Pattern.compile("/console/prestataires/" + created.id() + "\\?"));
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("Modifications enregistrées");
      assertThat(page.getByLabel("Capacité (dossiers en même temps)")).hasValue("4");
      Files.createDirectories(SCREENSHOTS);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("console-prestataire-modifier.png"))
              .setFullPage(true));

      // Someone changes it over the API after the page was shown: the page's change is refused.
      var changed = providers.get(created.id()).orElseThrow();
      providers.update(
          created.id(),
          Providers.provider()
              .name(name)
              .label("EXPERTCYBER", today.plusYears(2).toString())
              .capacity(7)
              .webhook("https://hooks.example/vigie", "un-secret-de-seize-caracteres")
              .request(),
          changed.version(),
          "test");
      page.getByLabel("Capacité (dossiers en même temps)").fill("9");
      save(page);
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("modifié entre-temps");
      assertThat(chromium.violations(page)).as("axe on the conflict").isEmpty();
      assertThat(providers.get(created.id()).orElseThrow().capacity()).isEqualTo(7);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Recharger le prestataire"))
          .click();
      assertThat(page.getByLabel("Capacité (dossiers en même temps)")).hasValue("7");
      page.getByLabel("Capacité (dossiers en même temps)").fill("4");
      save(page);
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("Modifications enregistrées");
    }
    // The API answers what the page wrote; the webhook set over the API is kept.
    String token = Staff.login(client, usernames.get("COORDINATOR"), Staff.PASSWORD);
    @SuppressWarnings("unchecked")
    Map<String, Object> answer =
        client
            .toBlocking()
            .retrieve(
                HttpRequest.GET("/api/v1/providers/" + created.id()).bearerAuth(token), Map.class);
    assertThat(answer.get("capacity")).isEqualTo(4);
    assertThat(answer.get("labels").toString())
        .contains("EXPERTCYBER")
        .contains(today.plusYears(2).toString());
    assertThat(answer.get("webhookUrl")).isEqualTo("https://hooks.example/vigie");
    assertThat(answer.get("webhookSecretSet")).isEqualTo(true);
  }

  @Test
  void anAdministratorChangesAnAccountsRolesAndOthersAreRefusedItsPage() throws Exception {
    String username = "analyste." + UUID.randomUUID().toString().substring(0, 6);
    var account =
        users.create(new UserService.NewUser(username, Staff.PASSWORD, List.of("ANALYST"), null));
    try (BrowserContext context = chromium.context(768)) {
      Page page = context.newPage();
      page.navigate(base + "/console/utilisateurs");
      signIn(page, usernames.get("ADMIN"));
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(username).setExact(true))
          .click();
      assertThat(page).hasURL(Pattern.compile("/console/utilisateurs/" + account.id() + "$"));
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Compte " + username);
      assertThat(page.getByLabel("Analyste", EXACT)).isChecked();
      assertThat(page.getByLabel("Compte actif")).isChecked();
      assertThat(chromium.violations(page)).as("axe on the account").isEmpty();
      fits(page, "the account", 768);

      // A provider account without its provider: named, nothing written.
      page.getByLabel("Prestataire", EXACT).check();
      save(page);
      assertThat(page.getByRole(AriaRole.ALERT))
          .containsText("Choisissez le prestataire d'un compte prestataire");
      assertThat(page.locator("#providerId-erreur")).isVisible();
      assertThat(chromium.violations(page)).as("axe on the refused account change").isEmpty();
      assertThat(users.byId(account.id()).orElseThrow().roles())
          .containsExactly(fr.vigie.security.Role.ANALYST);

      page.getByLabel("Prestataire", EXACT).uncheck();
      page.getByLabel("Analyste", EXACT).uncheck();
      page.getByLabel("Coordinateur", EXACT).check();
      save(page);
      assertThat(page.getByRole(AriaRole.STATUS))
          .containsText("Modifications du compte enregistrées");
      assertThat(page.getByLabel("Coordinateur", EXACT)).isChecked();
      assertThat(page.getByLabel("Analyste", EXACT)).not().isChecked();
    }
    assertThat(users.byId(account.id()).orElseThrow().roles())
        .containsExactly(fr.vigie.security.Role.COORDINATOR);
    // Audited as over the API: the administrator, the account, its new roles.
    String admin = Staff.login(client, usernames.get("ADMIN"), Staff.PASSWORD);
    String audit =
        client
            .toBlocking()
            .retrieve(
                HttpRequest.GET(
                        "/api/v1/audit?action=USER_UPDATED&target=user:"
                            + username
                            + "&actor="
                            + usernames.get("ADMIN"))
                    .bearerAuth(admin));
    assertThat(audit).contains("USER_UPDATED").contains("COORDINATOR");

    // Only an administrator opens an account's page, as on the API.
    for (String role : List.of("COORDINATOR", "ANALYST")) {
      try (BrowserContext context = chromium.context(1280)) {
        Page page = context.newPage();
        page.navigate(base + "/connexion");
        signIn(page, usernames.get(role));
        var answer = page.navigate(base + "/console/utilisateurs/" + account.id());
        assertThat(answer.status()).as(role).isEqualTo(403);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
            .hasText("Accès refusé");
        assertThat(page.getByText(username)).hasCount(0);
      }
    }
  }

  @Test
  void theAccountsListIsPagedBeyondTwoHundred() throws Exception {
    // Disabled accounts, last in alphabetical order, until there are more than one page's worth.
    database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "INSERT INTO app_user (username, password_hash, roles, enabled, created_at)"
                      + " SELECT 'zz-page-' || g, 'x', ARRAY['ANALYST'], false, now()"
                      + " FROM generate_series(1, greatest(0, 201 - (SELECT count(*) FROM app_user)))"
                      + " g ON CONFLICT (username) DO NOTHING")) {
            s.executeUpdate();
          }
          return null;
        });
    long total = users.count();
    assertThat(total).isGreaterThan(200);
    Browserless admin = new Browserless(base);
    admin.signIn(usernames.get("ADMIN"), "/console");
    String first = admin.get("/console/utilisateurs").body();
    assertThat(first)
        .contains("Comptes 1 à 200 sur " + total)
        .contains("?page=2\">Comptes suivants");
    assertThat(first).doesNotContain("Comptes précédents");
    String second = admin.get("/console/utilisateurs?page=2").body();
    assertThat(second)
        .contains("Comptes 201 à " + Math.min(total, 400) + " sur " + total)
        .contains("?page=1\">Comptes précédents");
    // Not a page number, or past the end: the first page, the last one.
    assertThat(admin.get("/console/utilisateurs?page=abc").body()).contains("Comptes 1 à 200");
    assertThat(admin.get("/console/utilisateurs?page=99999").body())
        .contains("sur " + total)
        .doesNotContain("Comptes suivants");
  }

  @Test
  void hostileFormsAreRefusedAndChangeNothing() throws Exception {
    var provider = Providers.provider().name("Cible " + UUID.randomUUID()).create(providers);
    Browserless coordinator = new Browserless(base);
    coordinator.signIn(usernames.get("COORDINATOR"), "/console");
    String token = coordinator.formToken("/console/prestataires/" + provider.id());
    Map<String, String> valid = new LinkedHashMap<>();
    valid.put("jeton", token);
    valid.put("version", Integer.toString(provider.version()));
    valid.put("nom", provider.name());
    valid.put("siren", provider.siren());
    valid.put("validite-EXPERTCYBER", "2099-12-31");
    valid.put("departements", "29");
    valid.put("siege", "29");
    valid.put("victimes", "COMMUNE");
    valid.put("classes", "malicious-code");
    valid.put("capacite", "5");
    valid.put("astreinte", "oui");
    valid.put("courriel", "contact@prestataire.example");
    valid.put("actif", "oui");
    Map<String, String> hostile = new LinkedHashMap<>();
    hostile.put("nom", "x".repeat(20_000));
    hostile.put("courriel", "a".repeat(300) + "@exemple.fr");
    hostile.put("victimes", "PIRATE");
    hostile.put("classes", "'; DROP TABLE provider; --");
    hostile.put("capacite", "99999999999");
    hostile.put("validite-EXPERTCYBER", "31/12/2099");
    hostile.put("horaires", "MON-FRI 09:00-18:00" + "x".repeat(5_000));
    hostile.put("departements", "29,".repeat(1_000));
    hostile.put("version", "1 OR 1=1");
    for (var bad : hostile.entrySet()) {
      Map<String, String> form = new LinkedHashMap<>(valid);
      form.put(bad.getKey(), bad.getValue());
      var answer =
          coordinator.post("/console/prestataires/" + provider.id(), encode(form, null), null);
      assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(422);
      assertThat(answer.body()).as(bad.getKey()).contains("Il y a un problème");
    }
    // Bytes that are not UTF-8, percent-encoded.
    var broken =
        coordinator.post(
            "/console/prestataires/" + provider.id(), encode(valid, "nom") + "%C3%28%FF", null);
    // Refused whole by the strict form reader of every page (FormBody), as a bad JSON body is.
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(providers.get(provider.id()).orElseThrow())
        .as("nothing written")
        .isEqualTo(provider);
    // The valid form itself is taken: the checks above were about the hostile fields.
    var accepted =
        coordinator.post("/console/prestataires/" + provider.id(), encode(valid, null), null);
    assertThat(accepted.statusCode()).isEqualTo(303);
    assertThat(providers.get(provider.id()).orElseThrow().capacity()).isEqualTo(5);

    String username = "cible." + UUID.randomUUID().toString().substring(0, 6);
    var account =
        users.create(new UserService.NewUser(username, Staff.PASSWORD, List.of("ANALYST"), null));
    Browserless admin = new Browserless(base);
    admin.signIn(usernames.get("ADMIN"), "/console");
    String adminToken = admin.formToken("/console/utilisateurs/" + account.id());
    List<String> forms =
        List.of(
            "roles=ROOT&actif=oui",
            "roles=ANALYST&actif=oui&email=" + "a".repeat(300) + "%40exemple.fr",
            "roles=PROVIDER&actif=oui&prestataire=999999999999",
            "roles=ANALYST&actif=oui&prestataire=abc",
            "roles=ANALYST&actif=oui&motDePasse=court");
    for (String form : forms) {
      var answer =
          admin.post(
              "/console/utilisateurs/" + account.id(), "jeton=" + adminToken + "&" + form, null);
      assertThat(answer.statusCode()).as(form).isEqualTo(422);
      assertThat(answer.body()).as(form).contains("Il y a un problème");
    }
    assertThat(
            admin
                .post(
                    "/console/utilisateurs/" + account.id(),
                    "jeton=" + adminToken + "&roles=ADMIN&actif=oui&email=%C3%28%FF%40exemple.fr",
                    null)
                .statusCode())
        .isEqualTo(400);
    var after = users.byId(account.id()).orElseThrow();
    assertThat(after.roles()).as("nothing written").isEqualTo(account.roles());
    assertThat(after.email()).isNull();
    assertThat(after.providerId()).isNull();
    assertThat(after.enabled()).isTrue();
  }

  private static String encode(Map<String, String> form, String last) {
    StringBuilder body = new StringBuilder();
    for (var field : form.entrySet()) {
      if (field.getKey().equals(last)) {
        continue;
      }
      body.append(body.length() == 0 ? "" : "&")
          .append(field.getKey())
          .append('=')
          .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
    }
    return last == null ? body.toString() : body + "&" + last + "=";
  }

  private static void save(Page page) {
    page.getByRole(
            AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Enregistrer les modifications").setExact(true))
        .click();
  }

  /** Nothing on the page is wider than the window: no sideways scrolling of the page itself. */
  private static void fits(Page page, String state, int width) {
    Object scroll = page.evaluate("() => document.documentElement.scrollWidth");
    assertThat(((Number) scroll).intValue())
        .as("page width of %s", state)
        .isLessThanOrEqualTo(width);
  }
}
