package fr.vigie.mail.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The attachment types the desk keeps, each checked against the content's first bytes: a file that
 * says it is a photo must look like one. Executables are refused whatever they claim to be. Pure
 * code.
 */
public final class AttachmentTypes {

  private AttachmentTypes() {}

  /** The verdict: the type stored (null when refused) and why it was refused. */
  public record Verdict(String type, String refusal) {
    static Verdict ok(String type) {
      return new Verdict(type, null);
    }

    static Verdict refused(String reason) {
      return new Verdict(null, reason);
    }
  }

  private static final Map<String, String> ALIASES =
      Map.of(
          "image/jpg",
          "image/jpeg",
          "image/pjpeg",
          "image/jpeg",
          "application/x-pdf",
          "application/pdf",
          "application/x-zip-compressed",
          "application/zip");

  /** Checks {@code declared} (a MIME type, parameters ignored) against {@code content}. */
  public static Verdict check(String declared, byte[] content) {
    String type = normalise(declared);
    if (executable(content)) {
      return Verdict.refused("le contenu est un programme exécutable");
    }
    String detected = detect(content);
    if (type.equals("application/octet-stream")) {
      // No type declared: kept only when the content is recognisably one the desk accepts.
      return detected != null
          ? Verdict.ok(detected)
          : Verdict.refused("type non déclaré et contenu non reconnu");
    }
    if (type.startsWith("text/") || type.equals("message/rfc822")) {
      if (!(type.equals("text/plain")
          || type.equals("text/csv")
          || type.equals("text/html")
          || type.equals("message/rfc822"))) {
        return Verdict.refused("type « " + type + " » non accepté");
      }
      return detected != null || binary(content)
          ? Verdict.refused("type déclaré « " + type + " » mais contenu binaire")
          : Verdict.ok(type);
    }
    if (type.startsWith("application/vnd.openxmlformats-officedocument.")
        || type.startsWith("application/vnd.oasis.opendocument.")) {
      return "application/zip".equals(detected)
          ? Verdict.ok(type)
          : Verdict.refused("type déclaré « " + type + " » mais contenu différent");
    }
    if (!Arrays.asList(
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "application/pdf",
            "application/zip")
        .contains(type)) {
      return Verdict.refused("type « " + type + " » non accepté");
    }
    return type.equals(detected)
        ? Verdict.ok(type)
        : Verdict.refused("type déclaré « " + type + " » mais contenu différent");
  }

  static String normalise(String declared) {
    if (declared == null) {
      return "application/octet-stream";
    }
    String base = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!base.matches("[a-z0-9.+-]{1,60}/[a-z0-9.+-]{1,100}")) {
      return "application/octet-stream";
    }
    return ALIASES.getOrDefault(base, base);
  }

  /** The type the first bytes show, among the binary types accepted; null when none. */
  static String detect(byte[] b) {
    if (starts(b, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
      return "image/png";
    }
    if (starts(b, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
      return "image/jpeg";
    }
    if (starts(b, 0, ascii("GIF87a")) || starts(b, 0, ascii("GIF89a"))) {
      return "image/gif";
    }
    if (starts(b, 0, ascii("RIFF")) && starts(b, 8, ascii("WEBP"))) {
      return "image/webp";
    }
    if (starts(b, 0, ascii("%PDF-"))) {
      return "application/pdf";
    }
    if (starts(b, 0, new byte[] {'P', 'K', 3, 4})) {
      return "application/zip";
    }
    return null;
  }

  static boolean executable(byte[] b) {
    return starts(b, 0, ascii("MZ"))
        || starts(b, 0, new byte[] {0x7F, 'E', 'L', 'F'})
        || starts(b, 0, ascii("#!"))
        || starts(b, 0, new byte[] {(byte) 0xCF, (byte) 0xFA, (byte) 0xED, (byte) 0xFE})
        || starts(b, 0, new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
  }

  /** NUL bytes in the first 8 KiB: not text. */
  static boolean binary(byte[] b) {
    for (int i = 0; i < Math.min(b.length, 8192); i++) {
      if (b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean starts(byte[] b, int offset, byte[] magic) {
    if (b.length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (b[offset + i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
