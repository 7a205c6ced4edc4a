package fr.vigie.observables;

import java.util.Locale;

/**
 * Traffic Light Protocol 2.0 (FIRST): who may receive a piece of information. {@link #AMBER_STRICT}
 * and {@link #RED} never leave in an export unless an analyst names the recipients.
 */
public enum Tlp {
  CLEAR("94868c89-83c2-464b-929b-a1a8aa3c8487"),
  GREEN("bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
  AMBER("55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
  AMBER_STRICT("939a9414-2ddd-4d32-a0cd-375ea402b003"),
  RED("e828b379-4e03-4974-9ac4-e53a884c97c1");

  private final String stixId;

  Tlp(String stixId) {
    this.stixId = stixId;
  }

  /** The id of the TLP 2.0 marking definition STIX 2.1 publishes for this level. */
  public String stixMarkingId() {
    return "marking-definition--" + stixId;
  }

  /** MISP's taxonomy tag: {@code tlp:amber+strict}. */
  public String mispTag() {
    return "tlp:" + name().toLowerCase(Locale.ROOT).replace('_', '+');
  }

  /** The label STIX's TLP 2.0 marking definitions carry: {@code TLP:AMBER+STRICT}. */
  public String label() {
    return "TLP:" + name().replace('_', '+');
  }

  /** Whether this level may go to the community without named recipients. */
  public boolean shareable() {
    return this != AMBER_STRICT && this != RED;
  }

  /** Reads {@code AMBER_STRICT} and the ticket's spelling {@code AMBER+STRICT}; null if neither. */
  public static Tlp parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('+', '_'));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
