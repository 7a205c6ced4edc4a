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
    List<Choice> assignees,
    List<Choice> tlps,
    List<Choice> severities,
    List<Choice> kinds,
    List<Group> rsitTypes,
    boolean promotable,
    boolean mergeable,
    @Nullable Observables observables,
    @Nullable Facts facts,
    @Nullable String done,
    List<String> errors,
    boolean conflict) {

  public record Row(String label, String value) {}

  public record Orientation(String name, String reason, boolean urgent) {}

  /**
   * A clock's line; {@code code} is set on a legal deadline still to settle, which the page lets
   * the analyst mark as filed or not applicable.
   */
  public record ClockLine(
      String name,
      String state,
      @Nullable String dueIn,
      String dueAt,
      boolean overdue,
      @Nullable String code) {}

  /** A timeline line; {@code tlp} is a note's sharing level. */
  public record Event(String at, String actor, String what, String detail, @Nullable String tlp) {}

  public record ReferralLine(String provider, String state, String proposedAt) {}

  public record Choice(String value, String label) {}

  /**
   * The ticket's technical traces (issue 21): each with its type, raw value, TLP, notes and the
   * other tickets holding it; the tickets linked through them; whether MISP is configured.
   */
  public record Observables(
      List<ObservableLine> items,
      List<Linked> related,
      List<Choice> types,
      int relatedNotShown,
      List<Long> campaigns,
      boolean misp) {}

  /** {@code seenElsewhere}: the other tickets holding it beyond those named in {@code seenIn}. */
  public record ObservableLine(
      String type,
      String value,
      String tlp,
      String notes,
      List<String> seenIn,
      int seenElsewhere) {}

  /** A ticket sharing observables with this one: no victim name (DESIGN.md §6). */
  public record Linked(String reference, String who, String shared) {}

  /** Choices under a heading ({@code <optgroup>}), e.g. the RSIT types of one class. */
  public record Group(String label, List<Choice> choices) {}

  /** Who can take the ticket, with why, and who cannot, with why not (DESIGN.md §6). */
  public record Shortlist(
      String recommendation, List<Provider> options, List<Provider> excluded, boolean open) {}

  public record Provider(long id, String name, String reasons) {}

  /**
   * The form « Compléter ou corriger le signalement », pre-filled with the ticket's facts; shown
   * first when the report still waits to be qualified ({@code prominent}). Yes/no answers are
   * {@code oui}, {@code non} or empty (unknown); the discovery time is {@code datetime-local}.
   */
  public record Facts(
      boolean prominent,
      List<Choice> victimTypes,
      String type,
      String name,
      String commune,
      String siren,
      String headcount,
      List<Choice> threats,
      String threat,
      List<Choice> personalData,
      String personal,
      String insured,
      String provider,
      String discoveredAt) {}
}
