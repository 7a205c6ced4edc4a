package fr.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

  @ParameterizedTest
  @CsvSource({
    "gwenola, short, between 12 and 128 characters",
    "gwenola, aaaaaaaaaaaaaaaaaaaa, at least 5 different characters",
    "gwenola, abababababababab, at least 5 different characters",
    "gwenola, Gwenola-2026-Brest!, must not contain the username",
    "gwenola, PASSWORD1234, too common: it is among the first passwords tried",
    "gwenola, Mot de passe 123, too common: it is among the first passwords tried",
    "gwenola, azertyuiop123, too common: it is among the first passwords tried"
  })
  void weakPasswordsAreRefusedWithTheReason(String user, String password, String reason) {
    assertThat(PasswordPolicy.check("password", user, password))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo(reason))
        .satisfies(e -> assertThat(e.field()).isEqualTo("password"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "correct-horse-battery-staple",
        "Le phare du Créac'h veille",
        "bob-sled-runs-at-dawn",
        "🛡️ quatre mots au hasard"
      })
  void longPassphrasesPass(String password) {
    assertThat(PasswordPolicy.check("password", "bob", password)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {129, 1000})
  void overlongPasswordsAreRefused(int length) {
    assertThat(PasswordPolicy.check("password", "x", "abcde".repeat(length / 5 + 1))).isNotEmpty();
  }
}
