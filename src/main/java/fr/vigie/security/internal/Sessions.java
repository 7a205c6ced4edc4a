package fr.vigie.security.internal;

import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Exchanges a refresh token for a new session: the token is used up (rotated) and the user is read
 * again, so the new access token carries the account as it is now. A used or revoked token
 * presented again means it was copied: the whole session ends (OAuth 2.0 Security BCP, refresh
 * token rotation with reuse detection).
 */
@Singleton
final class Sessions {

  private final Database database;
  private final UserStore store;
  private final Clock clock;
  private final Audit audit;

  Sessions(Database database, UserStore store, Clock clock, Audit audit) {
    this.database = database;
    this.store = store;
    this.clock = clock;
    this.audit = audit;
  }

  /** The user a valid refresh token belongs to, the token now used; empty otherwise. */
  Optional<Users.Login> refresh(String refreshToken) {
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          long tokenId;
          long userId;
          int version;
          OffsetDateTime expires;
          OffsetDateTime revoked;
          try (var select =
              c.prepareStatement(
                  "SELECT id, user_id, token_version, expires_at, revoked_at FROM refresh_token"
                      + " WHERE token_hash = ? FOR UPDATE")) {
            select.setBytes(1, RefreshTokens.sha256(refreshToken));
            try (var rows = select.executeQuery()) {
              if (!rows.next()) {
                return Optional.empty();
              }
              tokenId = rows.getLong(1);
              userId = rows.getLong(2);
              version = rows.getInt(3);
              expires = rows.getObject(4, OffsetDateTime.class);
              revoked = rows.getObject(5, OffsetDateTime.class);
            }
          }
          Optional<UserStore.Row> user = store.byId(c, userId, true);
          if (user.isEmpty()) {
            return Optional.empty();
          }
          String username = user.get().user().username();
          boolean current = user.get().tokenVersion() == version;
          if (revoked != null) {
            if (current) {
              store.endSessions(c, userId, now);
              audit.record(
                  c,
                  "vigie",
                  "REFRESH_TOKEN_REUSED",
                  "user:" + username,
                  Map.of("sessionsEnded", true));
            }
            return Optional.empty();
          }
          if (!current || !expires.toInstant().isAfter(now) || !user.get().user().enabled()) {
            return Optional.empty();
          }
          try (var use =
              c.prepareStatement("UPDATE refresh_token SET revoked_at = ? WHERE id = ?")) {
            use.setObject(1, now.atOffset(ZoneOffset.UTC));
            use.setLong(2, tokenId);
            use.executeUpdate();
          }
          audit.record(c, username, "TOKEN_REFRESHED", "user:" + username, Map.of());
          return Optional.of(new Users.Login(user.get().user(), version));
        });
  }

  /** The authentication a login or refresh puts in the new tokens. */
  static Authentication authentication(Users.Login login) {
    return LoginAuthenticationProvider.success(login).getAuthentication().orElseThrow();
  }
}
