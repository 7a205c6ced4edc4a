package fr.vigie.intake;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.triage.Diagnosis;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the victim gets back for a report (DESIGN.md §10): its reference, once the token to follow
 * it, and at once what it means and what to do now (the {@link Diagnosis}, inline).
 */
@Serdeable
public record Receipt(String reference, String followUpToken, @JsonUnwrapped Diagnosis diagnosis) {

  static Receipt of(String reference, String token, TicketStatus status, Diagnosis d) {
    return new Receipt(reference, token, d.withStatus(status));
  }

  public TicketStatus status() {
    return diagnosis.status();
  }
}
