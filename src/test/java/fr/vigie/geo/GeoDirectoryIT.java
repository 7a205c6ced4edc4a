package fr.vigie.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The geo service over the real reference loaded in PostgreSQL (COG 2026). */
@MicronautTest(transactional = false)
class GeoDirectoryIT {

  private static final int NIS2_COMMUNE_THRESHOLD = 30_000;

  @Inject GeoDirectory geo;

  @Test
  void brestIsACommuneAboveThirtyThousandInhabitantsInBrestMetropole() {
    Commune brest = geo.commune("29019").orElseThrow();
    assertEquals("Brest", brest.name());
    assertEquals("29", brest.departement());
    assertEquals("53", brest.region());
    assertEquals("212900195", brest.siren());
    assertEquals("242900314", brest.epciSiren());
    assertTrue(brest.population() > NIS2_COMMUNE_THRESHOLD, "Brest: " + brest.population());
  }

  @Test
  void plouzaneIsFoundByCodeAndBySirenAndIsBelowThirtyThousand() {
    Commune plouzane = geo.communeBySiren("212902126").orElseThrow();
    assertEquals(geo.commune("29212"), Optional.of(plouzane));
    assertEquals("Plouzané", plouzane.name());
    assertEquals(List.of("29280"), plouzane.postalCodes());
    assertTrue(plouzane.population() > 10_000 && plouzane.population() < NIS2_COMMUNE_THRESHOLD);
  }

  @Test
  void corsicanCodesAreStringsAndCaseDoesNotMatter() {
    assertEquals("Ajaccio", geo.commune(" 2a004 ").orElseThrow().name());
    assertEquals(Optional.of("94"), geo.regionOfDepartement("2A"));
    assertEquals(Optional.of("53"), geo.regionOfDepartement("29"));
    assertEquals(Optional.of("04"), geo.regionOfDepartement("974"));
  }

  @Test
  void malformedOrUnknownIdentifiersFindNothing() {
    assertEquals(Optional.empty(), geo.commune("29 212"));
    assertEquals(Optional.empty(), geo.commune("99999"));
    assertEquals(Optional.empty(), geo.commune(null));
    assertEquals(Optional.empty(), geo.communeBySiren("21290212"));
    assertEquals(Optional.empty(), geo.epciBySiren("242900314' OR '1'='1"));
    assertEquals(Optional.empty(), geo.regionOfDepartement("20"));
  }

  @Test
  void brestMetropoleIsAMetropoleWithItsEightMembers() {
    Epci metropole = geo.epciBySiren("242900314").orElseThrow();
    assertEquals("Brest Métropole", metropole.name());
    assertEquals(EpciType.METRO, metropole.type());
    assertTrue(metropole.type().isMetropoleOrUrbanOrAgglo());
    assertEquals(8, metropole.members().size());
    assertEquals("29019", metropole.members().get(0).communeCode(), "largest member first");
    assertTrue(metropole.members().stream().anyMatch(m -> m.communeCode().equals("29212")));
    assertTrue(metropole.hasMemberAbove(NIS2_COMMUNE_THRESHOLD));
  }

  @Test
  void agglomerationWithAMemberAboveThirtyThousand() {
    Epci quimper = geo.epciBySiren("200068120").orElseThrow();
    assertEquals("CA Quimper Bretagne Occidentale", quimper.name());
    assertEquals(EpciType.CA, quimper.type());
    assertTrue(quimper.type().isAgglomeration());
    assertEquals("29232", quimper.members().get(0).communeCode());
    assertTrue(quimper.hasMemberAbove(NIS2_COMMUNE_THRESHOLD));
  }

  @Test
  void agglomerationWithoutAMemberAboveThirtyThousand() {
    Epci morlaix = geo.epciBySiren("242900835").orElseThrow();
    assertEquals(EpciType.CA, morlaix.type());
    assertTrue(morlaix.members().size() > 20);
    assertTrue(morlaix.members().stream().allMatch(m -> m.population() != null));
    assertFalse(morlaix.hasMemberAbove(NIS2_COMMUNE_THRESHOLD));
  }

  @Test
  void searchPutsTheMostPopulatedCommuneFirst() {
    assertEquals("42218", geo.search("saint etienne", 5).get(0).code());
    assertEquals("42218", geo.search("SAINT-ÉTIENNE", 5).get(0).code());
    assertEquals("29019", geo.search("brest", 5).get(0).code());
    assertEquals(List.of(), geo.search("--", 5));
  }

  @Test
  void aPostalCodeIsNotAnInseeCode() {
    // 29280 is Plouzané's postal code and Telgruc-sur-Mer's INSEE code.
    List<String> codes = geo.byPostalCode("29280", 10).stream().map(Commune::code).toList();
    assertEquals(List.of("29130", "29212"), codes);
  }
}
