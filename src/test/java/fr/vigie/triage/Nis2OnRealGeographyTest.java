package fr.vigie.triage;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.geo.EpciType;
import fr.vigie.geo.internal.CsvReader;
import fr.vigie.tickets.Nis2Status;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.Fixtures.I;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NIS2 derivation (DESIGN.md §5) on real communes and EPCI of the committed geography file, so a
 * refresh that changes a population or a membership shows up here.
 */
class Nis2OnRealGeographyTest {

  static final Map<String, List<String>> COMMUNES = read("communes.csv", 0);
  static final Map<String, List<String>> EPCI = read("epci.csv", 0);
  static final Map<String, List<String>> MEMBERS = members();
  static final TriageEngine ENGINE =
      new TriageEngine(Set.of("53"), java.time.ZoneId.of("Europe/Paris"));

  static Map<String, List<String>> read(String file, int key) {
    Map<String, List<String>> rows = new HashMap<>();
    try (var in = Nis2OnRealGeographyTest.class.getResourceAsStream("/fr/vigie/geo/" + file);
        var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      CsvReader csv = new CsvReader(reader);
      csv.next();
      for (List<String> row = csv.next(); row != null; row = csv.next()) {
        rows.put(row.get(key), row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static Map<String, List<String>> members() {
    Map<String, List<String>> byEpci = new HashMap<>();
    try (var in =
            Nis2OnRealGeographyTest.class.getResourceAsStream("/fr/vigie/geo/epci_members.csv");
        var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      CsvReader csv = new CsvReader(reader);
      csv.next();
      for (List<String> row = csv.next(); row != null; row = csv.next()) {
        byEpci.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(row.get(1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byEpci;
  }

  static Triage commune(String code) {
    List<String> row = COMMUNES.get(code);
    Victim victim =
        new Victim(
            VictimType.COMMUNE,
            row.get(1),
            row.get(4),
            code,
            row.get(2),
            row.get(3),
            Integer.valueOf(row.get(5)),
            null,
            Nis2Status.UNKNOWN,
            false,
            false,
            null,
            true,
            false);
    return ENGINE.assess(victim, Locality.NONE, I.of(Threat.MALWARE).build(), Fixtures.NOW);
  }

  static Triage epci(String siren) {
    List<String> row = EPCI.get(siren);
    int largest =
        MEMBERS.get(siren).stream()
            .mapToInt(code -> Integer.parseInt(COMMUNES.get(code).get(5)))
            .max()
            .orElseThrow();
    Victim victim =
        new Victim(
            VictimType.EPCI,
            row.get(1),
            siren,
            null,
            "29",
            "53",
            Integer.valueOf(row.get(3)),
            null,
            Nis2Status.UNKNOWN,
            false,
            false,
            null,
            true,
            false);
    return ENGINE.assess(
        victim,
        new Locality(EpciType.valueOf(row.get(2)), largest),
        I.of(Threat.MALWARE).build(),
        Fixtures.NOW);
  }

  @ParameterizedTest(name = "{0} ({1}) is NIS2 {2}")
  @CsvSource({
    "29019, Brest, ESSENTIAL",
    "35238, Rennes, ESSENTIAL",
    "29232, Quimper, ESSENTIAL",
    "29212, Plouzané, UNKNOWN",
    "22113, Lannion, UNKNOWN"
  })
  void communesAboveThirtyThousandInhabitantsAreEssential(
      String code, String name, Nis2Status expected) {
    assertThat(COMMUNES.get(code).get(1)).isEqualTo(name);
    Triage triage = commune(code);
    assertThat(triage.nis2().effective()).isEqualTo(expected);
    assertThat(triage.nis2().derived())
        .isEqualTo(expected == Nis2Status.ESSENTIAL ? Nis2Status.ESSENTIAL : Nis2Status.NONE);
  }

  @Test
  void brestMetropoleIsEssential() {
    Triage triage = epci("242900314");
    assertThat(triage.nis2().derived()).isEqualTo(Nis2Status.ESSENTIAL);
    assertThat(triage.criticality()).isEqualTo(Criticality.C4);
    assertThat(triage.factors())
        .contains("NIS2 essential: Métropole with a member commune of 142,346 inhabitants");
  }

  @Test
  void anAgglomerationWithAMemberAboveThirtyThousandIsEssential() {
    // CA Quimper Bretagne Occidentale: Quimper has 64,385 inhabitants.
    assertThat(epci("200068120").nis2().derived()).isEqualTo(Nis2Status.ESSENTIAL);
  }

  @Test
  void anAgglomerationWithoutSuchAMemberIsImportant() {
    // CA Lannion-Trégor Communauté: Lannion, its largest commune, has about 20,000.
    Triage triage = epci("200065928");
    assertThat(triage.nis2().derived()).isEqualTo(Nis2Status.IMPORTANT);
    assertThat(triage.criticality()).isEqualTo(Criticality.C3);
  }

  @Test
  void aCommunauteDeCommunesIsNotDerived() {
    String cc =
        EPCI.values().stream().filter(r -> r.get(2).equals("CC")).findFirst().orElseThrow().get(0);
    assertThat(epci(cc).nis2().derived()).isEqualTo(Nis2Status.NONE);
  }

  @Test
  void aDeclaredStatusIsKeptWhenHigherThanTheDerivedOne() {
    List<String> row = COMMUNES.get("29212");
    Victim declared =
        new Victim(
            VictimType.COMMUNE,
            row.get(1),
            row.get(4),
            "29212",
            "29",
            "53",
            Integer.valueOf(row.get(5)),
            null,
            Nis2Status.IMPORTANT,
            false,
            false,
            null,
            true,
            false);
    Triage triage =
        ENGINE.assess(declared, Locality.NONE, I.of(Threat.MALWARE).build(), Fixtures.NOW);
    assertThat(triage.nis2())
        .isEqualTo(new Nis2Assessment(Nis2Status.IMPORTANT, Nis2Status.NONE, Nis2Status.IMPORTANT));
  }
}
