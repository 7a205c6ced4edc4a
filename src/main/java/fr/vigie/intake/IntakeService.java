package fr.vigie.intake;

import fr.vigie.db.Database;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.StrictJson;
import fr.vigie.intake.internal.FollowUpTokens;
import fr.vigie.intake.internal.ReportParser;
import fr.vigie.intake.internal.ReportStore;
import fr.vigie.intake.internal.VictimLocator;
import fr.vigie.security.Secrets;
import fr.vigie.tickets.Classification;
import fr.vigie.tickets.NewTicket;
import fr.vigie.tickets.OpenedTicket;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.Tickets;
import fr.vigie.triage.Diagnosis;
import fr.vigie.triage.TriageService;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * Takes a report from the public form (DESIGN.md §10): reads it strictly, locates the victim, then
 * in one transaction stores the raw report and opens its ticket. Either all of it is committed or
 * nothing is. The same {@code Idempotency-Key} with the same body answers with the same ticket;
 * with another body it is refused.
 */
@Singleton
public final class IntakeService {

  private final Database database;
  private final Tickets tickets;
  private final ReportStore reports;
  private final VictimLocator locator;
  private final JsonMapper json;
  private final Clock clock;
  private final Secrets secrets;
  private final TriageService triage;
  private volatile FollowUpTokens tokens;

  IntakeService(
      Database database,
      Tickets tickets,
      ReportStore reports,
      VictimLocator locator,
      JsonMapper json,
      Clock clock,
      Secrets secrets,
      TriageService triage) {
    this.database = database;
    this.tickets = tickets;
    this.reports = reports;
    this.locator = locator;
    this.json = json;
    this.clock = clock;
    this.secrets = secrets;
    this.triage = triage;
  }

  /** The outcome of a submission: its receipt, and whether it replays an earlier one. */
  public record Submission(Receipt receipt, boolean replayed) {}

