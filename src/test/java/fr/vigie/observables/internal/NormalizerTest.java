package fr.vigie.observables.internal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.tickets.ObservableType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Raw values as victims and analysts type them, and the one form correlation compares. */
class NormalizerTest {

  static Stream<Arguments> normalForms() {
    return Stream.of(
        // type, raw, normal form, flags
        Arguments.of("DOMAIN", "Mairie-Paiement.FR", "mairie-paiement.fr", List.of()),
        Arguments.of("DOMAIN", "  impots-gouv.fr. ", "impots-gouv.fr", List.of()),
        Arguments.of("DOMAIN", "faux-site[.]example", "faux-site.example", List.of("REFANGED")),
        Arguments.of("DOMAIN", "bücher.example", "xn--bcher-kva.example", List.of("IDN")),
        Arguments.of("DOMAIN", "XN--BCHER-KVA.example", "xn--bcher-kva.example", List.of("IDN")),
        // IDN homographs: Cyrillic а in a Latin word, and a word made only of Cyrillic look-alikes
        Arguments.of("DOMAIN", "\u0430pple.com", "xn--pple-43d.com", List.of("IDN", "HOMOGRAPH")),
        Arguments.of(
            "DOMAIN",
            "\u0441\u043e\u0441\u0430.com",
            "xn--80a1aib.com",
            List.of("IDN", "HOMOGRAPH")),
        Arguments.of("DOMAIN", "xn--pple-43d.com", "xn--pple-43d.com", List.of("IDN", "HOMOGRAPH")),
        Arguments.of("DOMAIN", "école.fr", "xn--cole-9oa.fr", List.of("IDN")),
        // URLs: scheme and host lower-cased, default port and fragment dropped, credentials removed
        Arguments.of(
            "URL",
            "HTTPS://Login.Mairie-Paiement.FR:443/Connexion?id=1#top",
            "https://login.mairie-paiement.fr/Connexion?id=1",
            List.of()),
        Arguments.of(
            "URL",
            "http://agent:MotDePasse@intranet.example:8080/a/../b/./c",
            "http://intranet.example:8080/b/c",
            List.of("CREDENTIALS_REMOVED")),
        Arguments.of("URL", "hxxps://evil[.]example", "https://evil.example/", List.of("REFANGED")),
        Arguments.of(
            "URL",
            "evil.example/path with space",
            "http://evil.example/path%20with%20space",
            List.of()),
        Arguments.of(
            "URL", "https://evil.example/%7euser", "https://evil.example/%7Euser", List.of()),
        Arguments.of(
            "URL",
            "http://[FE80::1%25eth0]:8080/",
            "http://[fe80::1]:8080/",
            List.of("ZONE_ID_REMOVED", "PRIVATE_ADDRESS")),
        Arguments.of(
            "URL",
            "https://\u0430pple.com/login",
            "https://xn--pple-43d.com/login",
            List.of("IDN", "HOMOGRAPH")),
        // IP addresses
        Arguments.of("IP", "203.0.113.7", "203.0.113.7", List.of()),
        Arguments.of("IP", "192.168.1.10", "192.168.1.10", List.of("PRIVATE_ADDRESS")),
        Arguments.of("IP", "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1", List.of()),
        Arguments.of("IP", "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", List.of()),
        Arguments.of("IP", "[2001:db8::2]", "2001:db8::2", List.of()),
        Arguments.of(
            "IP", "fe80::1%eth0", "fe80::1", List.of("ZONE_ID_REMOVED", "PRIVATE_ADDRESS")),
        Arguments.of("IP", "::ffff:203.0.113.9", "203.0.113.9", List.of()),
        Arguments.of("IP", "203[.]0[.]113[.]7", "203.0.113.7", List.of("REFANGED")),
        // e-mail addresses
        Arguments.of("EMAIL", "Compta@Faux-RIB.Example", "compta@faux-rib.example", List.of()),
        Arguments.of("EMAIL", "mailto:<Paie@Mairie.example>", "paie@mairie.example", List.of()),
        Arguments.of(
            "EMAIL",
            "support@b\u00fccher.example",
            "support@xn--bcher-kva.example",
            List.of("IDN")),
        // hashes by length
        Arguments.of(
            "HASH",
            "D41D8CD98F00B204E9800998ECF8427E",
            "d41d8cd98f00b204e9800998ecf8427e",
            List.of()),
        Arguments.of(
            "HASH",
            "sha1:DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
            "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            List.of()),
        Arguments.of(
            "HASH",
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            List.of()),
        // French phone numbers in E.164
        Arguments.of("PHONE", "06 12 34 56 78", "+33612345678", List.of()),
        Arguments.of("PHONE", "+33 (0)1.23.45.67.89", "+33123456789", List.of()),
        Arguments.of("PHONE", "0033 9 70 00 00 00", "+33970000000", List.of()),
        Arguments.of("PHONE", "0262 12 34 56", "+262262123456", List.of()),
        Arguments.of("PHONE", "0696 12 34 56", "+596696123456", List.of()),
        Arguments.of("PHONE", "+44 20 7946 0958", "+442079460958", List.of()),
        // IBAN with a valid checksum
        Arguments.of(
            "IBAN", "fr76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", List.of()),
        Arguments.of("IBAN", "DE89 3704 0044 0532 0130 00", "DE89370400440532013000", List.of()),
        Arguments.of(
            "OTHER", "  Kit   «\u00a0Office365\u00a0» ", "Kit «\u00a0Office365\u00a0»", List.of()));
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @MethodSource("normalForms")
  void rawValuesHaveOneNormalForm(String type, String raw, String normal, List<String> flags) {
    Normalizer.Result result = Normalizer.normalize(ObservableType.valueOf(type), raw);
    assertThat(result.problem()).isNull();
    assertThat(result.value()).isEqualTo(normal);
    assertThat(result.flags()).containsExactlyInAnyOrderElementsOf(flags);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("DOMAIN", "localhost"),
        Arguments.of("DOMAIN", "evil..example"),
        Arguments.of("DOMAIN", "-evil.example"),
        Arguments.of("DOMAIN", "evil.example/login"),
        Arguments.of("DOMAIN", "evil_site.example"),
        Arguments.of("DOMAIN", "203.0.113.7"),
        Arguments.of("DOMAIN", "a".repeat(64) + ".example"),
        Arguments.of("DOMAIN", ("abcdefghij".repeat(6) + ".").repeat(5) + "fr"),
        Arguments.of("DOMAIN", "evil.example\u202Egpj.exe"),
        Arguments.of("DOMAIN", "evil.example\u0000"),
        Arguments.of("URL", "javascript:alert(1)"),
        Arguments.of("URL", "file:///etc/passwd"),
        Arguments.of("URL", "http://evil.example:99999/"),
        Arguments.of("URL", "http://[fe80::1%eth0/"),
        Arguments.of("URL", "https://evil.example/" + "a".repeat(2100)),
        Arguments.of("IP", "010.0.0.1"),
        Arguments.of("IP", "256.1.1.1"),
        Arguments.of("IP", "1.2.3"),
        Arguments.of("IP", "0x7f.0.0.1"),
        Arguments.of("IP", "2001:db8::1::2"),
        Arguments.of("IP", "192.168.0.1%eth0"),
        Arguments.of("IP", "fe80::1%eth0' OR 1=1"),
        Arguments.of("IP", "fe80::1%"),
        Arguments.of("URL", "http://[fe80::1%25<script>]/"),
        Arguments.of("IP", "evil.example"),
        Arguments.of("EMAIL", "pas-une-adresse"),
        Arguments.of("EMAIL", "a@b@evil.example"),
        Arguments.of("EMAIL", "a..b@evil.example"),
        Arguments.of("EMAIL", "\"quoted local\"@evil.example"),
        Arguments.of("EMAIL", "x".repeat(65) + "@evil.example"),
        Arguments.of("HASH", "d41d8cd98f00b204e9800998ecf8427"),
        Arguments.of("HASH", "g41d8cd98f00b204e9800998ecf8427e"),
        Arguments.of("PHONE", "12 34"),
        Arguments.of("PHONE", "+33 0 12 34 56 78 9"),
        Arguments.of("PHONE", "06 12 34 56 78 ext 9"),
        Arguments.of("IBAN", "FR76 3000 6000 0112 3456 7890 188"),
        Arguments.of("IBAN", "FR76 3000 6000 0112 3456 7890"),
        Arguments.of("IBAN", "FR7630006000011234567890189' OR 1=1"),
        Arguments.of("OTHER", "x".repeat(2049)),
        Arguments.of("OTHER", "   "));
  }

  @ParameterizedTest(name = "{0} {1} refused")
  @MethodSource("refused")
  void hostileOrMalformedValuesAreRefusedWithAReason(String type, String raw) {
    Normalizer.Result result = Normalizer.normalize(ObservableType.valueOf(type), raw);
    assertThat(result.valid()).isFalse();
    assertThat(result.value()).isNull();
    assertThat(result.problem()).isNotBlank();
  }

  @Test
  void hashAlgorithmComesFromTheLength() {
    assertThat(Normalizer.hashAlgorithm("a".repeat(32))).isEqualTo("md5");
    assertThat(Normalizer.hashAlgorithm("a".repeat(40))).isEqualTo("sha1");
    assertThat(Normalizer.hashAlgorithm("a".repeat(64))).isEqualTo("sha256");
    assertThat(Normalizer.hashAlgorithm("a".repeat(128))).isEqualTo("sha512");
    assertThat(Normalizer.hashAlgorithm("a".repeat(56))).isNull();
  }

  @Test
  void aLatinDomainWithAccentsIsNotAHomograph() {
    assertThat(Homographs.suspicious("école")).isFalse();
    assertThat(Homographs.suspicious("bücher")).isFalse();
    assertThat(Homographs.suspicious("\u043f\u0440\u0438\u0432\u0435\u0442")).isFalse();
  }
}
