package fr.vigie.triage;

import fr.vigie.tickets.Threat;
import io.micronaut.context.annotation.Context;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The versioned threat catalogue (DESIGN.md §4): for every {@link Threat}, its French label, its
 * RSIT class and type, and the first aid given to the victim at intake. Read once from {@value
 * #RESOURCE}. It is a {@code @Context} singleton, built while the application starts, so a broken
 * catalogue stops the start with the list of its problems instead of failing a victim's report.
 */
@Context
public final class ThreatCatalogue {

  static final String RESOURCE = "fr/vigie/triage/threat-catalogue.json";

  private final String version;
  private final Map<Threat, ThreatEntry> entries = new EnumMap<>(Threat.class);

  /** Reads the catalogue; public so that plain unit tests of other modules can build one. */
  @Inject
  public ThreatCatalogue(JsonMapper json) {
    this(read(json), RESOURCE);
  }

  ThreatCatalogue(CatalogueFile file, String source) {
    List<String> problems = CatalogueCheck.problems(file);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "The threat catalogue " + source + " is invalid: " + String.join("; ", problems));
    }
    this.version = file.version();
    for (ThreatEntry e : file.threats()) {
      entries.put(
          e.threat(),
          new ThreatEntry(
              e.threat(), e.label(), e.description(), e.rsit(), List.copyOf(e.firstAid())));
    }
  }

  /** The catalogue's version, e.g. {@code 2026-11-1}: recorded with what it produced. */
  public String version() {
    return version;
  }

  public ThreatEntry entry(Threat threat) {
    return entries.get(threat);
  }

  /** Every entry, in the order of {@link Threat}. */
  public List<ThreatEntry> all() {
    return List.copyOf(entries.values());
  }

  static CatalogueFile read(JsonMapper json) {
    byte[] bytes;
    try (InputStream in = ThreatCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The threat catalogue " + RESOURCE + " is missing.");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(json, bytes, RESOURCE);
  }

  static CatalogueFile parse(JsonMapper json, byte[] bytes, String source) {
    try {
      return json.readValue(bytes, CatalogueFile.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "The threat catalogue " + source + " is not readable JSON: " + e.getMessage(), e);
    }
  }
}
