package fr.vigie.stats;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static fr.vigie.testing.Chromium.signIn;
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
import fr.vigie.stats.internal.report.Labels;
import fr.vigie.testing.Browserless;
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
import java.time.Instant;
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
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The officials' dashboard and the public statistics page in Debian's Chromium (issue 19): an
 * official signs in at {@code /connexion}, sees the région's départements on the map, changes the
 * year and the filters (département, victim category, period), downloads every chart's CSV and the
 * year's PDF; every figure shown is the cube's, an entry the cube leaves out is « secret
 * statistique » everywhere (drawing, tooltip, table, CSV), and the planted cell's value is nowhere
 * (page, CSV, PDF); axe-core finds no violation in each state; no request leaves the server's
 * origin; the pages refuse the roles they must; the browser session follows the API's session rules
 * and refuses forged forms.
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
  static final String SECRET = Labels.SECRET;
  static final String DEPARTEMENTS = "22,29,35,56";
  static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

  /**
   * This suite's own years (no other suite loads 2017; 2016 is {@link StatsFixture#BRETAGNE} as in
   * PublicStatsIT): the clock stands in March 2018, so 2017 is the latest published year.
   */
  static final Instant NOW = Instant.parse("2018-03-15T10:00:00Z");

  static final int YEAR = 2017;

  /** The planted cell of YearlyReportIT: three companies of the 22, first contact 777 minutes. */
  static final String PLANTED_MINUTES = "777";

  @Factory
  @Requires(property = "spec.name", value = "StatsPagesIT")
  static class FixedClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
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
    List<StatsFixture.Spec> year = new ArrayList<>(StatsFixture.BRETAGNE);
    year.addAll(YearlyReportIT.PLANTED);
    StatsFixture.load(database, YEAR, year);
    StatsFixture.load(database, YEAR - 1, StatsFixture.BRETAGNE);
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

  /** What the dashboard is asked: the form's four fields. */
  record State(int year, String period, String departement, String category) {

    /** The cube's {@code period}, {@code from} and {@code to} for the chosen period. */
    String periods() {
      if (period.equals("annee")) {
        return "period=YEAR&from=" + year + "&to=" + year;
      }
      String p = period.startsWith("T") ? year + "-Q" + period.charAt(1) : year + "-" + period;
      return "period=" + (period.startsWith("T") ? "QUARTER" : "MONTH") + "&from=" + p + "&to=" + p;
    }

    /** The months of the chosen period, for the monthly trend. */
    String months() {
      int first =
          period.equals("annee")
              ? 1
              : period.startsWith("T")
                  ? (period.charAt(1) - '1') * 3 + 1
                  : Integer.parseInt(period);
      int last = period.equals("annee") ? 12 : period.startsWith("T") ? first + 2 : first;
      return String.format("period=MONTH&from=%d-%02d&to=%d-%02d", year, first, year, last);
    }

    String filters() {
      return (departement.isEmpty() ? "" : "&departement=" + departement)
          + (category.isEmpty() ? "" : "&victimCategory=" + category);
    }
  }

  @Test
  void anOfficialReadsTheDashboardAndNoSecretValueShows() throws IOException {
    try (BrowserContext context = chromium.context(1280)) {
      List<String> foreign = Chromium.foreignRequests(context, base);
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

      // The latest published year, no filter: the map of the four départements of Bretagne.
      State state = new State(YEAR, "annee", "", "");
      Locator map =
          page.getByRole(
              AriaRole.IMG,
              new Page.GetByRoleOptions().setName(Pattern.compile("^Carte de la région")));
      assertThat(map.locator("path")).hasCount(4);
      Map<String, Object> byDepartement = mapCube(state);
      assertThat(departements(byDepartement))
          .as(
              "the cube leaves out the 22's three planted companies and the 56's three associations")
          .doesNotContain("22", "56")
          .contains("29", "35");
      for (String hidden : List.of("Côtes-d'Armor", "Morbihan")) {
        Locator area =
            map.locator("path")
                .filter(
                    new Locator.FilterOptions()
                        .setHas(
                            page.locator("title", new Page.LocatorOptions().setHasText(hidden))));
        assertThat(area).hasAttribute("fill", "url(#hachures)");
        assertThat(area.locator("title")).hasText(hidden + " : " + SECRET);
      }
      assertThat(map.locator("text").filter(new Locator.FilterOptions().setHasText(SECRET)))
          .hasCount(2);
      assertThat(map.locator("text").filter(new Locator.FilterOptions().setHasText(SECRET)).first())
          .isVisible();
      Map<String, Object> summary = get("/api/v1/stats/summary?year=" + YEAR);
      Locator headline =
          page.getByRole(
              AriaRole.TABLE,
              new Page.GetByRoleOptions()
                  .setName(
                      "Chiffres clés de 2017 comparés à 2016 (année entière, sans filtre ; en"
                          + " nombre d'événements)"));
      @SuppressWarnings("unchecked")
      Map<String, Object> events = (Map<String, Object>) summary.get("events");
      assertThat(
              headline
                  .getByRole(
                      AriaRole.ROW, new Locator.GetByRoleOptions().setName("Événements signalés"))
                  .getByRole(AriaRole.CELL)
                  .first())
          .hasText(String.valueOf(events.get("events")));
      Set<String> published = everyChartIsTheCubes(page, state);
      noHiddenValue(section(page, "Carte des départements"), published);
      noPlantedValue(page);
      assertThat(chromium.violations(page)).as("axe on the dashboard").isEmpty();
      Files.createDirectories(SCREENSHOTS);
      page.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("tableau-de-bord.png"))
              .setFullPage(true));

      // The yearly report of the year shown: the API's document, with nothing of the planted cell.
      Download pdf =
          page.waitForDownload(
              () ->
                  page.getByRole(
                          AriaRole.LINK,
                          new Page.GetByRoleOptions()
                              .setName("Télécharger le rapport statistique 2017 (PDF)"))
                      .click());
      byte[] report = Files.readAllBytes(pdf.path());
      String text = pdfText(report);
      try (PDDocument document = Loader.loadPDF(report)) {
        ImageIO.write(
            new PDFRenderer(document).renderImageWithDPI(0, 100),
            "png",
            SCREENSHOTS.resolve("rapport-annuel-page-1.png").toFile());
      }
      byte[] api =
          client
              .toBlocking()
              .retrieve(
                  HttpRequest.GET("/api/v1/stats/report/" + YEAR + ".pdf")
                      .bearerAuth(officialToken),
                  byte[].class);
      assertThat(text).isEqualTo(pdfText(api)).contains(SECRET).doesNotContain(PLANTED_MINUTES);
      // Listed (in the chart and in the table), never with a figure.
      assertThat(text.lines().filter(l -> l.startsWith("Côtes-d'Armor")))
          .as("the planted cell's département is never printed with a figure")
          .isNotEmpty()
          .allMatch(l -> l.matches("Côtes-d'Armor \\(22\\)( " + Pattern.quote(SECRET) + ")+"));

      // Another year.
      show(page, new State(YEAR - 1, "annee", "", ""));
      everyChartIsTheCubes(page, new State(YEAR - 1, "annee", "", ""));
      assertThat(chromium.violations(page)).as("axe on the dashboard, 2016").isEmpty();

      // Filters: Ille-et-Vilaine's companies over the year, then over a quarter, then a month.
      state = new State(YEAR, "annee", "35", "ENTREPRISE");
      show(page, state);
      Set<String> shown = everyChartIsTheCubes(page, state);
      assertThat(shown)
          .as("the 35's nine companies are published (with their noise)")
          .anyMatch(v -> v.matches("[0-9]+"));
      noHiddenValue(section(page, "Par gravité"), shown);
      noPlantedValue(page);
      assertThat(chromium.violations(page)).as("axe on the dashboard, filtered").isEmpty();
      for (String period : List.of("T3", "05")) {
        state = new State(YEAR, period, "35", "ENTREPRISE");
        show(page, state);
        everyChartIsTheCubes(page, state);
        noPlantedValue(page);
        assertThat(chromium.violations(page)).as("axe on the dashboard, %s", period).isEmpty();
      }
      assertThat(foreign).as("requests to other origins").isEmpty();
      assertThat(cspErrors).isEmpty();
    }
  }

  @Test
  void thePublicPageShowsTheOpenDataUnderSecrecy() throws IOException {
    try (BrowserContext context = chromium.context(1280)) {
      List<String> foreign = Chromium.foreignRequests(context, base);
      Page page = context.newPage();
      page.navigate(base + "/statistiques");
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Statistiques des incidents cyber " + YEAR);
      assertThat(
              page.getByRole(
                      AriaRole.IMG,
                      new Page.GetByRoleOptions().setName(Pattern.compile("^Carte de la région")))
                  .locator("path"))
          .hasCount(4);
      @SuppressWarnings("unchecked")
      Map<String, Object> open =
          client.toBlocking().retrieve(HttpRequest.GET("/api/v1/public/stats/" + YEAR), Map.class);
      Set<String> published = new HashSet<>();
      Locator table =
          page.getByRole(
              AriaRole.TABLE,
              new Page.GetByRoleOptions()
                  .setName("Victimes distinctes par département")
                  .setExact(true));
      Set<String> hidden = new HashSet<>();
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
        boolean secret = Boolean.TRUE.equals(m.get("suppressed"));
        String text = secret ? SECRET : String.valueOf(m.get("count"));
        if (secret) {
          hidden.add((String) m.get("departement"));
        }
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
      assertThat(hidden).as("the 22's and the 56's three victims are secret").contains("22", "56");
      noHiddenValue(section(page, "Carte des départements"), published);
      noPlantedValue(page);
      assertThat(
              page.getByRole(
                      AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("CSV")))
                  .first())
          .hasAttribute("href", "/api/v1/public/stats/" + YEAR + ".csv");
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
      assertThat(foreign).as("requests to other origins").isEmpty();
    }
  }

  /**
   * Who may open which page: anonymous callers are sent to {@code /connexion} (and brought back),
   * signed-in roles other than OFFICIAL, COORDINATOR and ADMIN are refused (403 page), the public
   * page is open to all; the session cookie never opens the JSON API.
   */
  @Test
  void eachRoleGetsWhatItMay() throws Exception {
    List<String> staffPages =
        List.of(
            "/tableau-de-bord",
            "/tableau-de-bord?annee=" + YEAR + "&periode=T2",
            "/tableau-de-bord/donnees/gravite.csv",
            "/tableau-de-bord/rapport/" + YEAR + ".pdf");
    Browserless anonymous = new Browserless(base);
    for (String path : staffPages) {
      var answer = anonymous.get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(303);
      assertThat(answer.headers().firstValue("Location").orElseThrow())
          .isEqualTo("/connexion?retour=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    }
    assertThat(anonymous.get("/statistiques").statusCode()).isEqualTo(200);
    for (var role : usernames.entrySet()) {
      Browserless b = new Browserless(base);
      b.signIn(role.getValue(), "/tableau-de-bord");
      boolean allowed = Set.of("OFFICIAL", "COORDINATOR", "ADMIN").contains(role.getKey());
      for (String path : staffPages) {
        var answer = b.get(path);
        assertThat(answer.statusCode())
            .as(role.getKey() + " " + path)
            .isEqualTo(allowed ? 200 : 403);
        if (!allowed) {
          assertThat(answer.body()).contains("Accès refusé");
        }
      }
      assertThat(b.get("/statistiques").statusCode()).isEqualTo(200);
      // The cookie never opens the JSON API: it keeps bearer tokens.
      assertThat(b.get("/api/v1/stats/summary?year=" + YEAR).statusCode()).isEqualTo(401);
      assertThat(b.get("/api/v1/stats/report/" + YEAR + ".pdf").statusCode()).isEqualTo(401);
    }
    Browserless official = new Browserless(base);
    official.signIn(usernames.get("OFFICIAL"), "/tableau-de-bord");
    var pdf = official.get("/tableau-de-bord/rapport/" + YEAR + ".pdf");
    assertThat(pdf.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/pdf");
    assertThat(official.get("/tableau-de-bord/rapport/2099.pdf").statusCode())
        .as("a year the dashboard does not offer")
        .isEqualTo(404);
  }

  @Test
  void theSessionFollowsTheTokensRulesAndRefusesForgedForms() throws Exception {
    String username = usernames.get("COORDINATOR");
    Browserless b = new Browserless(base);
    b.signIn(username, "/tableau-de-bord");
    // A forged sign-out: right cookie, right token, another site's Origin.
    String token = b.formToken("/tableau-de-bord");
    var forged = b.post("/deconnexion", "jeton=" + token, "https://attaquant.example");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(b.get("/tableau-de-bord").statusCode()).isEqualTo(200);
    // Without the token.
    assertThat(b.post("/deconnexion", "jeton=x", null).statusCode()).isEqualTo(403);
    // Another site's form posting good credentials and a good token to /connexion.
    Browserless other = new Browserless(base);
    other.get("/connexion");
    Matcher nonce = Pattern.compile("name=\"jeton\" value=\"([^\"]+)\"").matcher(other.lastPage);
    assertThat(nonce.find()).isTrue();
    var crossSite =
        other.post(
            "/connexion",
            "jeton="
                + nonce.group(1)
                + "&identifiant="
                + username
                + "&motDePasse="
                + URLEncoder.encode(Staff.PASSWORD, StandardCharsets.UTF_8),
            "https://attaquant.example");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(other.cookies.getOrDefault("vigie_session", "")).isEmpty();
    // The refresh cookie renews the session and is used up; replayed, it ends every session.
    String oldRefresh = b.cookies.get("vigie_renouvellement");
    b.cookies.remove("vigie_session");
    var renewed = b.get("/connexion?retour=%2Ftableau-de-bord");
    assertThat(renewed.statusCode()).isEqualTo(303);
    assertThat(b.cookies.get("vigie_renouvellement")).isNotEqualTo(oldRefresh);
    assertThat(b.get("/tableau-de-bord").statusCode()).isEqualTo(200);
    Browserless thief = new Browserless(base);
    thief.cookies.put("vigie_renouvellement", oldRefresh);
    assertThat(thief.get("/connexion").statusCode()).isEqualTo(200);
    assertThat(b.get("/tableau-de-bord").statusCode()).as("reuse ended the session").isEqualTo(303);
    // Signing out ends every session: the API's bearer token of the same user too.
    b = new Browserless(base);
    b.signIn(username, "/tableau-de-bord");
    String bearer = Staff.login(client, username, Staff.PASSWORD);
    assertThat(
            b.post("/deconnexion", "jeton=" + b.formToken("/tableau-de-bord"), base).statusCode())
        .isEqualTo(303);
    assertThat(b.cookies).as("the session cookie is cleared").doesNotContainKey("vigie_session");
    var api =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/stats/summary?year=" + YEAR))
                    .header("Authorization", "Bearer " + bearer)
                    .build(),
                BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(401);

    // In the browser: another site's forms reach Vigie without the SameSite=Strict cookies.
    try (BrowserContext context = chromium.context(1280)) {
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

  /** Chooses {@code state} in the form and shows it. */
  private static void show(Page page, State state) {
    page.getByLabel("Année", EXACT).selectOption(String.valueOf(state.year()));
    page.getByLabel("Période", EXACT).selectOption(state.period());
    page.getByLabel("Département", EXACT).selectOption(state.departement());
    page.getByLabel("Catégorie de victime", EXACT).selectOption(state.category());
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Afficher")).click();
    assertThat(page)
        .hasURL(
            Pattern.compile(
                "annee="
                    + state.year()
                    + "&periode="
                    + state.period()
                    + "&departement="
                    + state.departement()
                    + "&categorie="
                    + state.category()
                    + "$"));
  }

  /** The map's question: by département over the région, the category filter kept. */
  private Map<String, Object> mapCube(State state) {
    return cube(
        "groupBy=departement&"
            + state.periods()
            + "&departement="
            + DEPARTEMENTS
            + (state.category().isEmpty() ? "" : "&victimCategory=" + state.category()));
  }

  private static List<String> departements(Map<String, Object> cube) {
    return list(cube, "cells").stream().map(c -> (String) c.get("departement")).toList();
  }

  /**
   * Every chart of the dashboard in {@code state}: its CSV (downloaded with its link) holds exactly
   * the rows of its table, in order, and the table's values are the drawing's; each entry the cube
   * gives is shown with the cube's figure, each one the cube leaves out as « secret statistique »
   * (CSV {@code s}, {@code true}), never 0 or blank; no entry of the cube is missing. Answers every
   * text shown as a value.
   */
  private Set<String> everyChartIsTheCubes(Page page, State state) throws IOException {
    Set<String> shown = new HashSet<>();
    String filters = state.filters();
    shown.addAll(chart(page, "Victimes distinctes par département", mapCube(state), "departement"));
    shown.addAll(chart(page, "Évolution mois par mois", cube(state.months() + filters), "period"));
    shown.addAll(
        chart(
            page,
            "Par catégorie de victime",
            cube("groupBy=victimCategory&" + state.periods() + filters),
            "victimCategory"));
    shown.addAll(
        chart(
            page,
            "Par taille de la victime",
            cube("groupBy=sizeBand&" + state.periods() + filters),
            "sizeBand"));
    shown.addAll(
        chart(
            page,
            "Par classe d'incident (taxonomie RSIT)",
            cube("groupBy=rsitClass&" + state.periods() + filters),
            "rsitClass"));
    shown.addAll(
        chart(
            page,
            "Incidents évités ou traités après dommage",
            cube("groupBy=prevented&kind=INCIDENT&" + state.periods() + filters),
            "prevented"));
    Map<String, Object> severity = cube("groupBy=severity&" + state.periods() + filters);
    shown.addAll(chart(page, "Par gravité", severity, "severity"));
    shown.addAll(chart(page, "Délais tenus et premier contact, par gravité", severity, "sla"));
    return shown;
  }

  /** One chart against its cube answer (see {@link #everyChartIsTheCubes}). */
  private Set<String> chart(Page page, String title, Map<String, Object> cube, String dimension)
      throws IOException {
    boolean sla = dimension.equals("sla");
    String key = sla ? "severity" : dimension;
    Map<String, Map<String, Object>> given = new LinkedHashMap<>();
    for (Map<String, Object> c : list(cube, "cells")) {
      given.put((String) c.get(key), c);
    }
    Map<String, Object> total =
        list(cube, "margins").isEmpty() ? null : list(cube, "margins").get(0);

    Locator section = section(page, title);
    Download download =
        page.waitForDownload(
            () ->
                section
                    .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions()
                            .setName("Télécharger les données de « " + title + " » (CSV)"))
                    .click());
    assertThat(Files.readString(download.path(), StandardCharsets.UTF_8))
        .doesNotContain(PLANTED_MINUTES);
    List<List<String>> csv = new ArrayList<>();
    for (String line : Files.readAllLines(download.path(), StandardCharsets.UTF_8)) {
      csv.add(csvFields(line));
    }
    assertThat(csv.get(0).get(csv.get(0).size() - 1)).isEqualTo("secret_statistique");
    List<List<String>> lines = csv.subList(1, csv.size());
    Locator rows = section.locator("table tbody tr");
    assertThat(rows).hasCount(lines.size());
    List<String> titles = section.locator("svg.bars g title").allTextContents();
    Set<String> shown = new HashSet<>();
    boolean sawTotal = false;
    for (int i = 0; i < lines.size(); i++) {
      List<String> f = lines.get(i);
      String code = f.get(0);
      Map<String, Object> cell;
      if (code.equals("TOTAL")) {
        sawTotal = true;
        cell = total;
      } else {
        cell = given.remove(code);
      }
      List<String> values = new ArrayList<>();
      if (sla) {
        Object rate = cell == null ? null : cell.get("slaMetRate");
        Object median = cell == null ? null : cell.get("medianFirstContactMinutes");
        String csvRate =
            rate == null ? "s" : String.valueOf(Math.round(((Number) rate).doubleValue() * 100));
        String csvMedian = median == null ? "s" : String.valueOf(median);
        assertThat(f.subList(2, 5))
            .as("%s, %s: the cube's measures", title, code)
            .containsExactly(csvRate, csvMedian, String.valueOf(rate == null || median == null));
        values.add(rate == null ? SECRET : csvRate + " %");
        values.add(median == null ? SECRET : StatsPages.minutes(((Number) median).intValue()));
      } else {
        String count = cell == null ? "s" : String.valueOf(cell.get("count"));
        assertThat(f.subList(2, 4))
            .as("%s, %s: the cube's count, secret when the cube leaves it out", title, code)
            .containsExactly(count, String.valueOf(cell == null));
        values.add(cell == null ? SECRET : count);
      }
      Locator row = rows.nth(i);
      assertThat(row.locator("th")).hasText(f.get(1));
      assertThat(row.locator("td")).hasText(values.toArray(String[]::new));
      if (!titles.isEmpty() && !code.equals("TOTAL")) {
        assertThat(titles.get(i)).isEqualTo(f.get(1) + " : " + values.get(0));
        assertThat(
                section.locator("svg.bars g").nth(i).locator("rect").first().getAttribute("fill"))
            .as("a secret bar is hatched")
            .satisfies(
                fill -> {
                  if (values.get(0).equals(SECRET)) {
                    assertThat(fill).startsWith("url(#h-");
                  } else {
                    assertThat(fill).isNull();
                  }
                });
      }
      shown.addAll(values);
    }
    assertThat(given).as("%s: every entry the cube gives is shown", title).isEmpty();
    assertThat(sawTotal).isEqualTo(!dimension.equals("period"));
    return shown;
  }

  /** A line of a CSV (RFC 4180: quoted fields, doubled quotes). */
  private static List<String> csvFields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /** The planted cell's 777 minutes show nowhere: not in the HTML, its texts or attributes. */
  private static void noPlantedValue(Page page) {
    assertThat(page.content()).doesNotContain(PLANTED_MINUTES);
  }

  private static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
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
    allowed.addAll(List.of("22", "29", "35", "56", "5", "2017", "2016"));
    Matcher legend = Pattern.compile("([0-9]+) à ([0-9]+)").matcher(text);
    while (legend.find()) {
      allowed.add(legend.group(1));
      allowed.add(legend.group(2));
    }
    Matcher numbers =
        Pattern.compile("[0-9]+")
            .matcher(text.replaceAll("CC BY 4\\.0", "").replaceAll("\\bP[1-4]\\b", ""));
    while (numbers.find()) {
      assertThat(allowed)
          .as("a number the page shows: %s", numbers.group())
          .contains(numbers.group());
    }
  }

  private Map<String, Object> cube(String query) {
    return get("/api/v1/stats/cube?" + query);
  }

  private Map<String, Object> get(String path) {
    @SuppressWarnings("unchecked")
    Map<String, Object> answer =
        client.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(officialToken), Map.class);
    return answer;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
    return (List<Map<String, Object>>) answer.get(field);
  }
}
