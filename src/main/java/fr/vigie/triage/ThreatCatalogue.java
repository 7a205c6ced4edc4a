package fr.vigie.triage;

import fr.vigie.tickets.Threat;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;

/** PLACEHOLDER until the catalogue branch lands. */
@Singleton
public final class ThreatCatalogue {
  public String version() {
    return "stub";
  }

  public ThreatEntry entry(Threat threat) {
    return new ThreatEntry(threat, threat.name(), "", new Rsit("other", "other"), List.of());
  }

  public List<ThreatEntry> all() {
    return Arrays.stream(Threat.values()).map(this::entry).toList();
  }
}
