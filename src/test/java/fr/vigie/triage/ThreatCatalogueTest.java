package fr.vigie.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.testing.FrenchText;
import fr.vigie.tickets.Threat;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ThreatCatalogueTest {

  static final JsonMapper JSON = JsonMapper.createDefault();
  static final ThreatCatalogue CATALOGUE = new ThreatCatalogue(JSON);

  /** DESIGN.md §4, copied by hand: threat, French label, RSIT class, RSIT type. */
  static final List<List<String>> DESIGN_TABLE =
      List.of(
          row(
              "RANSOMWARE",
              "Rançongiciel (fichiers chiffrés, rançon)",
              "information-content-security",
              "unauthorised-information-modification"),
          row("PHISHING", "Hameçonnage (message frauduleux)", "fraud", "phishing"),
          row(
              "ACCOUNT_COMPROMISE",
              "Piratage de compte (messagerie, réseau social…)",
              "intrusions",
              "unprivileged-account-compromise"),
          row(
              "INTRUSION",
              "Intrusion dans le système informatique",
              "intrusions",
              "system-compromise"),
          row(
              "TRANSFER_FRAUD",
              "Fraude au virement, faux RIB, fraude au président",
              "fraud",
              "masquerade"),
          row(
              "DEFACEMENT",
              "Défiguration du site internet",
              "information-content-security",
              "unauthorised-information-modification"),
          row("DDOS", "Site ou service saturé (déni de service)", "availability", "ddos"),
          row(
              "DATA_BREACH",
              "Fuite ou vol de données",
              "information-content-security",
              "data-leak"),
          row("MALWARE", "Virus, logiciel malveillant", "malicious-code", "infected-system"),
          row("TECH_SUPPORT_SCAM", "Faux support technique", "fraud", "masquerade"),
          row("IMPERSONATION", "Usurpation d'identité, typosquattage", "fraud", "masquerade"),
          row("EXTORTION", "Chantage, menace de divulgation", "abusive-content", "harmful-speech"),
          row(
              "HARASSMENT",
              "Cyberharcèlement, contenus haineux",
              "abusive-content",
              "harmful-speech"),
          row("CARD_FRAUD", "Fraude à la carte bancaire", "fraud", "unauthorised-use-of-resources"),
          row("SPAM", "Pourriel (courriels, SMS)", "abusive-content", "spam"),
          row("LOST_OR_STOLEN_DEVICE", "Perte ou vol d'un équipement", "intrusions", "burglary"),
          row("VULNERABILITY", "Vulnérabilité signalée", "vulnerable", "vulnerable-system"),
          row("INFORMATION_REQUEST", "Demande de conseil", "other", "other"),
          row("UNKNOWN", "Je ne sais pas", "other", "undetermined"));

  /** The facts DESIGN.md §4 and the CSIRT's practice require for some threats. */
  static final Map<Threat, List<String>> REQUIRED_ADVICE =
      Map.ofEntries(
          Map.entry(
              Threat.RANSOMWARE,
              List.of(
                  "ISOLATE",
                  "DO_NOT_PAY",
                  "KEEP_RANSOM_NOTE",
                  "DO_NOT_RESTORE_YET",
                  "CALL_INSURER",
                  "FILE_COMPLAINT")),
          Map.entry(Threat.TRANSFER_FRAUD, List.of("CALL_BANK_RECALL", "FILE_COMPLAINT")),
          Map.entry(
              Threat.PHISHING,
              List.of("DO_NOT_CLICK", "DO_NOT_REPLY", "REPORT_SPAM", "CHANGE_PASSWORD_IF_TYPED")),
          Map.entry(
              Threat.ACCOUNT_COMPROMISE,
              List.of("CHANGE_PASSWORDS", "ENABLE_MFA", "CHECK_FORWARDING_RULES", "WARN_CONTACTS")),
          Map.entry(Threat.CARD_FRAUD, List.of("BLOCK_CARD", "REPORT_PERCEVAL")),
          Map.entry(Threat.HARASSMENT, List.of("KEEP_SCREENSHOTS", "REPORT_PHAROS")),
          Map.entry(Threat.DDOS, List.of("CALL_HOSTING_PROVIDER")),
          Map.entry(
              Threat.DEFACEMENT,
              List.of("KEEP_DEFACED_COPY", "TAKE_SITE_OFFLINE", "DO_NOT_DELETE_SITE_FILES")),
          Map.entry(Threat.DATA_BREACH, List.of("IDENTIFY_DATA", "NOTIFY_CNIL_72H")),
          Map.entry(Threat.LOST_OR_STOLEN_DEVICE, List.of("REMOTE_LOCK_WIPE", "CHANGE_PASSWORDS")),
          Map.entry(Threat.VULNERABILITY, List.of("DO_NOT_EXPLOIT", "NOTE_DETAILS")),
          Map.entry(
              Threat.INFORMATION_REQUEST,
              List.of("DESCRIBE_WHAT_YOU_SEE", "KEEP_EVIDENCE", "DO_NOT_SWITCH_OFF")),
          Map.entry(
              Threat.UNKNOWN,
              List.of("DESCRIBE_WHAT_YOU_SEE", "KEEP_EVIDENCE", "DO_NOT_SWITCH_OFF")));

  static List<String> row(String threat, String label, String rsitClass, String rsitType) {
    return List.of(threat, label, rsitClass, rsitType);
  }

  static Stream<FirstAid> allFirstAid() {
    return CATALOGUE.all().stream().flatMap(e -> e.firstAid().stream());
  }

  @Test
  void everyThreatHasExactlyOneEntryInEnumOrder() {
    Map<Threat, Long> counts =
        ThreatCatalogue.read(JSON).threats().stream()
            .collect(Collectors.groupingBy(ThreatEntry::threat, Collectors.counting()));
    assertThat(counts.keySet()).containsExactlyInAnyOrder(Threat.values());
    assertThat(counts.values()).containsOnly(1L);
    assertThat(CATALOGUE.all()).extracting(ThreatEntry::threat).containsExactly(Threat.values());
    assertThat(CATALOGUE.version()).isEqualTo("2026-11-1");
  }

  @Test
  void labelsAndRsitAreThoseOfTheDesignTable() {
    assertThat(DESIGN_TABLE).hasSize(Threat.values().length);
    for (List<String> row : DESIGN_TABLE) {
      ThreatEntry entry = CATALOGUE.entry(Threat.valueOf(row.get(0)));
      assertThat(List.of(entry.label(), entry.rsit().rsitClass(), entry.rsit().rsitType()))
          .as(row.get(0))
          .isEqualTo(row.subList(1, 4));
    }
  }

  @Test
  void rsitPairsBelongToTheEnisaVocabulary() {
    for (ThreatEntry entry : CATALOGUE.all()) {
      assertThat(RsitTaxonomy.isValid(entry.rsit().rsitClass(), entry.rsit().rsitType()))
          .as(entry.threat() + " has an ENISA RSIT class and type")
          .isTrue();
    }
  }

  @Test
  void rsitIsSerialisedWithClassAndType() throws Exception {
    String written = JSON.writeValueAsString(new Rsit("fraud", "phishing"));
    assertThat(written).isEqualTo("{\"class\":\"fraud\",\"type\":\"phishing\"}");
  }

  @Test
  void firstAidCodesAreUpperSnakeAndEachMeansOneText() {
    Map<String, Set<String>> textsByCode =
        allFirstAid()
            .collect(
                Collectors.groupingBy(
                    FirstAid::code, Collectors.mapping(FirstAid::text, Collectors.toSet())));
    assertThat(textsByCode.keySet()).allMatch(c -> c.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*"));
    textsByCode.forEach((code, texts) -> assertThat(texts).as(code).hasSize(1));
  }

  @Test
  void everyThreatGetsThreeToSevenShortSentencesWithoutRepeats() {
    for (ThreatEntry entry : CATALOGUE.all()) {
      assertThat(entry.firstAid()).as(entry.threat().name()).hasSizeBetween(3, 7);
      assertThat(entry.firstAid())
          .as(entry.threat().name())
          .extracting(FirstAid::code)
          .doesNotHaveDuplicates();
    }
    allFirstAid()
        .forEach(
            aid ->
                assertThat(aid.text())
                    .as(aid.code())
                    .hasSizeLessThanOrEqualTo(200)
                    .endsWith(".")
                    .matches("^\\p{Lu}.*")
                    .doesNotContain("  ", " .", " ,"));
  }

  @Test
  void theAdviceTheCsirtRequiresIsThere() {
    REQUIRED_ADVICE.forEach(
        (threat, codes) ->
            assertThat(CATALOGUE.entry(threat).firstAid())
                .as(threat.name())
                .extracting(FirstAid::code)
                .containsAll(codes));
    // The bank can only recall a transfer within hours: that call comes before anything else.
    assertThat(CATALOGUE.entry(Threat.TRANSFER_FRAUD).firstAid().get(0).code())
        .isEqualTo("CALL_BANK_RECALL");
    assertThat(CATALOGUE.entry(Threat.RANSOMWARE).firstAid().get(0).code()).isEqualTo("ISOLATE");
  }

  @Test
  void isolatingMeansUnpluggingNotSwitchingOff() {
    String isolate = CATALOGUE.entry(Threat.RANSOMWARE).firstAid().get(0).text();
    assertThat(isolate).contains("Débranchez", "Wi-Fi", "sans les éteindre");
  }

  @Test
  void textsAreFrenchAddressedAsVous() {
    for (ThreatEntry entry : CATALOGUE.all()) {
      Stream.concat(
              Stream.of(entry.label(), entry.description()),
              entry.firstAid().stream().map(FirstAid::text))
          .forEach(text -> assertThat(FrenchText.deniedWords(text)).as(text).isEmpty());
      assertThat(entry.description()).as(entry.threat().name()).endsWith(".");
    }
  }

  @Test
  void aBrokenCatalogueStopsTheStartWithEveryProblem() {
    String broken =
        """
        {"version": "x", "threats": [
          {"threat": "RANSOMWARE", "label": "L", "description": "D",
           "rsit": {"class": "c", "type": "t"},
           "firstAid": [{"code": "A", "text": "Un."}]},
          {"threat": "SPAM", "label": "", "description": "D", "rsit": {"class": "c"},
           "firstAid": [{"code": "A", "text": "Deux."}]}
        ]}
        """;
    CatalogueFile file =
        ThreatCatalogue.parse(JSON, broken.getBytes(StandardCharsets.UTF_8), "test.json");

    assertThatThrownBy(() -> new ThreatCatalogue(file, "test.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test.json is invalid")
        .hasMessageContaining("SPAM: \"label\" and \"description\" are required")
        .hasMessageContaining("SPAM: \"rsit\" needs a \"class\" and a \"type\"")
        .hasMessageContaining("SPAM: first aid A has another text elsewhere")
        .hasMessageContaining("PHISHING: no entry");
  }

  @Test
  void unreadableJsonIsNamed() {
    assertThatThrownBy(() -> ThreatCatalogue.parse(JSON, "{\"threats\": [".getBytes(), "x.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("x.json is not readable JSON");
  }
}
