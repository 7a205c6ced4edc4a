package fr.vigie.security.internal;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt with cost 12 (about a quarter of a second here): slow enough to resist guessing. */
final class PasswordHasher {

  private static final int COST = 12;
  // Verified against when the user does not exist, so timing does not tell which names exist.
  private static final String DECOY = hash("decoy-password-never-used");

  private PasswordHasher() {}

  static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  static boolean matches(String password, String hash) {
    return BCrypt.verifyer()
        .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
        .verified;
  }

  static void burnDecoy(String password) {
    matches(password, DECOY);
  }
}
