package fr.vigie.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * The desk as its pages show it (DESIGN.md §12): {@code VIGIE_DESK_NAME}, {@code VIGIE_DESK_PHONE},
 * {@code VIGIE_DESK_HOURS_TEXT}, {@code VIGIE_DESK_LOGO} (a PNG or SVG file), {@code
 * VIGIE_DESK_COLOUR} (the main colour, {@code #rrggbb}, dark enough for white text) and {@code
 * VIGIE_EMBED_ORIGINS} (sites allowed to show the form in an {@code iframe}).
 */
@ConfigurationProperties("vigie.desk")
public record DeskSettings(
    @Bindable(defaultValue = "CSIRT régional") String name,
    @Nullable String phone,
    @Nullable String hoursText,
    @Nullable String logo,
    @Bindable(defaultValue = "#1d4f91") String colour,
    @Nullable List<String> embedOrigins) {

  public DeskSettings {
    if (!colour.matches("#[0-9a-fA-F]{6}")) {
      throw new IllegalArgumentException(
          "vigie.desk.colour (VIGIE_DESK_COLOUR) must be a colour #rrggbb, not " + colour);
    }
    embedOrigins =
        embedOrigins == null
            ? List.of()
            : embedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    for (String origin : embedOrigins) {
      if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw new IllegalArgumentException(
            "VIGIE_EMBED_ORIGINS lists origins such as https://cyber.bretagne.example, not "
                + origin);
      }
    }
  }

  /** The phone number as a {@code tel:} link target (digits and a leading +). */
  public String phoneLink() {
    return phone == null ? null : "tel:" + phone.replaceAll("[^0-9+]", "");
  }

  public boolean hasLogo() {
    return logo != null && !logo.isBlank();
  }
}