  public Submission submit(byte[] body, String idempotencyKey, String clientAddress) {
    if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7E]{8,128}")) {
      throw ProblemException.malformed(
          "Idempotency-Key", "must be 8 to 128 visible ASCII characters, e.g. a UUID");
    }
    Instant now = clock.instant();
    Assessed assessed = assess(body, now);
    ReportParser.Parsed parsed = assessed.parsed();
    Classification classification = assessed.classification();
    Diagnosis diagnosis = assessed.diagnosis();
    String canonical = new String(write(parsed), StandardCharsets.UTF_8);
    String payloadHash = sha256(canonical);
    FollowUpTokens tokens = tokens();
    String token =
        idempotencyKey == null ? tokens.random() : tokens.forReplay(idempotencyKey, payloadHash);
    String clientHash = clientAddress == null ? null : tokens.clientHash(clientAddress);
    return database.inTransaction(
        c -> {
          OptionalLong reportId =
              reports.insert(
                  c, parsed.channel(), canonical, payloadHash, now, clientHash, idempotencyKey);
          if (reportId.isEmpty()) {
            return replay(c, idempotencyKey, payloadHash, token, parsed.incident().threat());
          }
          OpenedTicket ticket =
              tickets.open(
                  c,
                  new NewTicket(
                      reportId.getAsLong(),
                      now,
                      FollowUpTokens.hash(token),
                      assessed.victim(),
                      parsed.contact(),
                      parsed.incident(),
                      classification,
                      "intake:" + parsed.channel().name()));
          return new Submission(
              Receipt.of(ticket.reference(), token, ticket.status(), diagnosis), false);
        });
  }

  /** What an e-mail tells about a new case: its sender and its words, nothing else is known. */
  public record EmailReport(
      Instant receivedAt, String senderName, String senderAddress, String subject, String text) {}

  /** What an e-mailed report leaves for the analyst to find out before a real triage. */
  public static final List<String> UNKNOWN_FROM_EMAIL =
      List.of(
          "victim.type",
          "victim.name",
          "victim.communeCode",
          "incident.threat",
          "incident.discoveredAt");

  /** The victim's name until an analyst qualifies the report (never the sender's address). */
  public static final String UNQUALIFIED_VICTIM = "À qualifier (signalement reçu par e-mail)";

  /**
   * Opens a ticket for an e-mail that names no ticket (DESIGN.md §13), in the caller's transaction
   * (the one that records the e-mail as read): the same raw report and ticket as the form's, with
   * channel {@code EMAIL}, the sender as contact, the subject and text as description, status
   * {@code NEW} and everything else unknown. Triage runs on those unknowns, but no orientation or
   * legal deadline is drawn from them (they would be guesses): the analyst qualifies first, and the
   * timeline says so ({@code QUALIFICATION_NEEDED}).
   */
  public OpenedTicket openFromEmail(java.sql.Connection c, EmailReport email)
      throws java.sql.SQLException {
    String name = email.senderName() == null ? email.senderAddress() : email.senderName();
    fr.vigie.tickets.Contact contact =
        new fr.vigie.tickets.Contact(
            truncate(name, 200), null, truncate(email.senderAddress(), 254), null);
    fr.vigie.tickets.Victim victim =
        new fr.vigie.tickets.Victim(
            fr.vigie.tickets.VictimType.ENTREPRISE,
            UNQUALIFIED_VICTIM,
            null,
            null,
            null,
            null,
            null,
            null,
            fr.vigie.tickets.Nis2Status.UNKNOWN,
            false,
            false,
            null,
            null,
            null);
    String subject = email.subject() == null ? "" : email.subject();
    String description = truncate("Objet : " + subject + "\n\n" + email.text(), 10_000);
    fr.vigie.tickets.Incident incident =
        new fr.vigie.tickets.Incident(
            Threat.UNKNOWN,
            email.receivedAt().atOffset(java.time.ZoneOffset.UTC),
            null,
            null,
            null,
            List.of(),
            null,
            null,
            null,
            null,
            null,
            description,
            List.of());
    Classification computed =
        triage.classify(victim, fr.vigie.triage.Locality.NONE, incident, email.receivedAt());
    List<String> factors = new java.util.ArrayList<>(computed.factors());
    factors.add(0, "received by e-mail: to be qualified by an analyst before triage");
    Classification classification =
        new Classification(
            computed.kind(),
            computed.severity(),
            computed.impact(),
            computed.criticality(),
            computed.rsitClass(),
            computed.rsitType(),
            computed.nis2(),
            // Sent to the desk's own mailbox: in constituency until an analyst finds otherwise.
            true,
            factors,
            List.of(),
            List.of());
    ReportParser.Parsed parsed = new ReportParser.Parsed(Channel.EMAIL, victim, contact, incident);
    String canonical = new String(write(parsed), StandardCharsets.UTF_8);
    long reportId =
        reports
            .insert(c, Channel.EMAIL, canonical, sha256(canonical), email.receivedAt(), null, null)
            .orElseThrow();
    return tickets.open(
        c,
        new NewTicket(
            reportId,
            email.receivedAt(),
            FollowUpTokens.hash(tokens().random()),
            victim,
            contact,
            incident,
            classification,
            "intake:EMAIL"));
  }

  private static String truncate(String text, int max) {
    if (text == null || text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  /** What a report means, without storing anything: {@code POST /api/v1/intake/diagnosis}. */
  public Diagnosis diagnose(byte[] body) {
    return assess(body, clock.instant()).diagnosis();
  }

  private record Assessed(
      ReportParser.Parsed parsed,
      fr.vigie.tickets.Victim victim,
      Classification classification,
      Diagnosis diagnosis) {}

  /** Reads, locates and triages a report: everything short of storing it. */
  private Assessed assess(byte[] body, Instant now) {
    ReportParser.Parsed parsed = ReportParser.parse(readJson(body), now);
    VictimLocator.Located located = locator.locate(parsed.victim());
    Classification classification =
        triage.classify(located.victim(), located.locality(), parsed.incident(), now);
    return new Assessed(
        parsed,
        located.victim(),
        classification,
        triage.diagnosis(classification, parsed.incident().threat()));
  }

  private Submission replay(
      java.sql.Connection c, String key, String payloadHash, String token, Threat threat)
      throws java.sql.SQLException {
    ReportStore.Earlier earlier =
        reports
            .byIdempotencyKey(c, key)
            .orElseThrow(() -> new IllegalStateException("idempotency key vanished"));
    if (!earlier.payloadHash().equals(payloadHash)) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "This Idempotency-Key was already used for a different report.",
          List.of(new FieldError("Idempotency-Key", "already used with another body")));
    }
    // The triage stored at the first submission, not a new one: the answer must not change.
    Diagnosis diagnosis = triage.diagnosis(readClassification(earlier.triage()), threat);
    return new Submission(
        Receipt.of(earlier.reference(), token, earlier.status(), diagnosis), true);
  }

  /** The body as a JSON tree: valid UTF-8, valid JSON, no key given twice (400 otherwise). */
  JsonNode readJson(byte[] body) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      throw ProblemException.malformed("", "The body is not valid UTF-8.");
    }
    JsonNode root;
    try {
      root = json.readValue(body, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      throw ProblemException.malformed("", "The body is not valid JSON.");
    }
    // The tree keeps the last of two equal keys: a body saying "consent" twice is refused.
    StrictJson.Findings findings = StrictJson.check(body, null);
    if (!findings.malformed().isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "The report is malformed; see errors.", findings.malformed());
    }
    return root;
  }

  private Classification readClassification(String json) {
    try {
      return this.json.readValue(json, Classification.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] write(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private FollowUpTokens tokens() {
    FollowUpTokens current = tokens;
    if (current == null) {
      current = new FollowUpTokens(secrets.get("follow-up"));
      tokens = current;
    }
    return current;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
