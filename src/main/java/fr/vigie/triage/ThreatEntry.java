package fr.vigie.triage;

import fr.vigie.tickets.Threat;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What Vigie knows about one threat: its French label for the form, a sentence that helps the
 * victim recognise it, its RSIT classification and the first aid to give at once, most urgent
 * first.
 */
@Serdeable
public record ThreatEntry(
    Threat threat, String label, String description, Rsit rsit, List<FirstAid> firstAid) {}
