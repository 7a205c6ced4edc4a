package fr.vigie.security.internal;

import fr.vigie.db.Database;
import fr.vigie.security.Role;
import fr.vigie.security.StaffUser;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code app_user} table. */
@Singleton
final class UserStore {

  private static final String COLUMNS =
      "id, username, roles, provider_id, enabled, created_at, password_hash";

  private final Database database;

  UserStore(Database database) {
    this.database = database;
  }

  record Row(StaffUser user, String passwordHash) {}

  /** Inserts the user unless the name is taken; empty when it is. */
  Optional<StaffUser> insert(
      String username, String passwordHash, List<Role> roles, Long providerId, Instant now) {
    return database.inTransaction(
        c -> {
          if (providerId != null) {
            try (var s = c.prepareStatement("SELECT 1 FROM provider WHERE id = ?")) {
              s.setLong(1, providerId);
              try (var rows = s.executeQuery()) {
                if (!rows.next()) {
                  throw fr.vigie.http.ProblemException.invalid(
                      List.of(
                          new fr.vigie.http.Problem.FieldError("providerId", "no such provider")));
                }
              }
            }
          }
          try (var insert =
              c.prepareStatement(
                  "INSERT INTO app_user (username, password_hash, roles, provider_id, created_at)"
                      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING"
                      + " RETURNING "
                      + COLUMNS)) {
            insert.setString(1, username);
            insert.setString(2, passwordHash);
            insert.setArray(3, roleArray(c, roles));
            insert.setObject(4, providerId);
            insert.setObject(5, now.atOffset(ZoneOffset.UTC));
            try (var rows = insert.executeQuery()) {
              return rows.next() ? Optional.of(map(rows).user()) : Optional.empty();
            }
          }
        });
  }

  Optional<Row> byUsername(String username) {
    return database.read(
        c -> {
          try (var select =
              c.prepareStatement("SELECT " + COLUMNS + " FROM app_user WHERE username = ?")) {
            select.setString(1, username);
            try (var rows = select.executeQuery()) {
              return rows.next() ? Optional.of(map(rows)) : Optional.empty();
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
    StaffUser user =
        new StaffUser(
            rows.getLong("id"),
            rows.getString("username"),
            roles,
            (Long) rows.getObject("provider_id"),
            rows.getBoolean("enabled"),
            rows.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    return new Row(user, rows.getString("password_hash"));
  }
}
