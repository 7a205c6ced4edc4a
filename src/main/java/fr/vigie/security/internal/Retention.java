package fr.vigie.security.internal;

import fr.vigie.CsirtSettings;
import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import fr.vigie.security.RetentionView;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of personal data (DESIGN.md §9): {@code vigie.retention.personal-data} (default P18M)
 * after a ticket ended, its contact (name, role, e-mail, phone), its free text (description, notes,
 * call summaries, messages, reasons, the providers' notes on its referrals) and its observables are
 * erased, here and in the stored report; a private individual's name too. Files that came by e-mail
 * are deleted, and the senders, subjects and texts of its e-mails blanked. Statistics facts (type,
 * place, size, severity, dates, outcome, clocks) stay. A legal hold keeps everything until it is
 * lifted. Each purge is audited.
 *
 * <p>A ticket ended when it was closed ({@code closed_at}), or rejected or oriented (its last
 * change: an oriented ticket taken back starts again). A merged duplicate follows the ticket that
 * absorbed it: its data is shown on the survivor's page, so it is purged once the survivor has
 * been.
 *
 * <p>Outbox rows (notifications) name recipients, never their addresses, and carry no personal
 * data; only a delivery error, which may quote an address, is erased. The audit log holds no
 * personal data and is not touched.
 */
@Singleton
public final class Retention {

  /** What erased free text reads as: the timeline's schemas keep their string fields. */
  public static final String PURGED = "[purged]";

  static final List<String> FREE_TEXT_KEYS = List.of("text", "summary", "reason", "note");
  private static final int BATCH = 100;
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final Database database;
  private final Clock clock;
  private final Audit audit;
  private final Period period;

  Retention(
      Database database,
      Clock clock,
      Audit audit,
      CsirtSettings csirt,
      @Value("${vigie.retention.personal-data:P18M}") String period) {
    this.database = database;
    this.clock = clock;
    this.audit = audit;
    this.period = Period.parse(period);
    if (this.period.isNegative() || this.period.isZero()) {
      throw new IllegalStateException("vigie.retention.personal-data must be a positive period");
    }
  }

  public Period period() {
    return period;
  }

  @Scheduled(
      fixedDelay = "${vigie.retention.interval:1h}",
      initialDelay = "${vigie.retention.initial-delay:5m}")
  void scheduled() {
    int purged = purge();
    if (purged > 0) {
      LOG.info("Retention: personal data of {} ended tickets purged", purged);
    }
  }

  /** Purges every ticket due now; returns how many. Several instances share the work. */
  public int purge() {
    Instant cutoff = cutoff(clock.instant());
    int total = 0;
    while (true) {
      int purged = database.inTransaction(c -> batch(c, cutoff));
      total += purged;
      if (purged < BATCH) {
        return total;
      }
    }
  }

  /** Tickets that ended at or before this instant are due now. */
  Instant cutoff(Instant now) {
    return now.atOffset(ZoneOffset.UTC).minus(period).toInstant();
  }

  private int batch(Connection c, Instant cutoff) throws SQLException {
    List<Object[]> due = new ArrayList<>();
    try (var s =
        c.prepareStatement(
            "SELECT t.id, t.reference, coalesce(t.closed_at, t.updated_at) FROM ticket t"
                + " LEFT JOIN ticket_retention r ON r.ticket_id = t.id"
                + " WHERE t.status IN ('CLOSED', 'REJECTED', 'ORIENTED')"
                + " AND coalesce(t.closed_at, t.updated_at) <= ?"
                + " AND r.legal_hold IS NOT TRUE AND r.purged_at IS NULL"
                + " ORDER BY t.id LIMIT ? FOR UPDATE OF t SKIP LOCKED")) {
      s.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
      s.setInt(2, BATCH);
      collect(s, due);
    }
    if (due.size() < BATCH) {
      try (var s =
          c.prepareStatement(
              "SELECT d.id, d.reference, s.purged_at FROM ticket d"
                  + " JOIN ticket_retention s ON s.ticket_id = d.merged_into"
                  + " AND s.purged_at IS NOT NULL"
                  + " LEFT JOIN ticket_retention r ON r.ticket_id = d.id"
                  + " WHERE d.status = 'MERGED' AND r.legal_hold IS NOT TRUE AND r.purged_at IS NULL"
                  + " ORDER BY d.id LIMIT ? FOR UPDATE OF d SKIP LOCKED")) {
        s.setInt(1, BATCH - due.size());
        collect(s, due);
      }
    }
    for (Object[] ticket : due) {
      purge(c, (Long) ticket[0]);
      audit.record(
          c,
          "vigie:retention",
          "PERSONAL_DATA_PURGED",
          "ticket:" + ticket[1],
          Map.of("endedAt", ticket[2].toString(), "retention", period.toString()));
    }
    return due.size();
  }

  private static void collect(java.sql.PreparedStatement s, List<Object[]> due)
      throws SQLException {
    try (var rows = s.executeQuery()) {
      while (rows.next()) {
        due.add(
            new Object[] {
              rows.getLong(1),
              rows.getString(2),
              rows.getObject(3, OffsetDateTime.class).toInstant()
            });
      }
    }
  }

  private void purge(Connection c, long ticketId) throws SQLException {
    String keys = "ARRAY['" + String.join("', '", FREE_TEXT_KEYS) + "']";
    for (String sql :
        List.of(
            "UPDATE contact SET name = NULL, role = NULL, email = NULL, phone = NULL"
                + " WHERE ticket_id = ?",
            "UPDATE incident_detail SET description = NULL, observables = '[]' WHERE ticket_id = ?",
            "UPDATE ticket_event SET details = (SELECT jsonb_object_agg(k, CASE WHEN k = ANY ("
                + keys
                + ") AND jsonb_typeof(v) = 'string' THEN to_jsonb('"
                + PURGED
                + "'::text) ELSE v END) FROM jsonb_each(details) AS e(k, v))"
                + " WHERE ticket_id = ? AND jsonb_exists_any(details, "
                + keys
                + ")",
            "UPDATE ticket SET status_reason = CASE WHEN status_reason IS NULL THEN NULL ELSE '"
                + PURGED
                + "' END, triage_override = CASE WHEN jsonb_exists(triage_override, 'reason')"
                + " THEN jsonb_set(triage_override, '{reason}', to_jsonb('"
                + PURGED
                + "'::text)) ELSE triage_override END WHERE id = ?",
            // A mail server's refusal may quote the victim's address.
            "UPDATE outbox SET last_error = NULL WHERE ticket_id = ? AND last_error IS NOT NULL",
            // The desk's mailbox (issue 20): files that came by e-mail go, with the senders,
            // subjects and texts of the e-mails read and of the replies kept for review.
            "DELETE FROM mail_attachment WHERE ticket_id = ?",
            "UPDATE mail_message SET sender = NULL, subject = NULL WHERE ticket_id = ?",
            "UPDATE mail_review SET sender = NULL, subject = NULL, body = NULL"
                + " WHERE ticket_id = ?",
            // A provider's notes on the case (accepting, declining, completing).
            "UPDATE referral SET note = '" + PURGED + "' WHERE ticket_id = ? AND note IS NOT NULL",
            "UPDATE victim SET name = '"
                + PURGED
                + "' WHERE ticket_id = ? AND type = 'PARTICULIER'",
            "UPDATE report r SET client_ip_hash = NULL, payload = jsonb_set(jsonb_set(jsonb_set("
                + "CASE WHEN r.payload #>> '{victim,type}' = 'PARTICULIER'"
                + " THEN jsonb_set(r.payload, '{victim,name}', to_jsonb('"
                + PURGED
                + "'::text)) ELSE r.payload END,"
                + " '{contact}', '{\"name\": null, \"role\": null, \"email\": null,"
                + " \"phone\": null}'),"
                + " '{incident,description}', 'null'), '{incident,observables}', '[]')"
                + " FROM ticket t WHERE t.id = ? AND r.id = t.report_id")) {
      try (var s = c.prepareStatement(sql)) {
        s.setLong(1, ticketId);
        s.executeUpdate();
      }
    }
    try (var s =
        c.prepareStatement(
            "INSERT INTO ticket_retention (ticket_id, purged_at) VALUES (?, ?)"
                + " ON CONFLICT (ticket_id) DO UPDATE SET purged_at = excluded.purged_at")) {
      s.setLong(1, ticketId);
      s.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
      s.executeUpdate();
    }
  }

  /** The retention state of a ticket; empty when there is no such ticket. */
  public Optional<RetentionView> view(String reference) {
    return database.read(c -> view(c, reference));
  }

  /** Sets or lifts the legal hold, audited; empty when there is no such ticket. */
  public Optional<RetentionView> hold(String reference, boolean hold, String reason, String actor) {
    return database.inTransaction(
        c -> {
          Long id;
          try (var s = c.prepareStatement("SELECT id FROM ticket WHERE reference = ? FOR UPDATE")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              id = rows.next() ? rows.getLong(1) : null;
            }
          }
          if (id == null) {
            return Optional.empty();
          }
          try (var s =
              c.prepareStatement(
                  "INSERT INTO ticket_retention (ticket_id, legal_hold, legal_hold_reason,"
                      + " legal_hold_by, legal_hold_at) VALUES (?, ?, ?, ?, ?)"
                      + " ON CONFLICT (ticket_id) DO UPDATE SET legal_hold = excluded.legal_hold,"
                      + " legal_hold_reason = excluded.legal_hold_reason,"
                      + " legal_hold_by = excluded.legal_hold_by,"
                      + " legal_hold_at = excluded.legal_hold_at")) {
            s.setLong(1, id);
            s.setBoolean(2, hold);
            s.setString(3, reason);
            s.setString(4, actor);
            s.setObject(5, clock.instant().atOffset(ZoneOffset.UTC));
            s.executeUpdate();
          }
          // The reason is not copied: it may name people, and the audit log is kept for ever.
          audit.record(
              c,
              actor,
              hold ? "LEGAL_HOLD_SET" : "LEGAL_HOLD_LIFTED",
              "ticket:" + reference,
              Map.of());
          return view(c, reference);
        });
  }

  private Optional<RetentionView> view(Connection c, String reference) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT t.reference, coalesce(r.legal_hold, false), r.legal_hold_reason,"
                + " r.legal_hold_by, r.legal_hold_at,"
                + " CASE WHEN t.status IN ('CLOSED', 'REJECTED', 'ORIENTED')"
                + " THEN coalesce(t.closed_at, t.updated_at) END, r.purged_at"
                + " FROM ticket t LEFT JOIN ticket_retention r ON r.ticket_id = t.id"
                + " WHERE t.reference = ?")) {
      s.setString(1, reference);
      try (var rows = s.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        Instant ended = instant(rows.getObject(6, OffsetDateTime.class));
        return Optional.of(
            new RetentionView(
                rows.getString(1),
                rows.getBoolean(2),
                rows.getString(3),
                rows.getString(4),
                instant(rows.getObject(5, OffsetDateTime.class)),
                ended,
                ended == null ? null : ended.atOffset(ZoneOffset.UTC).plus(period).toInstant(),
                instant(rows.getObject(7, OffsetDateTime.class))));
      }
    }
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
