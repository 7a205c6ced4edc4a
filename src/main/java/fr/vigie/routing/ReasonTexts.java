package fr.vigie.routing;

import fr.vigie.CsirtSettings;
import fr.vigie.web.Messages;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Routing's reasons in French for the pages (DESIGN.md §12), from the one catalogue: {@code
 * routing.reason.<CODE>} with the arguments said in French (a date as « 23 nov. 2026 », an instant
 * in the desk's time zone, a label, a victim type or an RSIT class by its catalogue name). The API
 * keeps its English sentences and codes ({@link Reason}).
 */
@Singleton
public final class ReasonTexts {

  static final String PREFIX = "routing.reason.";

  private final Messages messages;
  private final ZoneId zone;

  @Inject
  ReasonTexts(Messages messages, CsirtSettings csirt) {
    this(messages, csirt.zone());
  }

  /** For tests without a context. */
  ReasonTexts(Messages messages, ZoneId zone) {
    this.messages = messages;
    this.zone = zone;
  }

  /** « rang 1 du marché public « Marché 29 » ». */
  public String say(Reason reason) {
    Reason.Code code = reason.code();
    List<String> args = reason.args();
    if (code == Reason.Code.LABELS_EXPIRED) {
      List<String> parts = new ArrayList<>();
      for (int i = 1; i + 1 < args.size(); i += 2) {
        parts.add(
            messages.get(
                PREFIX + code + ".item",
                arg(Reason.Arg.LABEL, args.get(i)),
                arg(Reason.Arg.DATE, args.get(i + 1))));
      }
      return messages.get(
          PREFIX + code, arg(Reason.Arg.DATE, args.get(0)), String.join(", ", parts));
    }
    Object[] said = new Object[args.size()];
    for (int i = 0; i < said.length; i++) {
      said[i] = arg(i < code.args().size() ? code.args().get(i) : Reason.Arg.TEXT, args.get(i));
    }
    return messages.get(PREFIX + code, said);
  }

  /** The reasons of one provider, joined as the page shows them. */
  public String say(List<Reason> reasons) {
    return String.join(" ; ", reasons.stream().map(this::say).toList());
  }

  /** Whether a referral is recommended and why, then the gap when the ticket is flagged. */
  public String recommendation(ReferralOptions options) {
    String text =
        messages.get(
            options.recommended() ? "routing.recommended" : "routing.notRecommended",
            say(options.recommendationWhy()));
    ReferralOptions.Gap gap = options.gap();
    if (gap != null) {
      text +=
          " "
              + messages.get(
                  "routing.gap",
                  Messages.dateTime(gap.flaggedAt().atZone(zone)),
                  gap.why() == null ? gap.reason() : say(gap.why()));
    }
    return text;
  }

  /**
   * A routing sentence stored in English in the timeline (a gap, a status change routing made) in
   * French; any other text (an analyst's or a provider's own words) as it was written.
   */
  public String stored(String text) {
    return Reason.parse(text).map(this::say).orElse(text);
  }

  private String arg(Reason.Arg kind, String value) {
    try {
      return switch (kind) {
        case TEXT -> value;
        case DATE -> Messages.date(LocalDate.parse(value));
        case INSTANT -> Messages.dateTime(Instant.parse(value).atZone(zone));
        case LABEL -> named("admin.labelKind.", value);
        case VICTIM_TYPE -> named("console.victimType.", value);
        case RSIT_CLASS -> named("stats.rsitClass.", value);
      };
    } catch (DateTimeParseException e) {
      return value;
    }
  }

  private String named(String prefix, String code) {
    String text = messages.find(prefix + code);
    return text == null ? code : text;
  }
}
