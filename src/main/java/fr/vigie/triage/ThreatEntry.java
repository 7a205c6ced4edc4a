package fr.vigie.triage;

import fr.vigie.tickets.Threat;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** PLACEHOLDER. */
@Serdeable
public record ThreatEntry(
    Threat threat, String label, String description, Rsit rsit, List<FirstAid> firstAid) {}
