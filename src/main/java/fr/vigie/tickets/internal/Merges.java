package fr.vigie.tickets.internal;

import fr.vigie.db.Database;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.tickets.Lifecycle;
import fr.vigie.tickets.TicketStatus;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Merges a duplicate into the ticket that survives: the duplicate becomes MERGED and points to it;
 * its timeline shows on the survivor for the staff; its victim's token keeps working and shows its
 * own report with the status of the case it joined (issue 16, finding 3). Reports of two different
 * victims ({@link #sameVictim}) are merged only with {@code confirmDifferentVictims}, written on
 * both timelines. Both rows are locked in id order, so crossed merges cannot deadlock.
 */
@Singleton
public final class Merges {

  private static final Set<TicketStatus> FINAL =
      Set.of(TicketStatus.CLOSED, TicketStatus.REJECTED, TicketStatus.MERGED);

  private final Database database;
  private final Clock clock;
  private final ChangeListeners listeners;

  Merges(Database database, Clock clock, ChangeListeners listeners) {
    this.database = database;
    this.clock = clock;
    this.listeners = listeners;
  }

  /** False when the duplicate does not exist. */
  public boolean merge(
      String duplicate,
      String into,
      boolean confirmDifferentVictims,
      Integer expectedVersion,
      String actor) {
    if (into == null || into.equals(duplicate)) {
      throw ProblemException.invalid(
          List.of(new FieldError("into", "the reference of another ticket")));
    }
    return database.inTransaction(
        c -> {
          lockInIdOrder(c, duplicate, into);
          var dup = TicketWorkflow.lock(c, duplicate);
          if (dup.isEmpty()) {
            return false;
          }
          var target = TicketWorkflow.lock(c, into);
          if (target.isEmpty()) {
            throw ProblemException.invalid(List.of(new FieldError("into", "no such ticket")));
          }
          Versions.check(expectedVersion, dup.get().version());
          var allowed =
              Lifecycle.allowed(
                  dup.get().status(),
                  dup.get().resumeStatus(),
                  dup.get().closedAt(),
                  clock.instant());
          if (!allowed.contains(TicketStatus.MERGED)) {
            throw new ProblemException(
                HttpStatus.CONFLICT, "A " + dup.get().status() + " ticket cannot be merged.");
          }
          if (FINAL.contains(target.get().status())) {
            throw new ProblemException(
                HttpStatus.CONFLICT,
                "Merge into an open ticket, not a " + target.get().status() + " one.",
                List.of(new FieldError("into", "is " + target.get().status())));
          }
          boolean same = sameVictim(victim(c, dup.get().id()), victim(c, target.get().id()));
          if (!same && !confirmDifferentVictims) {
            throw ProblemException.invalid(
                List.of(
                    new FieldError(
                        "confirmDifferentVictims",
                        "the two reports are about different victims; set it to true to merge"
                            + " them anyway (each reporter keeps seeing only its own report)")));
          }
          apply(c, dup.get().id(), target.get().id());
          var now = clock.instant();
          if (same) {
            TimelineWriter.append(c, dup.get().id(), now, actor, "MERGED_INTO", "into", into);
            TimelineWriter.append(
                c, target.get().id(), now, actor, "MERGED_FROM", "duplicate", duplicate);
          } else {
            TimelineWriter.append(
                c,
                dup.get().id(),
                now,
                actor,
                "MERGED_INTO",
                "into",
                into,
                "differentVictims",
                true);
            TimelineWriter.append(
                c,
                target.get().id(),
                now,
                actor,
                "MERGED_FROM",
                "duplicate",
                duplicate,
                "differentVictims",
                true);
          }
          listeners.changed(c, dup.get().id());
          listeners.changed(c, target.get().id());
          return true;
        });
  }

  /** What identifies a victim organisation: type, SIREN, commune and name. */
  record VictimIdentity(String type, String siren, String communeCode, String name) {}

  /**
   * Whether two reports are about the same victim: the same SIREN when both have one; else the same
   * type and commune, and for anything but a commune the same name (letters and digits, ignoring
   * case and accents). Two employees of the Mairie de Quimper are one victim; the Mairie de Quimper
   * and the Mairie de Morlaix are two.
   */
  static boolean sameVictim(VictimIdentity a, VictimIdentity b) {
    if (a == null || b == null) {
      return false;
    }
    if (a.siren() != null && b.siren() != null) {
      return a.siren().equals(b.siren());
    }
    if (!a.type().equals(b.type()) || !java.util.Objects.equals(a.communeCode(), b.communeCode())) {
      return false;
    }
    return a.type().equals("COMMUNE") && a.communeCode() != null
        || letters(a.name()).equals(letters(b.name()));
  }

  private static String letters(String name) {
    return java.text.Normalizer.normalize(name == null ? "" : name, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "");
  }

  private static VictimIdentity victim(Connection c, long ticketId) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT type, siren, commune_code, name FROM victim WHERE ticket_id = ?")) {
      s.setLong(1, ticketId);
      try (var rows = s.executeQuery()) {
        return rows.next()
            ? new VictimIdentity(
                rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4))
            : null;
      }
    }
  }

  private void apply(Connection c, long duplicate, long target) throws SQLException {
    try (var s =
        c.prepareStatement(
            "UPDATE ticket SET status = 'MERGED', merged_into = ?, resume_status = NULL,"
                + " updated_at = ?, version = version + 1 WHERE id = ?")) {
      s.setLong(1, target);
      s.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
      s.setLong(3, duplicate);
      s.executeUpdate();
    }
    // The survivor changed too (new history): whoever edits it from an older read gets a 412.
    try (var s =
        c.prepareStatement(
            "UPDATE ticket SET updated_at = ?, version = version + 1 WHERE id = ?")) {
      s.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
      s.setLong(2, target);
      s.executeUpdate();
    }
  }

  private static void lockInIdOrder(Connection c, String a, String b) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT id FROM ticket WHERE reference IN (?, ?) ORDER BY id FOR UPDATE")) {
      s.setString(1, a);
      s.setString(2, b);
      s.executeQuery().close();
    }
  }
}
