package fr.vigie.stats;

import fr.vigie.tickets.Outcome;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.Threat;
import fr.vigie.triage.RsitTaxonomy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the statistics can be broken down by (DESIGN.md §8), each with the name it has in query
 * parameters and answers. Nothing finer than the département exists: no commune, no day, no name. A
 * value the records do not give is {@code UNKNOWN} (or {@code NOT_CLOSED} for how a ticket ended),
 * so a {@code null} in an answer always means "all values" (a margin).
 */
public enum Dimension {
  DEPARTEMENT("departement", null, Pattern.compile("[0-9]{2}|2A|2B|97[1-6]|UNKNOWN")),
  REGION("region", null, Pattern.compile("[0-9]{2}|UNKNOWN")),
  VICTIM_CATEGORY("victimCategory", names(VictimCategory.values()), null),
  SIZE_BAND("sizeBand", names(SizeBand.values()), null),
  RSIT_CLASS("rsitClass", plus(List.copyOf(RsitTaxonomy.classes()), "UNKNOWN"), null),
  SEVERITY("severity", plus(names(Severity.values()), "UNKNOWN"), null),
  KIND("kind", List.of("SIGNALEMENT", "INCIDENT", "UNKNOWN"), null),
  OUTCOME("outcome", plus(names(Outcome.values()), Constants.NOT_CLOSED), null),
  /** Detected before any impact, or handled after it (DOMAIN.md §8), once the ticket is closed. */
  PREVENTED("prevented", names(Prevention.values()), null),
  /** The victim's own words for the threat: the yearly summary's top types, not the cube's. */
  THREAT("threat", names(Threat.values()), null);

  private final String parameter;
  private final List<String> values;
  private final Pattern pattern;

  Dimension(String parameter, List<String> values, Pattern pattern) {
    this.parameter = parameter;
    this.values = values;
    this.pattern = pattern;
  }

  /** The name in query parameters ({@code groupBy}, filters) and answers. */
  public String parameter() {
    return parameter;
  }

  /** Whether the cube offers it; the threat is only ranked in the yearly summary. */
  public boolean inCube() {
    return this != THREAT;
  }

  /** Whether {@code value} is one of this dimension's values. */
  public boolean accepts(String value) {
    return values != null ? values.contains(value) : pattern.matcher(value).matches();
  }

  /** The closed vocabulary, or empty for the geographic codes (any COG code). */
  public Optional<List<String>> vocabulary() {
    return Optional.ofNullable(values);
  }

  public static Optional<Dimension> byParameter(String parameter) {
    return Arrays.stream(values()).filter(d -> d.parameter.equals(parameter)).findFirst();
  }

  /** The dimensions of the cube, in the order of the answers' fields. */
  public static List<Dimension> cube() {
    return Arrays.stream(values()).filter(Dimension::inCube).toList();
  }

  private static List<String> names(Enum<?>[] constants) {
    return Arrays.stream(constants).map(Enum::name).toList();
  }

  private static List<String> plus(List<String> values, String extra) {
    return Stream.concat(values.stream(), Stream.of(extra)).toList();
  }

  /** Vocabulary shared by several dimensions. */
  public static final class Constants {
    public static final String NOT_CLOSED = "NOT_CLOSED";

    private Constants() {}
  }
}
