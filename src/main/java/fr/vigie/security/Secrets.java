package fr.vigie.security;

import fr.vigie.db.Database;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * Secrets Vigie needs but nobody configured: generated once (256 random bits), stored in the
 * database so every instance and every restart shares them. An operator who sets the matching
 * environment variable (e.g. {@code VIGIE_JWT_SECRET}) overrides the stored value.
 */
@Singleton
public final class Secrets {

  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final java.util.Map<String, byte[]> macKeys =
      new java.util.concurrent.ConcurrentHashMap<>();

  Secrets(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * A keyed digest (HMAC-SHA256, URL-safe Base64) of {@code text} under the secret called {@code
   * name}, for {@code purpose}: the same on every instance, so a token one instance signs another
   * checks (page state, anti-forgery fields).
   */
  public String mac(String name, String purpose, String text) {
    byte[] key =
        macKeys.computeIfAbsent(
            name, n -> get(n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      mac.update((purpose + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The secret called {@code name}, created on first use; concurrent first uses agree. */
  public String get(String name) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String candidate = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return database.inTransaction(
        c -> {
          try (var insert =
              c.prepareStatement(
                  "INSERT INTO app_secret (name, value, created_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, name);
            insert.setString(2, candidate);
            insert.setObject(3, Instant.now(clock).atOffset(java.time.ZoneOffset.UTC));
            insert.executeUpdate();
          }
          try (var select = c.prepareStatement("SELECT value FROM app_secret WHERE name = ?")) {
            select.setString(1, name);
            try (var rows = select.executeQuery()) {
              rows.next();
              return rows.getString(1);
            }
          }
        });
  }
}
