package fr.vigie.triage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ENISA Reference Security Incident Taxonomy's classes and types (DOMAIN.md §3). */
public final class RsitTaxonomy {

  /** By class, in the taxonomy's order (the statistics list classes in it). */
  static final Map<String, List<String>> TYPES =
      inOrder(
          Map.entry("abusive-content", List.of("spam", "harmful-speech", "violence")),
          Map.entry(
              "malicious-code",
              List.of(
                  "infected-system", "c2-server", "malware-distribution", "malware-configuration")),
          Map.entry("information-gathering", List.of("scanner", "sniffing", "social-engineering")),
          Map.entry("intrusion-attempts", List.of("ids-alert", "brute-force", "exploit")),
          Map.entry(
              "intrusions",
              List.of(
                  "privileged-account-compromise",
                  "unprivileged-account-compromise",
                  "application-compromise",
                  "system-compromise",
                  "burglary")),
          Map.entry(
              "availability", List.of("dos", "ddos", "misconfiguration", "sabotage", "outage")),
          Map.entry(
              "information-content-security",
              List.of(
                  "unauthorised-information-access",
                  "unauthorised-information-modification",
                  "data-loss",
                  "data-leak")),
          Map.entry(
              "fraud",
              List.of("unauthorised-use-of-resources", "copyright", "masquerade", "phishing")),
          Map.entry(
              "vulnerable",
              List.of(
                  "weak-crypto",
                  "ddos-amplifier",
                  "potentially-unwanted-accessible",
                  "information-disclosure",
                  "vulnerable-system")),
          Map.entry("other", List.of("other", "undetermined")),
          Map.entry("test", List.of("test")));

  private RsitTaxonomy() {}

  @SafeVarargs
  private static Map<String, List<String>> inOrder(Map.Entry<String, List<String>>... entries) {
    Map<String, List<String>> types = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : entries) {
      types.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(types);
  }

  /** The RSIT classes in the taxonomy's order, e.g. {@code malicious-code}. */
  public static java.util.Set<String> classes() {
    return TYPES.keySet();
  }

  /** The types of an RSIT class in the taxonomy's order; empty for an unknown class. */
  public static List<String> types(String rsitClass) {
    return TYPES.getOrDefault(rsitClass, List.of());
  }

  public static boolean isValid(String rsitClass, String rsitType) {
    return TYPES.getOrDefault(rsitClass, List.of()).contains(rsitType);
  }
}
