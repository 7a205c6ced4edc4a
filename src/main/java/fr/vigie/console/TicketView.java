package fr.vigie.console;

import fr.vigie.web.Chrome;
import fr.vigie.web.StaffChrome;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** The ticket page ({@code /console/tickets/{reference}}): facts, clocks, timeline, actions. */
public record TicketView(
    Chrome chrome,
    StaffChrome staff,
    String reference,
    String victimName,
    String status,
    String statusText,
    String kind,
    @Nullable String severity,
    @Nullable String severityText,
    String tlp,
    @Nullable String assignee,
    boolean mine,
    int version,
    List<Row> victim,
    List<Row> contact,
    List<Row> incident,
    List<String> factors,
    List<Orientation> orientations,
    List<ClockLine> clocks,
    List<Event> timeline,
    List<ReferralLine> referrals,
    boolean qualify,
    List<Choice> transitions,
    List<Choice> outcomes,
    @Nullable Shortlist shortlist,
    String callAt,
    @Nullable String done,
    List<String> errors,
    boolean conflict) {

  public record Row(String label, String value) {}

  public record Orientation(String name, String reason, boolean urgent) {}

  public record ClockLine(
      String name, String state, @Nullable String dueIn, String dueAt, boolean overdue) {}

  public record Event(String at, String actor, String what, String detail) {}

  public record ReferralLine(String provider, String state, String proposedAt) {}

  public record Choice(String value, String label) {}

  /** Who can take the ticket, with why, and who cannot, with why not (DESIGN.md §6). */
  public record Shortlist(
      String recommendation, List<Provider> options, List<Provider> excluded, boolean open) {}

  public record Provider(long id, String name, String reasons) {}
}
