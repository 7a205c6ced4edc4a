package fr.vigie.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's Chromium driven by Playwright (DESIGN.md §12): found at {@code VIGIE_TEST_CHROMIUM} or
 * {@code /usr/bin/chromium}, never downloaded; without one the calling test is skipped with a
 * warning saying how to install it. axe-core (from its WebJar) checks WCAG 2.1 A and AA.
 */
public final class Chromium implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Chromium.class);
  private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

  private final Playwright playwright;
  private final Browser browser;
  private final String axe;

  private Chromium(Playwright playwright, Browser browser, String axe) {
    this.playwright = playwright;
    this.browser = browser;
    this.axe = axe;
  }

  /** A headless Chromium, or the test is skipped (with a warning) when there is none. */
  public static Chromium launch() {
    String configured = System.getenv("VIGIE_TEST_CHROMIUM");
    Path chromium =
        Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
    if (!Files.isExecutable(chromium)) {
      LOG.warn(
          "No Chromium at {}: the browser tests of the pages are SKIPPED. Install one with"
              + " 'apt-get install -y chromium' (Debian) or set VIGIE_TEST_CHROMIUM.",
          chromium);
      Assumptions.abort("no Chromium at " + chromium);
    }
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser =
        playwright
            .chromium()
            .launch(new BrowserType.LaunchOptions().setExecutablePath(chromium).setHeadless(true));
    try (InputStream in = Chromium.class.getClassLoader().getResourceAsStream(AXE)) {
      return new Chromium(
          playwright, browser, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Browser browser() {
    return browser;
  }

  /** A new browser context as a French user sees the pages, {@code width} px wide. */
  public com.microsoft.playwright.BrowserContext context(int width) {
    return browser.newContext(
        new Browser.NewContextOptions().setLocale("fr-FR").setViewportSize(width, 900));
  }

  /** Fills the sign-in page /connexion as staff member {@code username} (the tests' password). */
  public static void signIn(com.microsoft.playwright.Page page, String username) {
    page.getByLabel("Identifiant").fill(username);
    page.getByLabel("Mot de passe").fill(Staff.PASSWORD);
    page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new com.microsoft.playwright.Page.GetByRoleOptions()
                .setName("Se connecter")
                .setExact(true))
        .click();
  }

  /**
   * Records every request of {@code context} that goes anywhere but {@code origin} (the test
   * server's {@code scheme://host:port}); {@code data:} URLs load nothing. The list stays empty
   * when no request leaves Vigie's origin (DESIGN.md §12).
   */
  public static List<String> foreignRequests(BrowserContext context, String origin) {
    URI own = URI.create(origin);
    List<String> foreign = new CopyOnWriteArrayList<>();
    context.onRequest(
        r -> {
          if (r.url().startsWith("data:")) {
            return;
          }
          URI to = URI.create(r.url());
          if (!(own.getScheme().equals(to.getScheme())
              && own.getHost().equals(to.getHost())
              && own.getPort() == to.getPort())) {
            foreign.add(r.url());
          }
        });
    return foreign;
  }

  /** The WCAG 2.1 A/AA violations axe-core finds on the page, as readable lines. */
  @SuppressWarnings("unchecked")
  public List<String> violations(Page page) {
    page.evaluate(axe);
    Object result =
        page.evaluate(
            "async () => (await axe.run(document, {runOnly: {type: 'tag', values:"
                + " ['wcag2a','wcag2aa','wcag21a','wcag21aa']}})).violations.map(v => v.id + ': '"
                + " + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', '))");
    return new ArrayList<>((List<String>) result);
  }

  @Override
  public void close() {
    playwright.close();
  }
}
