package fr.vigie.web;

import fr.vigie.security.Secrets;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Text the server hands to the browser and must get back unchanged: the answers of the report form
 * kept between steps in a hidden field (nothing is stored before the report is sent), the follow-up
 * cookie. Signed with HMAC-SHA256 under a secret kept in the database ({@link Secrets}), so every
 * instance accepts what another one signed.
 */
@Singleton
public final class SignedState {

  private final Secrets secrets;
  private volatile byte[] key;

  SignedState(Secrets secrets) {
    this.secrets = secrets;
  }

  /** {@code payload} with its signature, both URL-safe Base64. */
  public String sign(String purpose, String payload) {
    String body =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + mac(purpose, body);
  }

  /** The payload of a signed text, or empty when it was altered or signed for another purpose. */
  public Optional<String> open(String purpose, String signed) {
    if (signed == null || signed.length() > 200_000) {
      return Optional.empty();
    }
    int dot = signed.lastIndexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String body = signed.substring(0, dot);
    byte[] expected = mac(purpose, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signed.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A keyed digest of {@code text}: e.g. the anti-forgery field bound to a cookie. */
  public String mac(String purpose, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      mac.update((purpose + "\n").getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] key() {
    byte[] current = key;
    if (current == null) {
      current = secrets.get("page-state").getBytes(StandardCharsets.UTF_8);
      key = current;
    }
    return current;
  }
}
