package fr.vigie.stats;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import fr.vigie.db.Database;
import fr.vigie.security.UserService;
import fr.vigie.testing.Chromium;
import fr.vigie.testing.Providers;
import fr.vigie.testing.Staff;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The officials' dashboard and the public statistics page in Debian's Chromium (issue 19): an
 * official signs in at {@code /connexion}, sees the région's départements on the map, changes the
 * year and the filters, downloads a chart's CSV; every figure shown is the cube's, a suppressed one
 * is « secret statistique » everywhere (drawing, tooltip, table, CSV) and its value nowhere;
 * axe-core finds no violation; the pages refuse the roles they must; the browser session follows
 * the API's session rules and refuses forged forms.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "spec.name", value = "StatsPagesIT")
@Property(name = "vigie.desk.name", value = "CSIRT Bretagne")
// The test server listens on localhost, and pages post their forms with Origin "null" (their
// Referrer-Policy is no-referrer): Micronaut's CORS filter refuses a non-localhost origin calling a
// localhost server (403) unless this is set. A deployed Vigie is not on localhost.
@Property(name = "micronaut.server.cors.localhost-pass-through", value = "true")
class StatsPagesIT {

  static final Path SCREENSHOTS = Path.of("ops/screenshots");
  static final String SECRET = "secret statistique";
  static final String DEPARTEMENTS = "22,29,35,56";
  static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

