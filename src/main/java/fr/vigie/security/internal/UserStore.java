package fr.vigie.security.internal;

import fr.vigie.db.Database;
import fr.vigie.http.Problem;
import fr.vigie.http.ProblemException;
import fr.vigie.security.Role;
import fr.vigie.security.StaffUser;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code app_user} table and the sessions of its users. */
@Singleton
final class UserStore {

  private static final String COLUMNS =
      "id, username, roles, provider_id, enabled, email, locked_until, created_at, password_hash,"
          + " token_version";

  private final Database database;

  UserStore(Database database) {
    this.database = database;
  }

  /** A user with what only this module sees: the hash and the current session version. */
  record Row(StaffUser user, String passwordHash, int tokenVersion) {}

  /** Inserts the user unless the name is taken; empty when it is. */
  Optional<StaffUser> insert(
      Connection c,
      String username,
      String passwordHash,
      List<Role> roles,
      Long providerId,
      String email,
      Instant now)
      throws SQLException {
    requireProvider(c, providerId);
    try (var insert =
        c.prepareStatement(
            "INSERT INTO app_user (username, password_hash, roles, provider_id, email, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING"
                + " RETURNING "
                + COLUMNS)) {
      insert.setString(1, username);
      insert.setString(2, passwordHash);
      insert.setArray(3, roleArray(c, roles));
      insert.setObject(4, providerId);
      insert.setString(5, email);
      insert.setObject(6, now.atOffset(ZoneOffset.UTC));
      try (var rows = insert.executeQuery()) {
        return rows.next() ? Optional.of(map(rows).user()) : Optional.empty();
      }
    }
  }

  /** Refuses (422) a provider id that names no provider. */
  private static void requireProvider(Connection c, Long providerId) throws SQLException {
    if (providerId == null) {
      return;
    }
    try (var s = c.prepareStatement("SELECT 1 FROM provider WHERE id = ?")) {
      s.setLong(1, providerId);
      try (var rows = s.executeQuery()) {
        if (!rows.next()) {
          throw ProblemException.invalid(
              List.of(new Problem.FieldError("providerId", "no such provider")));
        }
      }
    }
  }

  Optional<Row> byUsername(String username) {
    return database.read(c -> byUsername(c, username, false));
  }

