package fr.vigie.routing;

import fr.vigie.clocks.Target;
import fr.vigie.tickets.Severity;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The provider-side clocks of DESIGN.md §6: how long a provider has to answer a proposal ({@code
 * vigie.routing.acceptance.p1…p4}: 1 h wall-clock for a P1, 4 business hours for a P2, 1 business
 * day otherwise) and to contact the victim once it accepted ({@code vigie.routing.first-contact.*},
 * the same by default). Written like clock targets ({@code 1h}, {@code 4bh}, {@code 1bd}); a typo
 * stops the start-up.
 */
@Context
public final class RoutingSettings {

  private final Map<Severity, Target> acceptance = new EnumMap<>(Severity.class);
  private final Map<Severity, Target> firstContact = new EnumMap<>(Severity.class);

  RoutingSettings(
      @Value("${vigie.routing.acceptance.p1:1h}") String a1,
      @Value("${vigie.routing.acceptance.p2:4bh}") String a2,
      @Value("${vigie.routing.acceptance.p3:1bd}") String a3,
      @Value("${vigie.routing.acceptance.p4:1bd}") String a4,
      @Value("${vigie.routing.first-contact.p1:1h}") String c1,
      @Value("${vigie.routing.first-contact.p2:4bh}") String c2,
      @Value("${vigie.routing.first-contact.p3:1bd}") String c3,
      @Value("${vigie.routing.first-contact.p4:1bd}") String c4) {
    put(acceptance, "acceptance", a1, a2, a3, a4);
    put(firstContact, "first-contact", c1, c2, c3, c4);
  }

  /** How long to answer a proposal; an untriaged ticket counts as a P3. */
  public Target acceptance(Severity severity) {
    return acceptance.get(severity == null ? Severity.P3 : severity);
  }

  public Target firstContact(Severity severity) {
    return firstContact.get(severity == null ? Severity.P3 : severity);
  }

  private static void put(Map<Severity, Target> into, String name, String... values) {
    for (Severity s : Severity.values()) {
      try {
        into.put(s, Target.parse(values[s.ordinal()]));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(
            "vigie.routing." + name + "." + s.name().toLowerCase() + ": " + e.getMessage(), e);
      }
    }
  }
}
