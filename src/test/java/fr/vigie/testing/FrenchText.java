package fr.vigie.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks on the French texts victims read: no English word a hurried writer lets slip, and no
 * familiar « tu » (the victim is addressed as « vous »). A small deny-list, compared word by word.
 */
public final class FrenchText {

  static final Set<String> DENIED =
      Set.of(
          "click",
          "password",
          "login",
          "logout",
          "email",
          "mail",
          "account",
          "download",
          "upload",
          "backup",
          "browser",
          "update",
          "hacker",
          "ransomware",
          "phishing",
          "scam",
          "fake",
          "the",
          "your",
          "please",
          "tu",
          "toi",
          "ton",
          "ta",
          "tes");

  private FrenchText() {}

  /** The denied words found in {@code text}, lower-cased. */
  public static Set<String> deniedWords(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"))
        .filter(DENIED::contains)
        .collect(Collectors.toSet());
  }
}
