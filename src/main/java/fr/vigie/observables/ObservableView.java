package fr.vigie.observables;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * One observable of a ticket as the desk sees it: raw and normal forms, TLP, tags, and the other
 * tickets where the same normal form was seen ({@code sightings}), each by its reference, victim
 * category and département only.
 */
@Serdeable
public record ObservableView(
    long id,
    String uuid,
    String type,
    String raw,
    @Nullable String value,
    @Nullable String problem,
    List<String> flags,
    String tlp,
    List<String> tags,
    String source,
    String addedBy,
    Instant addedAt,
    @Nullable Instant retractedAt,
    @Nullable String retractedBy,
    @Nullable String retractionReason,
    List<Sighting> sightings) {

  /** Another ticket holding the same normal form. */
  @Serdeable
  public record Sighting(String reference, String victimCategory, @Nullable String departement) {}
}