  @Factory
  @Requires(property = "spec.name", value = "StatsPagesIT")
  static class FixedClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return Clock.fixed(StatsIT.NOW, ZoneOffset.UTC);
    }
  }

  @Inject EmbeddedServer server;
  @Inject Database database;
  @Inject UserService users;
  @Inject JsonMapper json;

  @Inject
  @Client("/")
  HttpClient client;

  Chromium chromium;
  String base;
  final Map<String, String> usernames = new LinkedHashMap<>();
  String officialToken;

  @BeforeAll
  void setUp() {
    StatsFixture.load(database, StatsIT.YEAR, StatsFixture.BRETAGNE);
    StatsFixture.load(database, StatsIT.YEAR - 1, StatsFixture.BRETAGNE.subList(0, 24));
    for (String role : List.of("OFFICIAL", "COORDINATOR", "ADMIN", "ANALYST", "PROVIDER")) {
      String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
      Long provider = null;
      if (role.equals("PROVIDER")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> created =
            client
                .toBlocking()
                .retrieve(
                    HttpRequest.POST("/api/v1/providers", Providers.provider().request())
                        .bearerAuth(Staff.token(users, client, "ADMIN")),
                    Map.class);
        provider = ((Number) created.get("id")).longValue();
      }
      users.create(new UserService.NewUser(username, Staff.PASSWORD, List.of(role), provider));
      usernames.put(role, username);
    }
    officialToken = Staff.token(users, client, "OFFICIAL");
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
  void anOfficialReadsTheDashboardAndNoSecretValueShows() throws IOException {
    try (BrowserContext context = newContext()) {
      List<String> foreign = new ArrayList<>();
      context.onRequest(
          r -> {
            if (!r.url().startsWith(base) && !r.url().startsWith("data:")) {
              foreign.add(r.url());
            }
          });
      List<String> cspErrors = new ArrayList<>();
      Page page = context.newPage();
      page.onConsoleMessage(
          m -> {
            if (m.text().contains("Content Security Policy")) {
              cspErrors.add(m.text());
            }
          });
      page.navigate(base + "/tableau-de-bord");
      assertThat(page).hasURL(Pattern.compile("/connexion\\?retour="));
      signIn(page, usernames.get("OFFICIAL"));
      assertThat(page).hasURL(Pattern.compile("/tableau-de-bord$"));
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Tableau de bord des incidents cyber");
      Cookie session =
          context.cookies().stream()
              .filter(c -> c.name.equals("vigie_session"))
              .findFirst()
              .orElseThrow();
      assertThat(session.httpOnly).isTrue();
      assertThat(session.secure).isTrue();
      assertThat(session.sameSite).isEqualTo(SameSiteAttribute.STRICT);

      // The map: the four départements of Bretagne, each figure the cube's.
      Locator map =
          page.getByRole(
              AriaRole.IMG,
              new Page.GetByRoleOptions().setName(Pattern.compile("^Carte de la région")));
      assertThat(map.locator("path")).hasCount(4);
      Map<String, Object> cube =
          cube("groupBy=departement&period=YEAR&from=2019&to=2019&departement=" + DEPARTEMENTS);
      Set<String> published =
          sameAsCube(page, "Victimes distinctes par département", cube, "departement");
      assertThat(suppressed(cube)).as("the fixture hides Morbihan's 3 victims").isNotEmpty();
      Locator mapSection = section(page, "Carte des départements");
      noHiddenValue(mapSection, published);
      assertThat(map.locator("title", new Locator.LocatorOptions().setHasText("Morbihan")))
          .hasText("Morbihan : " + SECRET);
      assertThat(map.locator("text").filter(new Locator.FilterOptions().setHasText(SECRET)).first())
          .isVisible();
      assertThat(
              page.getByRole(
                  AriaRole.TABLE,
                  new Page.GetByRoleOptions()
                      .setName(
                          "Chiffres clés de 2019 comparés à 2018 (année entière, sans filtre ; en"
                              + " nombre d'événements)")))
          .isVisible();
      assertThat(chromium.violations(page)).as("axe on the dashboard").isEmpty();
      Files.createDirectories(SCREENSHOTS);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("tableau-de-bord.png"))
              .setFullPage(true));

      // Another year.
      page.getByLabel("Année", EXACT).selectOption("2018");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Afficher")).click();
      assertThat(page).hasURL(Pattern.compile("annee=2018"));
      sameAsCube(
          page,
          "Victimes distinctes par département",
          cube("groupBy=departement&period=YEAR&from=2018&to=2018&departement=" + DEPARTEMENTS),
          "departement");

      // Filters: Ille-et-Vilaine, companies, 2019; then its severity chart's CSV.
      page.getByLabel("Année", EXACT).selectOption("2019");
      page.getByLabel("Département", EXACT).selectOption("35");
      page.getByLabel("Période", EXACT).selectOption("annee");
      page.getByLabel("Catégorie de victime", EXACT).selectOption("ENTREPRISE");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Afficher")).click();
      assertThat(page).hasURL(Pattern.compile("departement=35"));
      Map<String, Object> severity =
          cube(
              "groupBy=severity&period=YEAR&from=2019&to=2019&departement=35"
                  + "&victimCategory=ENTREPRISE");
      Set<String> shown =
          sameAsCube(page, "Par gravité (victimes distinctes)", severity, "severity");
      noHiddenValue(section(page, "Par gravité"), shown);
      Download download =
          page.waitForDownload(
              () ->
                  page.getByRole(
                          AriaRole.LINK,
                          new Page.GetByRoleOptions()
                              .setName("Télécharger les données de « Par gravité » (CSV)"))
                      .click());
      List<String> lines = Files.readAllLines(download.path(), StandardCharsets.UTF_8);
      assertThat(lines.get(0)).isEqualTo("code,libelle,nombre_victimes,secret_statistique");
      List<String> expected = new ArrayList<>();
      for (Map<String, Object> c : entries(severity)) {
        String code = c.get("severity") == null ? "TOTAL" : (String) c.get("severity");
        expected.add(
            code
                + ","
                + (Boolean.TRUE.equals(c.get("suppressed"))
                    ? "s,true"
                    : c.get("count") + ",false"));
      }
      List<String> actual = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        actual.add(f[0] + "," + f[f.length - 2] + "," + f[f.length - 1]);
      }
      assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(foreign).as("requests to other origins").isEmpty();
      assertThat(cspErrors).isEmpty();
    }
  }

  @Test
  void thePublicPageShowsTheOpenDataUnderSecrecy() throws IOException {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      page.navigate(base + "/statistiques");
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Statistiques des incidents cyber 2019");
      assertThat(
              page.getByRole(
                      AriaRole.IMG,
                      new Page.GetByRoleOptions().setName(Pattern.compile("^Carte de la région")))
                  .locator("path"))
          .hasCount(4);
      @SuppressWarnings("unchecked")
      Map<String, Object> open =
          client.toBlocking().retrieve(HttpRequest.GET("/api/v1/public/stats/2019"), Map.class);
      Set<String> published = new HashSet<>();
      Locator table =
          page.getByRole(
              AriaRole.TABLE,
              new Page.GetByRoleOptions()
                  .setName("Victimes distinctes par département")
                  .setExact(true));
      for (Map<String, Object> m : list(open, "margins")) {
        if (m.get("rsitClass") == null
            && m.get("victimCategory") == null
            && m.get("departement") == null) {
          published.add(
              Boolean.TRUE.equals(m.get("suppressed")) ? SECRET : String.valueOf(m.get("count")));
        }
        if (m.get("rsitClass") != null
            || m.get("victimCategory") != null
            || m.get("departement") == null
            || !List.of("22", "29", "35", "56").contains(m.get("departement"))) {
          continue;
        }
        String text =
            Boolean.TRUE.equals(m.get("suppressed")) ? SECRET : String.valueOf(m.get("count"));
        published.add(text);
        assertThat(
                table
                    .getByRole(
                        AriaRole.ROW,
                        new Locator.GetByRoleOptions()
                            .setName(Pattern.compile("\\(" + m.get("departement") + "\\)")))
                    .getByRole(AriaRole.CELL))
            .hasText(text);
      }
      noHiddenValue(section(page, "Carte des départements"), published);
      assertThat(
              page.getByRole(
                      AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("CSV")))
                  .first())
          .hasAttribute("href", "/api/v1/public/stats/2019.csv");
      assertThat(
              page.getByRole(
                  AriaRole.LINK,
                  new Page.GetByRoleOptions().setName(Pattern.compile("Table Schema"))))
          .hasAttribute("href", "/api/v1/public/stats/schema.json");
      assertThat(page.getByText(Pattern.compile("CC BY 4.0")).first()).isVisible();
      assertThat(chromium.violations(page)).as("axe on the public page").isEmpty();
      Files.createDirectories(SCREENSHOTS);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("statistiques.png"))
              .setFullPage(true));
    }
  }

  @Test
  void eachRoleGetsWhatItMay() throws Exception {
    Browserless anonymous = new Browserless();
    var answer = anonymous.get("/tableau-de-bord?annee=2019");
    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(answer.headers().firstValue("Location").orElseThrow())
        .isEqualTo(
            "/connexion?retour="
                + URLEncoder.encode("/tableau-de-bord?annee=2019", StandardCharsets.UTF_8));
    assertThat(anonymous.get("/tableau-de-bord/donnees/gravite.csv").statusCode()).isEqualTo(303);
    assertThat(anonymous.get("/statistiques").statusCode()).isEqualTo(200);
    for (var role : usernames.entrySet()) {
      Browserless b = new Browserless();
      b.signIn(role.getValue());
      boolean allowed = Set.of("OFFICIAL", "COORDINATOR", "ADMIN").contains(role.getKey());
      assertThat(b.get("/tableau-de-bord").statusCode())
          .as(role.getKey())
          .isEqualTo(allowed ? 200 : 403);
      assertThat(b.get("/tableau-de-bord/donnees/gravite.csv").statusCode())
          .as(role.getKey())
          .isEqualTo(allowed ? 200 : 403);
      // The cookie never opens the JSON API: it keeps bearer tokens.
      assertThat(b.get("/api/v1/stats/summary?year=2019").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void theSessionFollowsTheTokensRulesAndRefusesForgedForms() throws Exception {
    String username = usernames.get("COORDINATOR");
    Browserless b = new Browserless();
    b.signIn(username);
    // A forged sign-out: right cookie, right token, another site's Origin.
    String token = b.formToken();
    var forged = b.post("/deconnexion", "jeton=" + token, "https://attaquant.example");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(b.get("/tableau-de-bord").statusCode()).isEqualTo(200);
    // Without the token.
    assertThat(b.post("/deconnexion", "jeton=x", null).statusCode()).isEqualTo(403);
    // The refresh cookie renews the session and is used up; replayed, it ends every session.
    String oldRefresh = b.cookies.get("vigie_renouvellement");
    b.cookies.remove("vigie_session");
    var renewed = b.get("/connexion?retour=%2Ftableau-de-bord");
    assertThat(renewed.statusCode()).isEqualTo(303);
    assertThat(b.cookies.get("vigie_renouvellement")).isNotEqualTo(oldRefresh);
    assertThat(b.get("/tableau-de-bord").statusCode()).isEqualTo(200);
    Browserless thief = new Browserless();
    thief.cookies.put("vigie_renouvellement", oldRefresh);
    assertThat(thief.get("/connexion").statusCode()).isEqualTo(200);
    assertThat(b.get("/tableau-de-bord").statusCode()).as("reuse ended the session").isEqualTo(303);
    // Signing out ends every session: the API's bearer token of the same user too.
    b = new Browserless();
    b.signIn(username);
    String bearer = Staff.login(client, username, Staff.PASSWORD);
    assertThat(b.post("/deconnexion", "jeton=" + b.formToken(), base).statusCode()).isEqualTo(303);
    assertThat(b.cookies.get("vigie_session")).isEmpty();
    var api =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/stats/summary?year=2019"))
                    .header("Authorization", "Bearer " + bearer)
                    .build(),
                BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(401);

    // In the browser: another site's forms reach Vigie without the SameSite=Strict cookies.
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      page.navigate(base + "/connexion");
      signIn(page, usernames.get("OFFICIAL"));
      assertThat(page).hasURL(Pattern.compile("/tableau-de-bord$"));
      page.navigate("about:blank");
      page.setContent(
          "<form method=post action='"
              + base
              + "/deconnexion'><input name=jeton value=x>"
              + "<button>Envoyer</button></form>");
      page.getByRole(AriaRole.BUTTON).click();
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Accès refusé");
      page.navigate(base + "/tableau-de-bord");
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Tableau de bord des incidents cyber");
      page.navigate("about:blank");
      page.setContent(
          "<form method=post action='"
              + base
              + "/connexion'><input name=identifiant value='"
              + usernames.get("ADMIN")
              + "'><input name=motDePasse value='"
              + Staff.PASSWORD
              + "'><input name=jeton value=x><button>Envoyer</button></form>");
      page.getByRole(AriaRole.BUTTON).click();
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Accès refusé");
      // Signing out from the page's own button works.
      page.navigate(base + "/tableau-de-bord");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Se déconnecter"))
          .click();
      assertThat(page).hasURL(Pattern.compile("/connexion\\?fin=1"));
      assertThat(page.getByRole(AriaRole.STATUS))
          .hasText("Vous êtes déconnecté, sur tous vos appareils.");
      assertThat(chromium.violations(page)).as("axe on the sign-in page").isEmpty();
    }
  }

  private BrowserContext newContext() {
    return chromium
        .browser()
        .newContext(
            new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("fr-FR")
                .setViewportSize(1280, 900));
  }

  private static void signIn(Page page, String username) {
    page.getByLabel("Identifiant").fill(username);
    page.getByLabel("Mot de passe").fill(Staff.PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Se connecter")).click();
  }

  private static Locator section(Page page, String heading) {
    return page.locator("section")
        .filter(
            new Locator.FilterOptions()
                .setHas(
                    page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName(heading).setExact(true))))
        .first();
  }

  /**
   * The table named {@code caption} shows exactly the cube's entries (its cells and margin), a
   * suppressed one as « secret statistique »; answers the texts it shows.
   */
  private static Set<String> sameAsCube(
      Page page, String caption, Map<String, Object> cube, String dimension) {
    Locator table =
        page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName(caption).setExact(true));
    Set<String> shown = new HashSet<>();
    List<Map<String, Object>> entries = entries(cube);
    int expectedRows = 0;
    for (Map<String, Object> e : entries) {
      String text =
          Boolean.TRUE.equals(e.get("suppressed")) ? SECRET : String.valueOf(e.get("count"));
      shown.add(text);
      Object value = e.get(dimension);
      Locator row =
          value == null
              ? table.getByRole(
                  AriaRole.ROW,
                  new Locator.GetByRoleOptions()
                      .setName(Pattern.compile("^(Total|Toutes gravités)")))
              : table
                  .locator("tbody tr")
                  .filter(
                      new Locator.FilterOptions()
                          .setHasText(
                              Pattern.compile(
                                  dimension.equals("departement")
                                      ? "\\(" + value + "\\)"
                                      : "^" + value)));
      assertThat(row.getByRole(AriaRole.CELL).first()).hasText(text);
      expectedRows++;
    }
    if (!dimension.equals("departement")) {
      assertThat(table.locator("tbody tr")).hasCount(expectedRows);
    }
    return shown;
  }

  /**
   * No number in the section's text, tooltips ({@code title}) or SVG labels but the published ones,
   * the département codes, k and the legend's steps: a suppressed value shows nowhere.
   */
  private static void noHiddenValue(Locator section, Set<String> published) {
    String text =
        (String)
            section.evaluate(
                "s => s.textContent + ' ' + [...s.querySelectorAll('[title],[aria-label]')].map(e"
                    + " => (e.getAttribute('title') || '') + ' ' + (e.getAttribute('aria-label') ||"
                    + " '')).join(' ')");
    Set<String> allowed = new HashSet<>(published);
    allowed.addAll(List.of("0", "22", "29", "35", "56", "5", "2019", "2018"));
    Matcher legend = Pattern.compile("([0-9]+) à ([0-9]+)").matcher(text);
    while (legend.find()) {
      allowed.add(legend.group(1));
      allowed.add(legend.group(2));
    }
    Matcher numbers = Pattern.compile("[0-9]+").matcher(text.replaceAll("CC BY 4\\.0", ""));
    while (numbers.find()) {
      assertThat(allowed)
          .as("a number the page shows: %s", numbers.group())
          .contains(numbers.group());
    }
  }

  private Map<String, Object> cube(String query) {
    @SuppressWarnings("unchecked")
    Map<String, Object> answer =
        client
            .toBlocking()
            .retrieve(
                HttpRequest.GET("/api/v1/stats/cube?" + query).bearerAuth(officialToken),
                Map.class);
    return answer;
  }

  private static List<Map<String, Object>> entries(Map<String, Object> cube) {
    List<Map<String, Object>> all = new ArrayList<>(list(cube, "cells"));
    all.addAll(list(cube, "margins"));
    return all;
  }

  private static List<String> suppressed(Map<String, Object> cube) {
    return list(cube, "cells").stream()
        .filter(c -> Boolean.TRUE.equals(c.get("suppressed")))
        .map(c -> (String) c.get("departement"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
    return (List<Map<String, Object>>) answer.get(field);
  }

  /** A client that keeps cookies by hand and follows no redirect: what the server decides. */
  final class Browserless {
    final Map<String, String> cookies = new LinkedHashMap<>();
    final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String lastPage = "";

    java.net.http.HttpResponse<String> get(String path) throws Exception {
      return send(java.net.http.HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    java.net.http.HttpResponse<String> post(String path, String form, String origin)
        throws Exception {
      var builder =
          java.net.http.HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form));
      if (origin != null) {
        builder.header("Origin", origin);
      }
      return send(builder);
    }

    void signIn(String username) throws Exception {
      get("/connexion");
      Matcher token = Pattern.compile("name=\"jeton\" value=\"([^\"]+)\"").matcher(lastPage);
      assertThat(token.find()).isTrue();
      var answer =
          post(
              "/connexion",
              "jeton="
                  + token.group(1)
                  + "&retour=%2Ftableau-de-bord&identifiant="
                  + username
                  + "&motDePasse="
                  + URLEncoder.encode(Staff.PASSWORD, StandardCharsets.UTF_8),
              null);
      assertThat(answer.statusCode()).as(lastPage).isEqualTo(303);
      assertThat(cookies).containsKey("vigie_session");
    }

    /** The sign-out form's token, read from a page. */
    String formToken() throws Exception {
      get("/tableau-de-bord");
      Matcher token =
          Pattern.compile(
                  "action=\"/deconnexion\"><input type=\"hidden\" name=\"jeton\""
                      + " value=\"([^\"]+)\"")
              .matcher(lastPage);
      assertThat(token.find()).as(lastPage).isTrue();
      return token.group(1);
    }

    private java.net.http.HttpResponse<String> send(java.net.http.HttpRequest.Builder builder)
        throws Exception {
      if (!cookies.isEmpty()) {
        StringBuilder header = new StringBuilder();
        cookies.forEach(
            (k, v) ->
                header.append(header.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        builder.header("Cookie", header.toString());
      }
      var answer = http.send(builder.build(), BodyHandlers.ofString());
      for (String set : answer.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq);
        String value = pair.substring(eq + 1);
        if (value.isEmpty() || set.contains("Max-Age=0")) {
          cookies.put(name, "");
          cookies.remove(name);
          if (name.equals("vigie_session")) {
            cookies.put(name, "");
          }
        } else {
          cookies.put(name, value);
        }
      }
      lastPage = answer.body();
      return answer;
    }
  }
}
