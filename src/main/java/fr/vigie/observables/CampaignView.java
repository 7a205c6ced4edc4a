package fr.vigie.observables;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A campaign: why it opened, its tickets (reference, victim category, département), its first and
 * last sighting and the observables its tickets hold. No victim name, no contact, no free text.
 */
@Serdeable
public record CampaignView(
    long id,
    String uuid,
    String basis,
    @Nullable String threat,
    @Nullable String departement,
    @Nullable String observableType,
    @Nullable String observableValue,
    String state,
    @Nullable Long mergedInto,
    Instant openedAt,
    @Nullable Instant closedAt,
    @Nullable Instant firstSighting,
    @Nullable Instant lastSighting,
    int version,
    List<Member> tickets,
    List<Shared> observables) {

  @Serdeable
  public record Member(
      String reference, String victimCategory, @Nullable String departement, Instant sightedAt) {}

  /** A normal form held by the campaign's tickets, with its strictest TLP and how many hold it. */
  @Serdeable
  public record Shared(String type, String value, String tlp, int tickets) {}

  /** A line of the list. */
  @Serdeable
  public record Summary(
      long id,
      String basis,
      @Nullable String threat,
      @Nullable String departement,
      String state,
      Instant openedAt,
      @Nullable Instant firstSighting,
      @Nullable Instant lastSighting,
      int tickets) {}
}
