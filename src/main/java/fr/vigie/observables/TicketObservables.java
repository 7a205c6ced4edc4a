package fr.vigie.observables;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A ticket's observables, the tickets they link it to (both ways: each shares at least one normal
 * form with this one) and the campaigns it belongs to.
 */
@Serdeable
public record TicketObservables(
    String reference,
    List<ObservableView> items,
    List<Related> related,
    List<CampaignRef> campaigns) {

  /** A ticket sharing observables with this one: no victim name, no contact, no free text. */
  @Serdeable
  public record Related(
      String reference, String victimCategory, String departement, List<String> shared) {}

  /** A campaign the ticket is part of. */
  @Serdeable
  public record CampaignRef(long id, String state) {}
}
