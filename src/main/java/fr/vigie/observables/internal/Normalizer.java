package fr.vigie.observables.internal;

import fr.vigie.tickets.ObservableType;
import java.math.BigInteger;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an observable as typed (by a victim, an analyst) into the one form correlation and the
 * exports compare (DESIGN.md §14). Pure: no framework, no network (an IP literal is parsed, never
 * resolved). A value that cannot be normalised is {@link Result#invalid}, with the reason in
 * French-free API words (the API keeps its codes, the pages translate).
 *
 * <p>Flags say what was noticed or changed: {@code HOMOGRAPH} (a domain whose letters imitate Latin
 * ones from another script), {@code IDN} (internationalised name, stored in punycode), {@code
 * CREDENTIALS_REMOVED} (a URL's {@code user:password@}: they may be the victim's own and are
 * dropped), {@code ZONE_ID_REMOVED} (an IPv6 scope, meaningless outside one machine), {@code
 * PRIVATE_ADDRESS} (not routable on the internet: never an indicator to block), {@code REFANGED}
 * ({@code hxxp}, {@code [.]} undone).
 */
public final class Normalizer {

  public static final int MAX_RAW = 2_048;
  static final int MAX_DOMAIN = 253;
  static final int MAX_EMAIL = 254;

  /** The outcome: a normal form with its flags, or the reason there is none. */
  public record Result(String value, List<String> flags, String problem) {
    static Result ok(String value, List<String> flags) {
      return new Result(value, List.copyOf(flags), null);
    }

    static Result invalid(String problem) {
      return new Result(null, List.of(), problem);
    }

    public boolean valid() {
      return problem == null;
    }
  }

  private Normalizer() {}

  public static Result normalize(ObservableType type, String raw) {
    if (raw == null || raw.isBlank()) {
      return Result.invalid("is required");
    }
    if (raw.length() > MAX_RAW) {
      return Result.invalid("at most " + MAX_RAW + " characters");
    }
    String text = java.text.Normalizer.normalize(raw.strip(), Form.NFC);
    if (hasControlOrBidi(text)) {
      return Result.invalid("contains a control or bidirectional-override character");
    }
    List<String> flags = new ArrayList<>();
    return switch (type) {
      case DOMAIN -> domain(refang(text, flags), flags);
      case URL -> url(refang(text, flags), flags);
      case IP -> ip(refang(text, flags), flags);
      case EMAIL -> email(refang(text, flags), flags);
      case PHONE -> phone(text);
      case HASH -> hash(text);
      case IBAN -> iban(text);
      case OTHER -> Result.ok(text.replaceAll("\\s+", " "), flags);
    };
  }

  /** The hash algorithm a normal hash value's length says, or null. */
  public static String hashAlgorithm(String hex) {
    return switch (hex.length()) {
      case 32 -> "md5";
      case 40 -> "sha1";
      case 64 -> "sha256";
      case 128 -> "sha512";
      default -> null;
    };
  }

  private static boolean hasControlOrBidi(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isISOControl(ch)
          || (ch >= '\u202A' && ch <= '\u202E')
          || (ch >= '\u2066' && ch <= '\u2069')
          || ch == '\u200E'
          || ch == '\u200F'
          || (Character.isSurrogate(ch)
              && !(Character.isHighSurrogate(ch)
                  && i + 1 < s.length()
                  && Character.isLowSurrogate(s.charAt(++i))))) {
        return true;
      }
    }
    return false;
  }

  /** Undoes the usual defanging of shared indicators: hxxp://, [.], (.), [@], [:]. */
  private static String refang(String s, List<String> flags) {
    String out =
        s.replace("[.]", ".")
            .replace("(.)", ".")
            .replace("{.}", ".")
            .replace("[dot]", ".")
            .replace("[@]", "@")
            .replace("[at]", "@")
            .replace("[:]", ":")
            .replaceFirst("^(?i)hxxp(s?)://", "http$1://")
            .replaceFirst("^(?i)fxp://", "ftp://");
    if (!out.equals(s)) {
      flags.add("REFANGED");
    }
    return out;
  }

  // ---- domains

  private static final Pattern LDH_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  static Result domain(String text, List<String> flags) {
    String d = text.toLowerCase(Locale.ROOT);
    // Ideographic full stops are dots in IDNA.
    d = d.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || d.length() > 4 * MAX_DOMAIN) {
      return Result.invalid("not a domain name");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Result.invalid("not a domain name");
    }
    if (ascii.length() > MAX_DOMAIN) {
      return Result.invalid("a domain name has at most " + MAX_DOMAIN + " characters");
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return Result.invalid("a domain name has at least two labels");
    }
    for (String label : labels) {
      if (!LDH_LABEL.matcher(label).matches()) {
        return Result.invalid("not a domain name");
      }
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return Result.invalid("an IP address is an observable of type IP");
    }
    boolean idn = false;
    for (String label : labels) {
      if (label.startsWith("xn--")) {
        idn = true;
        String unicode;
        try {
          unicode = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
          return Result.invalid("not a domain name");
        }
        if (unicode.equals(label)) {
          return Result.invalid("invalid punycode label");
        }
        if (Homographs.suspicious(unicode) && !flags.contains("HOMOGRAPH")) {
          flags.add("HOMOGRAPH");
        }
      }
    }
    if (idn) {
      flags.add(0, "IDN");
    }
    return Result.ok(ascii, flags);
  }

  // ---- URLs

  private static final Pattern URL =
      Pattern.compile("(?i)^([a-z][a-z0-9+.-]*)://([^/?#]*)([^?#]*)(\\?[^#]*)?(#.*)?$");
  private static final Set<String> SCHEMES = Set.of("http", "https", "ftp");

  static Result url(String text, List<String> flags) {
    String t = text;
    if (!t.contains("://")) {
      t = "http://" + t;
    }
    Matcher m = URL.matcher(t);
    if (!m.matches()) {
      return Result.invalid("not a URL");
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      return Result.invalid("only http, https and ftp URLs");
    }
    String authority = m.group(2);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
      flags.add("CREDENTIALS_REMOVED");
    }
    String host;
    String port = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return Result.invalid("not a URL");
      }
      Result ip = ip(authority.substring(1, close), flags);
      if (!ip.valid() || !ip.value().contains(":")) {
        return Result.invalid("not a URL: bad IPv6 host");
      }
      host = "[" + ip.value() + "]";
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return Result.invalid("not a URL");
        }
        port = rest.substring(1);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      String name = colon >= 0 ? authority.substring(0, colon) : authority;
      port = colon >= 0 ? authority.substring(colon + 1) : null;
      Result h = name.matches("[0-9.]+") ? ip(name, flags) : domain(name, new ArrayList<>(flags));
      if (!h.valid()) {
        return Result.invalid("not a URL: " + h.problem());
      }
      if (!name.matches("[0-9.]+")) {
        for (String f : h.flags()) {
          if (!flags.contains(f)) {
            flags.add(f);
          }
        }
      }
      host = h.value();
    }
    if (port != null) {
      if (port.isEmpty()) {
        port = null;
      } else if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65_535) {
        return Result.invalid("not a URL: bad port");
      } else {
        int p = Integer.parseInt(port);
        boolean standard =
            ("http".equals(scheme) && p == 80)
                || ("https".equals(scheme) && p == 443)
                || ("ftp".equals(scheme) && p == 21);
        port = standard ? null : String.valueOf(p);
      }
    }
    String path = encode(m.group(3).isEmpty() ? "/" : m.group(3), "/:@!$&'()*+,;=-._~");
    String query =
        m.group(4) == null ? "" : "?" + encode(m.group(4).substring(1), "/?:@!$&'()*+,;=-._~");
    if ("?".equals(query)) {
      query = "";
    }
    String rebuilt = scheme + "://" + host + (port == null ? "" : ":" + port);
    try {
      // Removes . and .. segments the way a browser does before it sends the request.
      String normalPath = new URI(rebuilt + path).normalize().getRawPath();
      if (normalPath == null || normalPath.isEmpty()) {
        normalPath = "/";
      }
      while (normalPath.startsWith("/..")) {
        normalPath = normalPath.substring(3).isEmpty() ? "/" : normalPath.substring(3);
      }
      String out = rebuilt + normalPath + query;
      if (out.length() > MAX_RAW) {
        return Result.invalid("at most " + MAX_RAW + " characters once encoded");
      }
      return Result.ok(out, flags);
    } catch (URISyntaxException e) {
      return Result.invalid("not a URL");
    }
  }

  /** Percent-encodes what is not allowed, upper-cases the escapes already there. */
  private static String encode(String s, String allowed) {
    StringBuilder out = new StringBuilder();
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out.append('%')
            .append(Character.toUpperCase((char) bytes[i + 1]))
            .append(Character.toUpperCase((char) bytes[i + 2]));
        i += 2;
      } else if (b < 0x80 && (Character.isLetterOrDigit(b) || allowed.indexOf(b) >= 0)) {
        out.append((char) b);
      } else {
        out.append('%').append(String.format("%02X", b));
      }
    }
    return out.toString();
  }

  private static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  // ---- IP addresses

  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

  static Result ip(String text, List<String> flags) {
    String t = text;
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    int zone = t.indexOf('%');
    if (zone >= 0) {
      if (!t.contains(":")) {
        return Result.invalid("not an IP address");
      }
      // A zone is an interface name (eth0, 25eth0 once %25 is read): anything else is refused.
      if (!t.substring(zone + 1).matches("[A-Za-z0-9_.-]{1,32}")) {
        return Result.invalid("not an IP address: bad zone id");
      }
      t = t.substring(0, zone);
      flags.add("ZONE_ID_REMOVED");
    }
    byte[] bytes;
    if (IPV4.matcher(t).matches()) {
      bytes = v4(t);
    } else if (t.contains(":") && IPV6.matcher(t).matches()) {
      try {
        // A literal with ':' is parsed, never looked up.
        bytes = InetAddress.getByName("[" + t + "]").getAddress();
      } catch (UnknownHostException | SecurityException e) {
        return Result.invalid("not an IP address");
      }
    } else {
      return Result.invalid("not an IP address (IPv4 without leading zeros, or IPv6)");
    }
    try {
      InetAddress address = InetAddress.getByAddress(bytes);
      if (address.isAnyLocalAddress()
          || address.isLoopbackAddress()
          || address.isLinkLocalAddress()
          || address.isSiteLocalAddress()
          || address.isMulticastAddress()
          || (bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc)
          || (bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64)) {
        flags.add("PRIVATE_ADDRESS");
      }
    } catch (UnknownHostException e) {
      return Result.invalid("not an IP address");
    }
    return Result.ok(bytes.length == 4 ? format4(bytes) : format6(bytes), flags);
  }

  private static byte[] v4(String t) {
    String[] parts = t.split("\\.");
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) Integer.parseInt(parts[i]);
    }
    return b;
  }

  private static String format4(byte[] b) {
    return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
  }

  /** RFC 5952: lower case, no leading zeros, the longest run (leftmost) of 2+ zero groups as ::. */
  static String format6(byte[] b) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLen - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(g[i]));
    }
    return out.toString();
  }

  // ---- e-mail addresses

  private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");

  static Result email(String text, List<String> flags) {
    String t = text.replaceFirst("^(?i)mailto:", "");
    if (t.startsWith("<") && t.endsWith(">")) {
      t = t.substring(1, t.length() - 1);
    }
    int at = t.lastIndexOf('@');
    if (at <= 0 || at != t.indexOf('@') || at == t.length() - 1) {
      return Result.invalid("not an e-mail address");
    }
    // Lower case whole: mail providers treat the local part without case, and correlation must
    // see Compta@ and compta@ as one sender.
    String local = t.substring(0, at).toLowerCase(Locale.ROOT);
    if (!LOCAL.matcher(local).matches()
        || local.startsWith(".")
        || local.endsWith(".")
        || local.contains("..")) {
      return Result.invalid("not an e-mail address");
    }
    Result domain = domain(t.substring(at + 1), flags);
    if (!domain.valid()) {
      return Result.invalid("not an e-mail address: " + domain.problem());
    }
    String out = local + "@" + domain.value();
    if (out.length() > MAX_EMAIL) {
      return Result.invalid("an e-mail address has at most " + MAX_EMAIL + " characters");
    }
    return Result.ok(out, flags);
  }

  // ---- hashes

  static Result hash(String text) {
    String h = text.toLowerCase(Locale.ROOT);
    int colon = h.indexOf(':');
    if (colon > 0 && colon < 8) {
      h = h.substring(colon + 1).strip();
    }
    if (!h.matches("[0-9a-f]+") || hashAlgorithm(h) == null) {
      return Result.invalid(
          "a hash is 32 (MD5), 40 (SHA-1), 64 (SHA-256) or 128 (SHA-512) hex digits");
    }
    return Result.ok(h, List.of());
  }

  // ---- phone numbers

  /** French overseas prefixes (national 0ABx…) and their country calling codes. */
  private static final List<String[]> OVERSEAS =
      List.of(
          new String[] {"0262", "262"},
          new String[] {"0263", "262"},
          new String[] {"0269", "262"},
          new String[] {"0639", "262"},
          new String[] {"0692", "262"},
          new String[] {"0693", "262"},
          new String[] {"0590", "590"},
          new String[] {"0690", "590"},
          new String[] {"0691", "590"},
          new String[] {"0594", "594"},
          new String[] {"0694", "594"},
          new String[] {"0596", "596"},
          new String[] {"0696", "596"},
          new String[] {"0697", "596"});

  static Result phone(String text) {
    String t = text.replace("(0)", "").replaceAll("[\\s.\\-()/\u00a0]", "");
    if (t.startsWith("00")) {
      t = "+" + t.substring(2);
    }
    if (t.matches("0[1-9][0-9]{8}")) {
      for (String[] o : OVERSEAS) {
        if (t.startsWith(o[0])) {
          return Result.ok("+" + o[1] + t.substring(1), List.of());
        }
      }
      return Result.ok("+33" + t.substring(1), List.of());
    }
    if (t.startsWith("+33")) {
      String rest = t.substring(3);
      return rest.matches("[1-9][0-9]{8}")
          ? Result.ok("+33" + rest, List.of())
          : Result.invalid("a French number has 9 digits after +33");
    }
    if (t.matches("\\+[1-9][0-9]{6,14}")) {
      return Result.ok(t, List.of());
    }
    return Result.invalid("not a phone number (0X XX XX XX XX or +CC…, E.164)");
  }

  // ---- IBAN

  private static final java.util.Map<String, Integer> LENGTHS =
      java.util.Map.ofEntries(
          java.util.Map.entry("FR", 27),
          java.util.Map.entry("MC", 27),
          java.util.Map.entry("DE", 22),
          java.util.Map.entry("BE", 16),
          java.util.Map.entry("ES", 24),
          java.util.Map.entry("IT", 27),
          java.util.Map.entry("GB", 22),
          java.util.Map.entry("LU", 20),
          java.util.Map.entry("CH", 21),
          java.util.Map.entry("NL", 18),
          java.util.Map.entry("PT", 25),
          java.util.Map.entry("IE", 22),
          java.util.Map.entry("LT", 20));

  static Result iban(String text) {
    String t = text.replaceAll("[\\s\u00a0-]", "").toUpperCase(Locale.ROOT);
    if (t.startsWith("IBAN")) {
      t = t.substring(4);
    }
    if (!t.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")) {
      return Result.invalid("not an IBAN");
    }
    Integer length = LENGTHS.get(t.substring(0, 2));
    if (length != null && t.length() != length) {
      return Result.invalid("an IBAN of " + t.substring(0, 2) + " has " + length + " characters");
    }
    StringBuilder digits = new StringBuilder();
    for (char ch : (t.substring(4) + t.substring(0, 4)).toCharArray()) {
      digits.append(Character.isDigit(ch) ? String.valueOf(ch) : String.valueOf(ch - 'A' + 10));
    }
    if (new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() != 1) {
      return Result.invalid("IBAN check digits do not match");
    }
    return Result.ok(t, List.of());
  }
}
