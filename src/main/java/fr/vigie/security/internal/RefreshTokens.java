package fr.vigie.security.internal;

import fr.vigie.db.Database;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.event.RefreshTokenGeneratedEvent;
import io.micronaut.security.token.generator.RefreshTokenGenerator;
import io.micronaut.security.token.refresh.RefreshTokenPersistence;
import io.micronaut.security.token.validator.RefreshTokenValidator;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Refresh tokens: 256 random bits, opaque, stored as their SHA-256 with the user and session
 * version they belong to, so that a dump of the database opens no session and a logout revokes
 * them. Each is used once: {@code POST /oauth/access_token} rotates it ({@link TokenController}).
 */
@Singleton
final class RefreshTokens
    implements RefreshTokenGenerator, RefreshTokenValidator, RefreshTokenPersistence {

  private final SecureRandom random = new SecureRandom();
  private final Database database;
  private final Clock clock;
  private final SecuritySettings settings;

  RefreshTokens(Database database, Clock clock, SecuritySettings settings) {
    this.database = database;
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public String createKey(Authentication authentication) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public Optional<String> generate(Authentication authentication, String key) {
    return Optional.of(key);
  }

  @Override
  public Optional<String> validate(String refreshToken) {
    return refreshToken != null && refreshToken.matches("[A-Za-z0-9_-]{43}")
        ? Optional.of(refreshToken)
        : Optional.empty();
  }

  /** Stores the hash of a token just issued at login or at a refresh. */
  @Override
  @EventListener
  public void persistToken(RefreshTokenGeneratedEvent event) {
    Authentication who = event.getAuthentication();
    Object uid = who.getAttributes().get("uid");
    Object version = who.getAttributes().get(SessionValidator.VERSION_CLAIM);
    if (!(uid instanceof Number id) || !(version instanceof Number sv)) {
      return;
    }
    var now = clock.instant();
    database.inTransaction(
        c -> {
          try (var insert =
              c.prepareStatement(
                  "INSERT INTO refresh_token (token_hash, user_id, token_version, created_at,"
                      + " expires_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setBytes(1, sha256(event.getRefreshToken()));
            insert.setLong(2, id.longValue());
            insert.setInt(3, sv.intValue());
            insert.setObject(4, now.atOffset(ZoneOffset.UTC));
            insert.setObject(5, now.plus(settings.refreshLifetime).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
          }
          return null;
        });
  }

  static byte[] sha256(String token) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Not used: Micronaut's refresh endpoint is replaced by {@link TokenController}. */
  @Override
  public Publisher<Authentication> getAuthentication(String refreshToken) {
    return io.micronaut.core.async.publisher.Publishers.empty();
  }
}
