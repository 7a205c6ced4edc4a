package fr.vigie.clocks;

import fr.vigie.tickets.Severity;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The SLA targets per severity (DESIGN.md §7), each overridable with {@code
 * vigie.clocks.targets.<p1…p4>.<first-contact|qualification|resolution|follow-up>} (env e.g. {@code
 * VIGIE_CLOCKS_TARGETS_P2_FIRST_CONTACT=3bh}). A value is a {@link Target}: {@code 30m}, {@code
 * 2h}, {@code 5d} on the wall clock, {@code 2bh}, {@code 1bd} in business time. P1 runs on the wall
 * clock 24/7 by default. The follow-up call is due 5 business days after a referral is accepted,
 * whatever the severity. A malformed value stops the start-up.
 */
@Singleton
public final class SlaTargets {

  static final Map<Severity, Map<String, String>> DEFAULTS = new EnumMap<>(Severity.class);

  static {
    DEFAULTS.put(Severity.P1, row("30m", "2h", "5d"));
    DEFAULTS.put(Severity.P2, row("2bh", "1bd", "10bd"));
    DEFAULTS.put(Severity.P3, row("1bd", "2bd", "20bd"));
    DEFAULTS.put(Severity.P4, row("3bd", "5bd", "30bd"));
  }

  private static Map<String, String> row(String firstContact, String qualification, String res) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("FIRST_CONTACT", firstContact);
    row.put("QUALIFICATION", qualification);
    row.put("RESOLUTION", res);
    row.put("FOLLOW_UP", "5bd");
    return row;
  }

  private final Map<Severity, Map<String, Target>> targets = new EnumMap<>(Severity.class);

  SlaTargets(Environment environment) {
    for (var entry : DEFAULTS.entrySet()) {
      Map<String, Target> row = new LinkedHashMap<>();
      for (var code : entry.getValue().entrySet()) {
        String key =
            "vigie.clocks.targets."
                + entry.getKey().name().toLowerCase(Locale.ROOT)
                + "."
                + code.getKey().toLowerCase(Locale.ROOT).replace('_', '-');
        String value = environment.getProperty(key, String.class).orElse(code.getValue());
        try {
          row.put(code.getKey(), Target.parse(value));
        } catch (IllegalArgumentException e) {
          throw new ConfigurationException(key + ": " + e.getMessage(), e);
        }
      }
      targets.put(entry.getKey(), Map.copyOf(row));
    }
  }

  public Map<String, Target> of(Severity severity) {
    return targets.get(severity);
  }
}
