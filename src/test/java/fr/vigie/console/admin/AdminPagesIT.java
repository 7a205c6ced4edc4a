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
import fr.vigie.testing.Chromium;
import fr.vigie.testing.Providers;
import fr.vigie.testing.Staff;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
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
 * is refused; axe-core finds no violation on any page or state.
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
}
