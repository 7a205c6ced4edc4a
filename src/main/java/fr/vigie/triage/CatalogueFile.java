package fr.vigie.triage;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The threat catalogue resource as written, before it is checked. */
@Serdeable
record CatalogueFile(String version, List<ThreatEntry> threats) {}
