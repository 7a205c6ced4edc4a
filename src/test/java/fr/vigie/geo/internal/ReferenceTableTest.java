package fr.vigie.geo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the committed reference files and their translation into COPY rows. */
class ReferenceTableTest {

  @Test
  void everyCommittedFileHasTheExpectedHeaderAndWellFormedRows() {
    for (ReferenceTable table : ReferenceTable.values()) {
      CsvReader csv = new CsvReader(new StringReader(ReferenceFiles.text(table.file())));
      assertEquals(table.header(), csv.next(), table.file());
      int rows = 0;
      for (List<String> row = csv.next(); row != null; row = csv.next()) {
        assertEquals(table.header().size(), row.size(), table.file() + " " + row);
        rows++;
      }
      assertTrue(rows > 0, table.file() + " is empty");
    }
  }

  @Test
  void aCommuneRowGetsItsSearchNameAndAPostalCodeArray() {
    List<String> row =
        List.of("2A004", "Ajaccio", "2A", "94", "212000046", "76320", "20000 20090", "242010056");
    assertEquals(
        Arrays.asList(
            "2A004",
            "Ajaccio",
            "ajaccio",
            "2A",
            "94",
            "212000046",
            "76320",
            "{20000,20090}",
            "242010056"),
        ReferenceTable.COMMUNE.toColumns(row));
  }

  @Test
  void emptyFieldsBecomeNullAndNoPostalCodeAnEmptyArray() {
    List<String> row = List.of("98411", "Îles Saint-Paul", "984", "984", "", "", "", "");
    assertEquals(
        Arrays.asList(
            "98411", "Îles Saint-Paul", "iles saint paul", "984", "984", null, null, "{}", null),
        ReferenceTable.COMMUNE.toColumns(row));
  }

  @Test
  void copyCsvWritesNullUnquotedAndQuotesWhatNeedsIt() {
    CopyCsv out = new CopyCsv();
    out.row(Arrays.asList("1", null, "", "a,b", "say \"hi\""));
    assertEquals("1,,\"\",\"a,b\",\"say \"\"hi\"\"\"\n", out.toString());
  }

  @Test
  void theChecksumDependsOnlyOnTheFiles() {
    assertEquals(ReferenceFiles.checksum(), ReferenceFiles.checksum());
  }

  @Test
  void theVersionNamesThePackageAndTheCogYear() {
    assertTrue(
        ReferenceFiles.version().matches("decoupage-administratif \\d+\\.\\d+\\.\\d+ cog \\d{4}"),
        ReferenceFiles.version());
  }
}
