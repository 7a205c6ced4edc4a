package fr.vigie.intake.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;
import fr.vigie.testing.Chromium;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public pages in a real headless Chromium (Debian's, never a downloaded one) at 375×812, with
 * JavaScript and without: a mairie reports a ransomware attack, gets its receipt, opens the
 * follow-up and writes to the desk; a mistake is shown in the error summary and nothing typed is
 * lost; axe-core finds no WCAG 2.1 A/AA violation on any page or state; no request leaves Vigie's
 * origin; every page weighs at most 150 KB with its assets.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "vigie.desk.name", value = "CSIRT Bretagne")
@Property(name = "vigie.desk.phone", value = "02 99 00 00 00")
@Property(name = "vigie.desk.hours-text", value = "du lundi au vendredi, de 9 h à 18 h")
class PublicPagesIT {

  static final Logger LOG = LoggerFactory.getLogger(PublicPagesIT.class);
  static final long BUDGET = 150 * 1024;
  static final Path SCREENSHOTS = Path.of("ops/screenshots");

  @Inject EmbeddedServer server;

  Chromium chromium;
  String base;
  final Map<String, Long> weights = new LinkedHashMap<>();

  @BeforeAll
  void browser() {
    chromium = Chromium.launch();
    base = server.getURL().toString().replaceAll("/$", "") + "/";
  }

  @AfterAll
  void close() {
    if (chromium != null) {
      chromium.close();
    }
    LOG.info("Page weights (bytes, with assets): {}", weights);
  }

  @Test
  void aMairieReportsARansomwareAttackWithJavaScript() throws IOException {
    journey(true);
  }

  @Test
  void aMairieReportsARansomwareAttackWithoutJavaScript() throws IOException {
    journey(false);
  }

