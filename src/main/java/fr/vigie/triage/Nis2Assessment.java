package fr.vigie.triage;

import fr.vigie.tickets.Nis2Status;
import io.micronaut.serde.annotation.Serdeable;

/**
 * NIS2 status as the victim declared it, as Vigie derives it from the geography tables, and the
 * effective one: the higher of the two (DESIGN.md §5). UNKNOWN stays UNKNOWN when nothing is
 * derived: an SME we know nothing about is not "not regulated".
 */
@Serdeable
public record Nis2Assessment(Nis2Status declared, Nis2Status derived, Nis2Status effective) {

  public boolean regulated() {
    return effective == Nis2Status.ESSENTIAL || effective == Nis2Status.IMPORTANT;
  }
}
