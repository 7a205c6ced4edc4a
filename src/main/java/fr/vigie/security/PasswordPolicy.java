package fr.vigie.security;

import fr.vigie.http.Problem.FieldError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a staff password must be: 12 to 128 characters, at least 5 different ones, not the username
 * (nor contain it, for a name of 4 characters or more), not one of the passwords everybody tries
 * first ({@value #LIST}, compared ignoring case, spaces and punctuation). Length beats complexity
 * rules (NIST SP 800-63B), so there is no "one digit, one symbol" rule.
 */
public final class PasswordPolicy {

  public static final int MIN = 12;
  public static final int MAX = 128;
  static final String LIST = "fr/vigie/security/common-passwords.txt";

  private static final Set<String> COMMON = load();

  private static final String ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private PasswordPolicy() {}

  /**
   * A password for an account Vigie creates itself (the bootstrap administrator, demo users): 20
   * characters without look-alikes (no l, 1, O, 0), about 116 bits; it passes {@link #check}.
   */
  public static String randomPassword() {
    java.security.SecureRandom random = new java.security.SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }

  /** What is wrong with {@code password} for {@code username} (may be null), as field errors. */
  public static List<FieldError> check(String field, String username, String password) {
    if (password == null
        || password.codePointCount(0, password.length()) < MIN
        || password.length() > MAX) {
      return List.of(new FieldError(field, "between " + MIN + " and " + MAX + " characters"));
    }
    if (password.codePoints().distinct().count() < 5) {
      return List.of(new FieldError(field, "at least 5 different characters"));
    }
    String folded = fold(password);
    String name = username == null ? "" : fold(username);
    if (!name.isEmpty() && (folded.equals(name) || name.length() >= 4 && folded.contains(name))) {
      return List.of(new FieldError(field, "must not contain the username"));
    }
    if (COMMON.contains(folded)) {
      return List.of(new FieldError(field, "too common: it is among the first passwords tried"));
    }
    return List.of();
  }

  /** Lower case, letters and digits only: "Mot de passe 123!" and "motdepasse123" are one. */
  static String fold(String text) {
    StringBuilder folded = new StringBuilder(text.length());
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .filter(Character::isLetterOrDigit)
        .forEach(folded::appendCodePoint);
    return folded.toString();
  }

  private static Set<String> load() {
    Set<String> common = new HashSet<>();
    try (var in = PasswordPolicy.class.getClassLoader().getResourceAsStream(LIST)) {
      if (in == null) {
        throw new IllegalStateException(LIST + " is missing");
      }
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(line -> common.add(fold(line)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(common);
  }
}
