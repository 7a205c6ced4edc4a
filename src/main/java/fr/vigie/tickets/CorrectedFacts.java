package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * An analyst's correction of a ticket's victim and incident facts (a report received by e-mail
 * qualified, a wrong commune or victim type put right), with the triage computed again from them
 * and what changed, for the timeline's {@code FACTS_CORRECTED}.
 */
public record CorrectedFacts(
    Victim victim,
    Incident incident,
    Classification triage,
    List<Change> changes,
    String reason,
    String actor,
    Instant at) {

  /**
   * One corrected field by its report path ({@code victim.communeCode}), its value before and after
   * as text; both null for a private person's name, which the timeline does not repeat.
   */
  @Serdeable
  public record Change(String field, @Nullable String from, @Nullable String to) {}
}
