package fr.vigie.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SirenTest {

  @ParameterizedTest
  @ValueSource(strings = {"212902126", "732829320", "242900314", "542065479"})
  void realSirensPass(String siren) {
    assertThat(Siren.isValid(siren)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"212902127", "123456789", "21290212", "2129021260", "21290212A", ""})
  void wrongCheckDigitsAndShapesFail(String siren) {
    assertThat(Siren.isValid(siren)).isFalse();
  }
}
