package fr.vigie.tickets;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A message of the exchange between the victim and the CSIRT, as the victim sees it. */
@Serdeable
public record VictimMessage(Instant at, From from, String text) {

  /** Who wrote it. */
  public enum From {
    VICTIM,
    CSIRT
  }
}
