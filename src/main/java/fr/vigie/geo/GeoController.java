package fr.vigie.geo;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Commune autocomplete for the public intake form (DESIGN.md §10). Public, so its input is bounded:
 * {@code q} is 2 to 100 characters that can appear in a commune name, {@code limit} at most 50.
 * Anything else is a 400 naming the parameter.
 */
@Controller("/api/v1/geo")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class GeoController {

  /** Letters (with accents), digits, spaces, hyphens, apostrophes, dots and parentheses. */
  static final String NAME_CHARACTERS = "[\\p{L}\\p{M}\\p{N} '’.()-]*";

  private static final int DEFAULT_LIMIT = 20;

  private final GeoDirectory directory;

  GeoController(GeoDirectory directory) {
    this.directory = directory;
  }

  /**
   * Communes by name prefix ({@code q}, the most populated first) or by postal code ({@code
   * postalCode}, by name); exactly one of the two.
   */
  @Get("/communes")
  CommuneSuggestions communes(
      @QueryValue @Nullable @Size(min = 2, max = 100) @Pattern(regexp = NAME_CHARACTERS) String q,
      @QueryValue @Nullable @Pattern(regexp = "[0-9]{5}") String postalCode,
      @QueryValue @Nullable @Min(1) @Max(50) Integer limit) {
    if ((q == null) == (postalCode == null)) {
      throw new HttpStatusException(
          HttpStatus.BAD_REQUEST, "Give exactly one of the query parameters q and postalCode.");
    }
    int max = limit == null ? DEFAULT_LIMIT : limit;
    return CommuneSuggestions.of(
        q != null ? directory.search(q, max) : directory.byPostalCode(postalCode, max));
  }
}
