package fr.vigie.observables;

import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.notify.Outbox;
import fr.vigie.observables.internal.ExportBuilder;
import fr.vigie.observables.internal.ExportInput;
import fr.vigie.observables.internal.MispFormat;
import fr.vigie.observables.internal.StixFormat;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exports a ticket or a campaign as a MISP event or a STIX 2.1 bundle, and queues pushes to the
 * MISP instance (DESIGN.md §14). Nothing AMBER+STRICT or RED leaves unless the analyst names the
 * recipients; no victim name, contact, free text or follow-up token ever does. Every export and
 * push request is audited with its format and scope.
 */
@Singleton
public final class Sharing {

  /** Export formats. */
  public enum Format {
    MISP,
    STIX
  }

  private final Database database;
  private final Audit audit;
  private final Outbox outbox;
  private final Clock clock;
  private final SharingSettings settings;

  Sharing(Database database, Audit audit, Outbox outbox, Clock clock, SharingSettings settings) {
    this.database = database;
    this.audit = audit;
    this.outbox = outbox;
    this.clock = clock;
    this.settings = settings;
  }

  public Optional<Map<String, Object>> exportTicket(
      String reference, Format format, List<String> recipients, String actor) {
    return export(
        "ticket:" + reference,
        format,
        recipients,
        actor,
        c ->
            ExportBuilder.forTicket(
                c, reference, recipients, settings.organisation(), settings.pap()));
  }

  public Optional<Map<String, Object>> exportCampaign(
      long id, Format format, List<String> recipients, String actor) {
    return export(
        "campaign:" + id,
        format,
        recipients,
        actor,
        c -> ExportBuilder.forCampaign(c, id, recipients, settings.organisation(), settings.pap()));
  }

  private Optional<Map<String, Object>> export(
      String target,
      Format format,
      List<String> recipients,
      String actor,
      Database.Work<Optional<ExportInput>> work) {
    Optional<ExportInput> input;
    try {
      input = database.read(work);
    } catch (ExportBuilder.RecipientsRequired e) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  "recipients",
                  "the ticket is " + e.getMessage() + ": name the recipients to export it")));
    }
    if (input.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Map<String, Object> document =
        format == Format.MISP ? MispFormat.event(input.get()) : StixFormat.bundle(input.get(), now);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("format", format.name());
    details.put("tlp", input.get().tlp().name());
    details.put("observables", input.get().observables().size());
    details.put("recipients", recipients);
    audit.record(actor, "SHARING_EXPORTED", target, details);
    return Optional.of(document);
  }

  /** A queued push: the subject and the UUID of its one MISP event. */
  @io.micronaut.serde.annotation.Serdeable
  public record PushRequest(String subject, String eventUuid) {}

  /**
   * Queues a push of the subject's event; empty when there is no such subject. Without a MISP
   * instance configured the push waits in the outbox until one is (as e-mails wait for SMTP).
   */
  public Optional<PushRequest> push(String subject, String actor) {
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          Optional<ExportInput> input;
          try {
            input =
                subject.startsWith("ticket:")
                    ? ExportBuilder.forTicket(
                        c, subject.substring(7), List.of(), settings.organisation(), settings.pap())
                    : ExportBuilder.forCampaign(
                        c,
                        Long.parseLong(subject.substring(9)),
                        List.of(),
                        settings.organisation(),
                        settings.pap());
          } catch (ExportBuilder.RecipientsRequired e) {
            throw new ProblemException(
                HttpStatus.CONFLICT,
                "Ce dossier est " + e.getMessage() + " : il ne part pas vers MISP.",
                List.of());
          }
          if (input.isEmpty()) {
            return Optional.<PushRequest>empty();
          }
          String uuid = input.get().eventUuid().toString();
          try (var s =
              c.prepareStatement(
                  """
                  INSERT INTO misp_event (subject, event_uuid, requested_by, requested_at)
                  VALUES (?, ?::uuid, ?, ?) ON CONFLICT (subject) DO NOTHING
                  """)) {
            s.setString(1, subject);
            s.setString(2, uuid);
            s.setString(3, actor);
            s.setObject(4, now.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
          }
          queue(c, subject, "request:" + now.toEpochMilli(), now);
          audit.record(c, actor, "MISP_PUSH_REQUESTED", subject, Map.of("event", uuid));
          return Optional.of(new PushRequest(subject, uuid));
        });
  }

  /**
   * After a change to a ticket already shared (or to a shared campaign it is part of), queues the
   * push that adds the new attributes. In the caller's transaction.
   */
  void changed(Connection c, long ticketId, String reference, String why, Instant now)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            SELECT subject FROM misp_event WHERE subject = ?
            UNION
            SELECT m.subject FROM misp_event m JOIN campaign_ticket ct
              ON m.subject = 'campaign:' || ct.campaign_id WHERE ct.ticket_id = ?
            """)) {
      s.setString(1, "ticket:" + reference);
      s.setLong(2, ticketId);
      try (var r = s.executeQuery()) {
        while (r.next()) {
          queue(c, r.getString(1), why, now);
        }
      }
    }
  }

  private void queue(Connection c, String subject, String why, Instant now) throws SQLException {
    outbox.add(
        c,
        "misp:" + subject + ":" + why,
        Outbox.Channel.MISP,
        "MISP_PUSH",
        null,
        new Outbox.Recipient("misp", subject),
        Map.of("subject", subject),
        now);
  }
}
