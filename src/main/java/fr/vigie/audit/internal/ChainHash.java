package fr.vigie.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The link of the chain: {@code hash = SHA-256(prevHash, seq, at, actor, action, target, details)},
 * every field length-prefixed so no two entries can be written the same way, {@code at} in
 * microseconds (PostgreSQL's precision) and {@code details} as PostgreSQL prints the jsonb (keys in
 * a fixed order, fixed spacing), so the sealer and the verifier always hash the same bytes.
 */
public final class ChainHash {

  /** The {@code prevHash} of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private ChainHash() {}

  public static String of(
      String prevHash,
      long seq,
      Instant at,
      String actor,
      String action,
      String target,
      String detailsJson) {
    long micros =
        Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    StringBuilder text = new StringBuilder(128 + detailsJson.length());
    for (String field :
        new String[] {
          prevHash, Long.toString(seq), Long.toString(micros), actor, action, target, detailsJson
        }) {
      text.append(field.length()).append(':').append(field).append('\n');
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
