package fr.vigie.web;

import fr.vigie.security.Secrets;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Text the server hands to the browser and must get back unchanged: the answers of the report form
 * kept between steps in a hidden field (nothing is stored before the report is sent), the follow-up
 * cookie. Signed with HMAC-SHA256 under a secret kept in the database ({@link Secrets}), so every
 * instance accepts what another one signed.
 */
@Singleton
public final class SignedState {

  private final Secrets secrets;

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
    return secrets.mac("page-state", purpose, text);
  }
}
