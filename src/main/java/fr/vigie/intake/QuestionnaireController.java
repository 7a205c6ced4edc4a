package fr.vigie.intake;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Arrays;

/**
 * {@code GET /api/v1/intake/questionnaire}: public, served from memory (no blocking work). It only
 * changes with a release, so browsers and proxies may keep it five minutes and revalidate it with
 * its ETag: a victim on a weak connection does not download it twice.
 */
@Controller("/api/v1/intake/questionnaire")
@Secured(SecurityRule.IS_ANONYMOUS)
final class QuestionnaireController {

  static final String CACHE_CONTROL = "public, max-age=300";

  private final Questionnaire questionnaire;

  QuestionnaireController(Questionnaire questionnaire) {
    this.questionnaire = questionnaire;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> get(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    String etag = questionnaire.etag();
    if (matches(ifNoneMatch, etag)) {
      return HttpResponse.<byte[]>notModified()
          .header(HttpHeaders.ETAG, etag)
          .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
    return HttpResponse.ok(questionnaire.body())
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.ETAG, etag)
        .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
  }

  /** RFC 9110 §13.1.2: a list of tags or {@code *}, compared weakly for a GET. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    return Arrays.stream(ifNoneMatch.split(","))
        .map(String::strip)
        .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
        .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
  }
}
