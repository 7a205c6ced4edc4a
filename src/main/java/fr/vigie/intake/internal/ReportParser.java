package fr.vigie.intake.internal;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.intake.Channel;
import fr.vigie.tickets.Contact;
import fr.vigie.tickets.Incident;
import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.Sector;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the body of {@code POST /api/v1/reports} (DESIGN.md §10) strictly: unknown fields, wrong
 * types, unknown enum values, oversized texts and lists, impossible dates are all refused with
 * their paths. Geography checks (the commune exists, the SIREN is the commune's) come after, in
 * {@link fr.vigie.intake.IntakeService}. Pure code: no framework, time passed in.
 */
public final class ReportParser {

  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 10_000;
  static final int MAX_OBSERVABLES = 50;
  static final int MAX_OBSERVABLE = 2_048;
  // Clocks of phones and PCs drift: a few minutes ahead is not "in the future".
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  static final OffsetDateTime EARLIEST = OffsetDateTime.parse("2000-01-01T00:00:00Z");

  private static final Set<String> ROOT =
      Set.of("channel", "victim", "contact", "incident", "consent");
  private static final Set<String> VICTIM =
      Set.of(
          "type",
          "name",
          "siren",
          "communeCode",
          "headcount",
          "nis2",
          "oiv",
          "ose",
          "sector",
          "hasItProvider",
          "cyberInsured");
  private static final Set<String> CONTACT = Set.of("name", "role", "email", "phone");

  private ReportParser() {}

  /** A report read from its JSON, before the geography tables are consulted. */
  @io.micronaut.serde.annotation.Serdeable
  public record Parsed(Channel channel, Victim victim, Contact contact, Incident incident) {}

  public static Parsed parse(JsonNode root, Instant now) {
    JsonFields f = new JsonFields();
    if (root == null || !root.isObject()) {
      throw ProblemException.malformed("", "The body must be a JSON object.");
    }
    f.rejectUnknown(root, "", ROOT);
    Channel channel = f.enumeration(root, "", "channel", Channel.class, true);
    Victim victim = victim(f, f.object(root, "", "victim", true, VICTIM));
    Contact contact = contact(f, f.object(root, "", "contact", true, CONTACT));
    Incident incident =
        IncidentFields.read(f, f.object(root, "", "incident", true, IncidentFields.KNOWN), now);
    Boolean consent = f.bool(root, "", "consent", true);
    if (Boolean.FALSE.equals(consent)) {
      f.invalid.add(
          new FieldError("consent", "must be true: we need your agreement to process this report"));
    }
    refuse(f);
    return new Parsed(channel, victim, contact, incident);
  }

  /** A ticket's victim and incident as an analyst corrects them, before geography. */
  public record Facts(Victim victim, Incident incident) {}

  /**
   * Reads {@code victim} and {@code incident} of {@code root} with the same rules as a report's
   * ({@link #parse}): the correction of a ticket's facts ({@code PATCH …/facts}) is judged exactly
   * as intake judges them, with the same paths ({@code victim.communeCode}…).
   */
  public static Facts facts(JsonNode root, Instant now) {
    JsonFields f = new JsonFields();
    Victim victim = victim(f, f.object(root, "", "victim", true, VICTIM));
    Incident incident =
        IncidentFields.read(f, f.object(root, "", "incident", true, IncidentFields.KNOWN), now);
    refuse(f);
    return new Facts(victim, incident);
  }

  /** 400 with every problem when a field is malformed, else 422 when one breaks a rule. */
  private static void refuse(JsonFields f) {
    if (!f.malformed.isEmpty()) {
      List<FieldError> all = new ArrayList<>(f.malformed);
      all.addAll(f.invalid);
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "The report is malformed; see errors.", all);
    }
    if (!f.invalid.isEmpty()) {
      throw ProblemException.invalid(f.invalid);
    }
  }

  private static Victim victim(JsonFields f, JsonNode v) {
    if (v == null) {
      return null;
    }
    String p = "victim";
    VictimType type = f.enumeration(v, p, "type", VictimType.class, true);
    String name = f.text(v, p, "name", MAX_NAME, true, false);
    String siren = f.text(v, p, "siren", 9, type == VictimType.EPCI, false);
    if (siren != null && !Siren.isValid(siren)) {
      f.invalid.add(new FieldError("victim.siren", "is not a valid SIREN (9 digits, Luhn check)"));
    }
    String commune = f.text(v, p, "communeCode", 5, type == VictimType.COMMUNE, false);
    if (commune != null && !commune.matches("[0-9][0-9AB][0-9]{3}")) {
      f.invalid.add(
          new FieldError("victim.communeCode", "is not an INSEE commune code (e.g. 29212, 2A004)"));
    }
    Integer headcount = f.integer(v, p, "headcount", 0, 10_000_000);
    Nis2Status nis2 = f.enumeration(v, p, "nis2", Nis2Status.class, false);
    Boolean oiv = f.bool(v, p, "oiv", false);
    Boolean ose = f.bool(v, p, "ose", false);
    Sector sector = f.enumeration(v, p, "sector", Sector.class, false);
    Boolean hasItProvider = f.bool(v, p, "hasItProvider", false);
    Boolean insured = f.bool(v, p, "cyberInsured", false);
    return new Victim(
        type,
        name,
        siren,
        commune,
        null,
        null,
        null,
        headcount,
        nis2 == null ? Nis2Status.UNKNOWN : nis2,
        Boolean.TRUE.equals(oiv),
        Boolean.TRUE.equals(ose),
        sector,
        hasItProvider,
        insured);
  }

  private static Contact contact(JsonFields f, JsonNode c) {
    if (c == null) {
      return null;
    }
    String p = "contact";
    String name = f.text(c, p, "name", MAX_NAME, true, false);
    String role = f.text(c, p, "role", MAX_NAME, false, false);
    String email = f.text(c, p, "email", 254, false, false);
    if (email != null && !email.matches("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+")) {
      f.invalid.add(new FieldError("contact.email", "is not an e-mail address"));
    }
    String phone = f.text(c, p, "phone", 32, false, false);
    if (phone != null
        && !(phone.matches("\\+?[0-9 .()-]+")
            && phone.replaceAll("[^0-9]", "").length() >= 6
            && phone.replaceAll("[^0-9]", "").length() <= 15)) {
      f.invalid.add(new FieldError("contact.phone", "is not a phone number"));
    }
    if (absent(c.get("email")) && absent(c.get("phone"))) {
      f.invalid.add(
          new FieldError(
              "contact.phone", "give a phone number or an e-mail address so we can call you back"));
    }
    return new Contact(name, role, email, phone);
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull();
  }
}