  private void journey(boolean javascript) throws IOException {
    String mode = javascript ? "js" : "sans-js";
    List<Request> requests = new CopyOnWriteArrayList<>();
    try (BrowserContext context =
        chromium
            .browser()
            .newContext(
                new Browser.NewContextOptions()
                    .setViewportSize(375, 812)
                    .setJavaScriptEnabled(javascript)
                    .setLocale("fr-FR"))) {
      if (!javascript) {
        noScript = context;
      }
      List<String> foreign = Chromium.foreignRequests(context, base);
      context.onRequestFinished(requests::add);
      Page page = context.newPage();
      List<String> cspErrors = new CopyOnWriteArrayList<>();
      page.onConsoleMessage(
          m -> {
            if (m.text().contains("Content Security Policy")) {
              cspErrors.add(m.text());
            }
          });

      requests.clear();
      page.navigate(base);
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("CSIRT Bretagne");
      measured(mode + " accueil", requests);
      scan(page, "accueil");

      requests.clear();
      page.navigate(base + "accessibilite");
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Déclaration d'accessibilité");
      measured(mode + " accessibilité", requests);
      scan(page, "accessibilité");

      requests.clear();
      page.navigate(base);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Signaler un incident"))
          .first()
          .click();
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Qui êtes-vous ?");
      requests.clear();
      page.reload();
      measured(mode + " formulaire", requests);
      scan(page, "étape 1");

      // A mistake: the SIREN is wrong; the summary names it and what was typed stays.
      page.getByLabel("Une commune (mairie)").check();
      page.getByLabel("Nom de la structure").fill("Mairie de Plouzané");
      page.getByLabel("Dans quelle commune se trouve la structure ?").fill("Plouzané");
      page.getByLabel("Numéro SIREN").fill("123456789");
      page.getByLabel("Combien de personnes travaillent dans la structure ?").fill("45");
      continuer(page);
      Locator summary = page.getByRole(AriaRole.ALERT);
      assertThat(summary).containsText("Il y a un problème");
      assertThat(summary.getByRole(AriaRole.LINK)).hasText(Pattern.compile("SIREN"));
      assertThat(page.getByLabel("Nom de la structure")).hasValue("Mairie de Plouzané");
      assertThat(page.getByLabel("Combien de personnes travaillent dans la structure ?"))
          .hasValue("45");
      assertThat(page.getByLabel("Une commune (mairie)")).isChecked();
      assertThat(page).hasTitle(Pattern.compile("^Erreur"));
      scan(page, "étape 1 en erreur");
      if (javascript) {
        summary.getByRole(AriaRole.LINK).first().click();
        assertThat(page.getByLabel("Numéro SIREN")).isFocused();
      }
      page.getByLabel("Numéro SIREN").fill("212902126");
      if (javascript) {
        screenshot(page, "formulaire-erreur-375.png");
      }
      continuer(page);

      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Que se passe-t-il ?");
      page.getByLabel("Rançongiciel (fichiers chiffrés, rançon)").check();
      String twoHoursAgo =
          LocalDateTime.now(ZoneId.of("Europe/Paris"))
              .minusHours(2)
              .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
      page.getByLabel("Depuis quand avez-vous constaté le problème ?").fill(twoHoursAgo);
      group(page, "Le problème est-il toujours en cours ?").getByLabel("Oui").check();
      scan(page, "étape 2");
      continuer(page);

      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Quelles conséquences ?");
      page.getByLabel("Oui : au moins un service est à l'arrêt").check();
      page.getByLabel("État civil (naissances, mariages, décès)").check();
      page.getByLabel("Plusieurs appareils").check();
      if (javascript) {
        assertThat(page.getByText("Première évaluation de votre situation")).isVisible();
        scan(page, "étape 3 avec l'aperçu");
        screenshot(page, "formulaire-375.png");
      } else {
        scan(page, "étape 3");
      }
      continuer(page);

      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Les détails");
      page.getByLabel("Racontez ce qui s'est passé, avec vos mots")
          .fill("Ce matin, les écrans affichent une demande de rançon.");
      scan(page, "étape 4");
      continuer(page);

      page.getByLabel("Vos nom et prénom").fill("Claire Martin");
      page.getByLabel("Votre fonction").fill("Secrétaire de mairie");
      page.getByLabel("Votre numéro de téléphone").fill("06 12 34 56 78");
      scan(page, "étape 5");
      continuer(page);

      // Consent left unchecked: refused, then given.
      continuer(page);
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("Cochez la case");
      scan(page, "consentement en erreur");
      page.getByLabel(
              "J'accepte que le CSIRT utilise ces informations pour traiter mon signalement.")
          .check();
      continuer(page);

      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Vérifiez vos réponses avant d'envoyer");
      assertThat(page.getByText("Mairie de Plouzané")).isVisible();
      scan(page, "vérification");
      requests.clear();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Envoyer le signalement"))
          .click();

      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Signalement envoyé");
      String reference =
          page.getByText(Pattern.compile("^BZH-\\d{4}-\\d{6}$")).first().textContent().strip();
      assertThat(reference).matches("BZH-\\d{4}-\\d{6}");
      String token = page.locator("code").textContent().strip();
      assertThat(token).hasSizeGreaterThan(20);
      assertThat(
              page.getByText(
                      "Débranchez le câble réseau", new Page.GetByTextOptions().setExact(false))
                  .first())
          .isVisible();
      measured(mode + " récépissé", requests);
      scan(page, "récépissé");
      if (javascript) {
        assertThat(
                page.getByRole(
                    AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Copier le code de suivi")))
            .isVisible();
        screenshot(page, "recepisse-375.png");
      }

      // Follow-up: from the receipt with JavaScript, typed without.
      if (javascript) {
        page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suivre mon signalement"))
            .click();
      } else {
        requests.clear();
        page.navigate(base + "suivi");
        measured(mode + " suivi", requests);
        scan(page, "suivi, connexion");
        page.getByLabel("Référence du signalement").fill(reference);
        page.getByLabel("Code de suivi").fill("mauvais-code");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ouvrir le suivi"))
            .click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("ne correspond pas");
        assertThat(page.getByLabel("Référence du signalement")).hasValue(reference);
        scan(page, "suivi, code faux");
        page.getByLabel("Code de suivi").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ouvrir le suivi"))
            .click();
      }
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Signalement " + reference);
      assertThat(page).hasURL(base + "suivi");
      scan(page, "suivi");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Envoyer le message"))
          .click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("Écrivez votre message");
      page.getByLabel("Votre message à l'équipe").fill("Le serveur de la mairie est éteint.");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Envoyer le message"))
          .click();
      assertThat(page.getByText("Votre message a été envoyé")).isVisible();
      assertThat(page.getByText("Le serveur de la mairie est éteint.")).isVisible();
      scan(page, "suivi, message envoyé");

      assertThat(foreign).as("requests to another origin").isEmpty();
      assertThat(cspErrors).as("CSP violations").isEmpty();
    }
  }

  private static Locator group(Page page, String legend) {
    return page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName(legend));
  }

  private static void continuer(Page page) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continuer")).click();
  }

  /** Bytes received for the page and its assets (headers and bodies), against the budget. */
  private void measured(String name, List<Request> requests) {
    long total = 0;
    for (Request r : new ArrayList<>(requests)) {
      var sizes = r.sizes();
      total += sizes.responseBodySize + sizes.responseHeadersSize;
    }
    weights.put(name, total);
    assertThat(total).as("weight of %s", name).isPositive().isLessThanOrEqualTo(BUDGET);
  }

  /**
   * axe-core, WCAG 2.1 A and AA rules: no violation. A page without JavaScript cannot run axe: its
   * HTML, as the browser holds it, is scanned in a page of the same origin that can (scripts left
   * out, so the state is the one without JavaScript).
   */
  private void scan(Page page, String state) {
    Page target = page;
    if (!javascriptOf(page)) {
      if (scanner == null) {
        scanner =
            chromium
                .browser()
                .newContext(new Browser.NewContextOptions().setViewportSize(375, 812));
      }
      target = scanner.pages().isEmpty() ? scanner.newPage() : scanner.pages().get(0);
      target.navigate(base + "accessibilite");
      String html = page.content().replaceAll("(?s)<script[^>]*>.*?</script>", "");
      target.setContent(html);
    }
    axe(target, state);
  }

  private BrowserContext scanner;

  private boolean javascriptOf(Page page) {
    return !page.context().equals(noScript);
  }

  private BrowserContext noScript;

  private void axe(Page page, String state) {
    assertThat(chromium.violations(page)).as("axe-core on %s", state).isEmpty();
  }

  private static void screenshot(Page page, String name) throws IOException {
    Path dir = SCREENSHOTS;
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
  }
}
