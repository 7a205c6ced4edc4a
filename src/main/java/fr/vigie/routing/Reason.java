package fr.vigie.routing;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reason routing gives (DESIGN.md §6, §12): a closed {@link Code} and its arguments, as text
 * (numbers, ISO dates and instants, enum names, a provider's or a contract's name). The API keeps
 * saying it in English ({@link #english()}, the sentences it has always answered); the pages say it
 * in French from the catalogue ({@link ReasonTexts}, keys {@code routing.reason.<CODE>}).
 */
@Serdeable
public record Reason(Code code, List<String> args) {

  /** What an argument is, so that the French can say it (a date as « 23 nov. 2026 »…). */
  public enum Arg {
    TEXT,
    DATE,
    INSTANT,
    LABEL,
    VICTIM_TYPE,
    RSIT_CLASS
  }

  /**
   * Every reason routing gives, with its English sentence ({@code {0}}… are the arguments) and the
   * kind of each argument. {@link #LABELS_EXPIRED} alone has a variable list: the day, then each
   * expired label and its last valid day.
   */
  public enum Code {
    // Why a provider is shown, or where it stands.
    CONTRACT_RANK("rank {0} of public contract '{1}'", Arg.TEXT, Arg.TEXT),
    ENGAGEMENTS("{0} of {1} engagements open", Arg.TEXT, Arg.TEXT),
    LABEL_VALID("label {0} valid until {1}", Arg.LABEL, Arg.DATE),
    BASED_IN("based in département {0}", Arg.TEXT),
    COVERS_FROM("covers département {0} from {1}", Arg.TEXT, Arg.TEXT),
    NEVER_REFERRED("never referred a case yet (rotation)"),
    LAST_REFERRED("last referred a case at {0} (rotation)", Arg.INSTANT),
    ON_CALL("on call now"),
    BEYOND_SHORTLIST(
        "eligible but ranked {0}: the shortlist holds {1} (label, département, rotation, name)",
        Arg.TEXT, Arg.TEXT),
    // Why a provider is excluded.
    DECLINED("declined this ticket at {0}", Arg.INSTANT),
    EXPIRED("did not answer in time on this ticket (expired at {0})", Arg.INSTANT),
    ABANDONED("abandoned this ticket at {0}", Arg.INSTANT),
    INACTIVE("inactive"),
    NO_LABEL("holds no label"),
    LABELS_EXPIRED("no label valid on {0} ({1})", Arg.DATE),
    DEPARTEMENT_UNKNOWN("the victim's département is unknown"),
    DEPARTEMENT_NOT_COVERED("does not cover département {0}", Arg.TEXT),
    VICTIM_TYPE_NOT_SERVED("does not serve {0} victims", Arg.VICTIM_TYPE),
    RSIT_CLASS_NOT_HANDLED("does not handle RSIT class {0}", Arg.RSIT_CLASS),
    NO_CAPACITY("no free capacity ({0} of {1} engagements open)", Arg.TEXT, Arg.TEXT),
    NOT_ON_CALL("a P1 needs a provider on call now; this one is closed and has no 24/7 service"),
    // Whether §6 recommends a referral.
    OUTSIDE_CONSTITUENCY("outside the constituency: oriented elsewhere"),
    SIGNALEMENT("a signalement, not an incident"),
    IMPACT_BELOW_I2("impact below I2"),
    INCIDENT_IMPACT("an incident with impact {0}", Arg.TEXT),
    IT_PROVIDER_CAN_HANDLE("impact I2 and the victim has an IT provider who can handle it"),
    NO_KNOWN_IT_PROVIDER("an incident with impact I2 and no known IT provider"),
    NO_IT_PROVIDER("an incident with impact I2 and no IT provider"),
    // A routing gap (stored as its English sentence in routing_gap.reason).
    GAP_RECOMMENDED("a referral is recommended and no provider is eligible"),
    GAP_AFTER_REFUSAL("no eligible provider is left after a refusal"),
    // The reasons of the ticket's status changes routing makes (stored in the timeline).
    REFERRED_TO("referred to {0}", Arg.TEXT),
    PROVIDER_ENGAGED("{0} engaged", Arg.TEXT),
    FELL_THROUGH("the referral fell through");

    private final String english;
    private final List<Arg> args;

    Code(String english, Arg... args) {
      this.english = english;
      this.args = List.of(args);
    }

    public String english() {
      return english;
    }

    public List<Arg> args() {
      return args;
    }
  }

  /** The codes whose English sentence is stored as text and read back ({@link #parse}). */
  private static final List<Code> STORED_AS_TEXT =
      List.of(
          Code.GAP_RECOMMENDED,
          Code.GAP_AFTER_REFUSAL,
          Code.REFERRED_TO,
          Code.PROVIDER_ENGAGED,
          Code.FELL_THROUGH);

  private static final Pattern PLACE = Pattern.compile("\\{(\\d+)}");

  public Reason {
    args = List.copyOf(args);
  }

  public static Reason of(Code code, Object... args) {
    List<String> text = new ArrayList<>();
    for (Object arg : args) {
      text.add(String.valueOf(arg));
    }
    return new Reason(code, text);
  }

  /** Today's English sentence: what the API's {@code reasons} and stored texts always said. */
  public String english() {
    if (code == Code.LABELS_EXPIRED) {
      List<String> parts = new ArrayList<>();
      for (int i = 1; i + 1 < args.size(); i += 2) {
        parts.add(args.get(i) + " expired on " + args.get(i + 1));
      }
      return fill(code.english(), List.of(args.get(0), String.join(", ", parts)));
    }
    return fill(code.english(), args);
  }

  public static List<String> english(List<Reason> reasons) {
    return reasons.stream().map(Reason::english).toList();
  }

  /**
   * The reason a stored English sentence of a gap or of a routing status change says, if it is one
   * of them ({@code "referred to Armor Cyber"} → {@code REFERRED_TO [Armor Cyber]}).
   */
  public static Optional<Reason> parse(String english) {
    if (english == null) {
      return Optional.empty();
    }
    for (Code code : STORED_AS_TEXT) {
      Matcher m = pattern(code.english()).matcher(english);
      if (m.matches()) {
        List<String> args = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
          args.add(m.group(i));
        }
        return Optional.of(new Reason(code, args));
      }
    }
    return Optional.empty();
  }

  public static Reason declined(Instant at) {
    return of(Code.DECLINED, at);
  }

  public static Reason expired(Instant at) {
    return of(Code.EXPIRED, at);
  }

  public static Reason abandoned(Instant at) {
    return of(Code.ABANDONED, at);
  }

  static Reason labelValid(LabelKind kind, LocalDate until) {
    return of(Code.LABEL_VALID, kind, until);
  }

  /** One pass, so that a name holding « {1} » is said as it is. */
  private static String fill(String template, List<String> args) {
    Matcher m = PLACE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(args.get(Integer.parseInt(m.group(1)))));
    }
    return m.appendTail(out).toString();
  }

  private static Pattern pattern(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACE.matcher(template);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(at, m.start()))).append("(.+)");
      at = m.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(template.substring(at))).toString());
  }
}