  Optional<Row> byUsername(Connection c, String username, boolean lock) throws SQLException {
    try (var select =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM app_user WHERE username = ?"
                + (lock ? " FOR UPDATE" : ""))) {
      select.setString(1, username);
      try (var rows = select.executeQuery()) {
        return rows.next() ? Optional.of(map(rows)) : Optional.empty();
      }
    }
  }

  Optional<Row> byId(Connection c, long id, boolean lock) throws SQLException {
    try (var select =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM app_user WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
      select.setLong(1, id);
      try (var rows = select.executeQuery()) {
        return rows.next() ? Optional.of(map(rows)) : Optional.empty();
      }
    }
  }

  /**
   * Writes an administrator's change; a new {@code passwordHash} (null keeps the current one) also
   * clears a lockout. With {@code endSessions}, every token issued so far stops working.
   */
  void update(
      Connection c,
      long id,
      List<Role> roles,
      Long providerId,
      boolean enabled,
      String email,
      String passwordHash,
      boolean endSessions,
      Instant now)
      throws SQLException {
    requireProvider(c, providerId);
    try (var update =
        c.prepareStatement(
            "UPDATE app_user SET roles = ?, provider_id = ?, enabled = ?, email = ?,"
                + " password_hash = coalesce(?, password_hash),"
                + " failed_logins = CASE WHEN ?::text IS NULL THEN failed_logins ELSE 0 END,"
                + " first_failed_at = CASE WHEN ?::text IS NULL THEN first_failed_at END,"
                + " locked_until = CASE WHEN ?::text IS NULL THEN locked_until END,"
                + " token_version = token_version + CASE WHEN ? THEN 1 ELSE 0 END,"
                + " updated_at = ? WHERE id = ?")) {
      update.setArray(1, roleArray(c, roles));
      update.setObject(2, providerId);
      update.setBoolean(3, enabled);
      update.setString(4, email);
      update.setString(5, passwordHash);
      update.setString(6, passwordHash);
      update.setString(7, passwordHash);
      update.setString(8, passwordHash);
      update.setBoolean(9, endSessions);
      update.setObject(10, now.atOffset(ZoneOffset.UTC));
      update.setLong(11, id);
      update.executeUpdate();
    }
    if (endSessions) {
      revokeRefreshTokens(c, id, now);
    }
  }

  /** Ends every session of the user: its tokens carry the old version, its refresh tokens die. */
  void endSessions(Connection c, long id, Instant now) throws SQLException {
    try (var update =
        c.prepareStatement("UPDATE app_user SET token_version = token_version + 1 WHERE id = ?")) {
      update.setLong(1, id);
      update.executeUpdate();
    }
    revokeRefreshTokens(c, id, now);
  }

  private static void revokeRefreshTokens(Connection c, long id, Instant now) throws SQLException {
    try (var revoke =
        c.prepareStatement(
            "UPDATE refresh_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")) {
      revoke.setObject(1, now.atOffset(ZoneOffset.UTC));
      revoke.setLong(2, id);
      revoke.executeUpdate();
    }
  }

  /**
   * Counts a failed login within the window that started at the first failure; at {@code max}
   * failures the account is locked for {@code lockFor}. Returns true when this failure locked it.
   */
  boolean recordFailure(
      Connection c, long id, Instant now, Duration window, int max, Duration lockFor)
      throws SQLException {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    int failures;
    try (var update =
        c.prepareStatement(
            "UPDATE app_user SET"
                + " failed_logins = CASE WHEN first_failed_at IS NULL OR first_failed_at <= ?"
                + " THEN 1 ELSE failed_logins + 1 END,"
                + " first_failed_at = CASE WHEN first_failed_at IS NULL OR first_failed_at <= ?"
                + " THEN ? ELSE first_failed_at END"
                + " WHERE id = ? RETURNING failed_logins")) {
      OffsetDateTime windowStart = now.minus(window).atOffset(ZoneOffset.UTC);
      update.setObject(1, windowStart);
      update.setObject(2, windowStart);
      update.setObject(3, at);
      update.setLong(4, id);
      try (var rows = update.executeQuery()) {
        rows.next();
        failures = rows.getInt(1);
      }
    }
    if (failures < max) {
      return false;
    }
    try (var lock =
        c.prepareStatement(
            "UPDATE app_user SET locked_until = ?, failed_logins = 0, first_failed_at = NULL"
                + " WHERE id = ?")) {
      lock.setObject(1, now.plus(lockFor).atOffset(ZoneOffset.UTC));
      lock.setLong(2, id);
      lock.executeUpdate();
    }
    return true;
  }

  void clearFailures(Connection c, long id) throws SQLException {
    try (var update =
        c.prepareStatement(
            "UPDATE app_user SET failed_logins = 0, first_failed_at = NULL, locked_until = NULL"
                + " WHERE id = ? AND (failed_logins > 0 OR locked_until IS NOT NULL)")) {
      update.setLong(1, id);
      update.executeUpdate();
    }
  }

  /** Enabled administrators other than {@code exceptId}: the last one may not be removed. */
  long otherEnabledAdmins(Connection c, long exceptId) throws SQLException {
    try (var select =
        c.prepareStatement(
            "SELECT count(*) FROM app_user WHERE enabled AND 'ADMIN' = ANY (roles) AND id <> ?")) {
      select.setLong(1, exceptId);
      try (var rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** The session version of an enabled user, for the check of every staff request. */
  Optional<Integer> sessionVersion(String username) {
    return database.read(
        c -> {
          try (var select =
              c.prepareStatement(
                  "SELECT token_version FROM app_user WHERE username = ? AND enabled")) {
            select.setString(1, username);
            try (var rows = select.executeQuery()) {
              return rows.next() ? Optional.of(rows.getInt(1)) : Optional.empty();
            }
          }
        });
  }

  List<StaffUser> page(int page, int size) {
    return database.read(
        c -> {
          try (var select =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM app_user ORDER BY username LIMIT ? OFFSET ?")) {
            select.setInt(1, size);
            select.setLong(2, (long) page * size);
            List<StaffUser> users = new ArrayList<>();
            try (var rows = select.executeQuery()) {
              while (rows.next()) {
                users.add(map(rows).user());
              }
            }
            return users;
          }
        });
  }

  long count() {
    return database.read(
        c -> {
          try (var rows = c.createStatement().executeQuery("SELECT count(*) FROM app_user")) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  private static Array roleArray(Connection c, List<Role> roles) throws SQLException {
    return c.createArrayOf("text", roles.stream().map(Role::name).toArray());
  }

  private static Row map(ResultSet rows) throws SQLException {
    List<Role> roles =
        Arrays.stream((String[]) rows.getArray("roles").getArray()).map(Role::valueOf).toList();
    OffsetDateTime locked = rows.getObject("locked_until", OffsetDateTime.class);
    StaffUser user =
        new StaffUser(
            rows.getLong("id"),
            rows.getString("username"),
            roles,
            (Long) rows.getObject("provider_id"),
            rows.getBoolean("enabled"),
            rows.getString("email"),
            locked == null ? null : locked.toInstant(),
            rows.getObject("created_at", OffsetDateTime.class).toInstant());
    return new Row(user, rows.getString("password_hash"), rows.getInt("token_version"));
  }
}
