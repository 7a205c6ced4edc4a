package fr.vigie.console;

import fr.vigie.web.Chrome;
import fr.vigie.web.StaffChrome;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The queue page ({@code /console}): filters as in the URL, counts per status, one page of lines.
 */
public record QueueView(
    Chrome chrome,
    StaffChrome staff,
    Filters filters,
    List<Count> counts,
    List<Line> lines,
    long total,
    @Nullable String previous,
    @Nullable String next,
    String poll,
    @Nullable String error,
    boolean coordinator) {

  /** The filter form's fields and choices, each option with whether it is selected. */
  public record Filters(
      List<Option> statuses,
      List<Option> severities,
      List<Option> kinds,
      List<Option> assignments,
      List<Option> threats,
      List<Option> sorts,
      String departement,
      String q) {}

  public record Option(String value, String label, boolean selected) {}

  /** How many tickets of a status match the other filters; {@code link} shows only them. */
  public record Count(String status, String label, long count, String link, boolean current) {}

  /** One ticket of the queue. */
  public record Line(
      String reference,
      String link,
      String victim,
      String departement,
      String status,
      String statusText,
      String kind,
      @Nullable String severity,
      @Nullable String severityText,
      String tlp,
      String threat,
      @Nullable String dueIn,
      @Nullable String dueAt,
      boolean overdue,
      @Nullable String assignee) {}
}
