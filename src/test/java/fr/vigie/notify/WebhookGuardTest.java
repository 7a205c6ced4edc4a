package fr.vigie.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a webhook may point (issue 16, finding 7), in every spelling an attacker tries. */
class WebhookGuardTest {

  final WebhookGuard guard = new WebhookGuard(List.of());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook",
        "http://127.0.0.1:8080/hook",
        "http://0x7f000001/hook",
        "http://2130706433/hook",
        "http://0177.0.0.1/hook",
        "http://127.1/hook",
        "http://0.0.0.0/hook",
        "http://0/hook",
        "http://[::1]/hook",
        "http://[::]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::ffff:7f00:1]/hook",
        "http://[fe80::1]/hook",
        "http://[fd00::1]/hook",
        "http://10.0.0.5/hook",
        "http://172.16.3.4/hook",
        "http://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://255.255.255.255/hook",
        "http://224.0.0.1/hook",
        "http://localhost/hook",
        "http://api.localhost/hook",
        "http://LOCALHOST./hook",
        "https://user:pw@hooks.example/hook",
        "https://user@hooks.example/hook",
        "ftp://hooks.example/hook",
        "hooks.example/hook",
      })
  void insideAddressesAndCredentialsAreRefused(String url) {
    assertThat(guard.problemOnSave(url)).as(url).isNotNull();
    assertThat(guard.problemOnDelivery(url)).as(url).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://93.184.215.14/hook",
        "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook",
        "https://hooks.example/vigie",
        "https://cafe.example/hook"
      })
  void publicAddressesAndUnresolvedNamesMayBeSaved(String url) {
    assertThat(guard.problemOnSave(url)).as(url).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://hooks.invalid/vigie"})
  void aNameThatDoesNotResolveIsNotDelivered(String url) {
    assertThat(guard.problemOnDelivery(url)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:9000/hook"})
  void theAllowListExemptsAHostButNeverCredentials(String url) {
    WebhookGuard test = new WebhookGuard(List.of("127.0.0.1"));
    assertThat(test.problemOnSave(url)).isNull();
    assertThat(test.problemOnDelivery(url)).isNull();
    assertThat(test.problemOnSave("http://u:p@127.0.0.1:9000/hook")).isNotNull();
    assertThat(test.problemOnSave("http://localhost:9000/hook")).isNotNull();
  }
}
