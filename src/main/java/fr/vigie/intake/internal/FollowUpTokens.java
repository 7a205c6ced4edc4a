package fr.vigie.intake.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Follow-up tokens (DESIGN.md §9): 256 bits, shown once, only their SHA-256 stored. A report sent
 * with an {@code Idempotency-Key} gets a token derived from a server secret, the key and the body,
 * so a replay (the victim's browser retrying after a lost answer) gives the victim the same token
 * again without the token ever being stored. Without a key the token is purely random.
 */
public final class FollowUpTokens {

  private final byte[] secret;
  private final SecureRandom random = new SecureRandom();

  public FollowUpTokens(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  public String random() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return encode(bytes);
  }

  public String forReplay(String idempotencyKey, String payloadHash) {
    return encode(hmac("follow-up\n" + idempotencyKey + "\n" + payloadHash));
  }

  /** A keyed hash of the client's address: lets abuse be traced without storing the address. */
  public String clientHash(String address) {
    return java.util.HexFormat.of().formatHex(hmac("client\n" + address), 0, 16);
  }

  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] hmac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
