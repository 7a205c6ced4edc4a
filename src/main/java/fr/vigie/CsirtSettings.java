package fr.vigie;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.time.ZoneId;
import java.util.List;

/**
 * Who this CSIRT is (DESIGN.md §2): the régions it serves (INSEE codes), the prefix of its ticket
 * references and its time zone. Checked at start-up: a typo must stop the service, not misfile
 * reports.
 */
@ConfigurationProperties("vigie.csirt")
public record CsirtSettings(
    @NotEmpty List<@Pattern(regexp = "[0-9]{2}") String> regions,
    @Pattern(regexp = "[A-Z]{2,8}") String referencePrefix,
    @NotEmpty String timezone) {

  public ZoneId zone() {
    return ZoneId.of(timezone);
  }
}
