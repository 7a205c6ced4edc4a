package fr.vigie.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The desk's own pages: the home page ({@code /}: what the desk is, its phone and hours, the two
 * ways in), the accessibility statement ({@code /accessibilite}), and the desk's colour and logo.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class SiteController {

  private final Pages pages;

  SiteController(Pages pages) {
    this.pages = pages;
  }

  @Get
  MutableHttpResponse<?> home() {
    return pages.page("web/home", pages.chrome());
  }

  @Get("/accessibilite")
  MutableHttpResponse<?> accessibility() {
    return pages.page("web/accessibility", pages.chrome());
  }

  /** The desk's colour as CSS custom properties (no inline style is allowed by the policy). */
  @Get(value = "/assets/desk.css", produces = "text/css;charset=utf-8")
  MutableHttpResponse<String> colours() {
    return HttpResponse.ok(":root{--desk:" + pages.desk().colour() + "}\n")
        .header("Cache-Control", "public, max-age=300");
  }

  /** The desk's logo, read from {@code VIGIE_DESK_LOGO}. */
  @Get("/assets/logo")
  @ExecuteOn(TaskExecutors.BLOCKING)
  MutableHttpResponse<byte[]> logo() throws IOException {
    DeskSettings desk = pages.desk();
    if (!desk.hasLogo()) {
      return HttpResponse.notFound();
    }
    Path file = Path.of(desk.logo());
    MediaType type =
        file.toString().endsWith(".svg") ? MediaType.of("image/svg+xml") : MediaType.IMAGE_PNG_TYPE;
    return HttpResponse.ok(Files.readAllBytes(file))
        .contentType(type)
        .header("Cache-Control", "public, max-age=300");
  }
}
