package fr.vigie.intake;

import fr.vigie.audit.Audit;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.intake.internal.FollowUpTokens;
import fr.vigie.tickets.Activity;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.Tickets;
import fr.vigie.tickets.TimelineEvent;
import fr.vigie.tickets.VictimMessage;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The victim's follow-up (DESIGN.md §9), for the API ({@code X-Follow-Up-Token}) and the {@code
 * /suivi} page alike: find the report by reference and token, show it (audited: whoever holds the
 * token sees the contact), add the victim's message to the timeline.
 */
@Singleton
public final class FollowUps {

  static final int MAX_MESSAGE = 10_000;
  private static final String REFERENCE = "[A-Z]{2,8}-[0-9]{4}-[0-9]{6}";

  private final Tickets tickets;
  private final Activity activity;
  private final Audit audit;
  private final ZoneId zone;

  FollowUps(Tickets tickets, Activity activity, Audit audit, fr.vigie.CsirtSettings csirt) {
    this.tickets = tickets;
    this.activity = activity;
    this.audit = audit;
    this.zone = csirt.zone();
  }

  /**
   * The victim's ticket. A wrong token and an unknown reference give the same empty answer after
   * the same work, so nobody learns whether a reference exists.
   */
  public Optional<TicketDetail> find(String reference, String token) {
    return findByHash(reference, FollowUpTokens.hash(token == null ? "" : token));
  }

  /** The same, for a page that kept the token's hash (the follow-up cookie), not the token. */
  public Optional<TicketDetail> findByHash(String reference, byte[] tokenHash) {
    String safe =
        reference != null && reference.length() <= 32 && reference.matches(REFERENCE)
            ? reference
            : "";
    return tickets.detailForVictim(safe, tokenHash);
  }

  public static byte[] tokenHash(String token) {
    return FollowUpTokens.hash(token == null ? "" : token);
  }

  /** What the victim sees of its ticket; the reading is audited. */
  public FollowUpView view(TicketDetail ticket) {
    FollowUpView view = FollowUpView.of(ticket, activity.messages(ticket.reference()), zone);
    audit.record("victim", "FOLLOW_UP_VIEWED", "ticket:" + ticket.reference(), Map.of());
    return view;
  }

  /** Adds the victim's message; a blank or unsafe text is refused with the field {@code text}. */
  public VictimMessage write(TicketDetail ticket, String message) {
    String text = message == null ? "" : message.strip();
    String problem = text.isEmpty() ? "is required" : Texts.problem(text, MAX_MESSAGE, true);
    if (problem != null) {
      throw ProblemException.invalid(List.of(new FieldError("text", problem)));
    }
    TimelineEvent event =
        activity
            .record(ticket.reference(), "victim", "MESSAGE_FROM_VICTIM", "text", text)
            .orElseThrow();
    return new VictimMessage(event.at(), VictimMessage.From.VICTIM, text);
  }
}
