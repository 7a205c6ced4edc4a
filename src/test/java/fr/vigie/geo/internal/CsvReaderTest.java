package fr.vigie.geo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static List<List<String>> parse(String text) {
    CsvReader reader = new CsvReader(new StringReader(text));
    List<List<String>> rows = new ArrayList<>();
    for (List<String> row = reader.next(); row != null; row = reader.next()) {
      rows.add(row);
    }
    return rows;
  }

  @Test
  void readsPlainFieldsAndKeepsEmptyOnes() {
    assertEquals(
        List.of(List.of("code", "siren"), List.of("98611", ""), List.of("29212", "212902126")),
        parse("code,siren\n98611,\n29212,212902126\n"));
  }

  @Test
  void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
    assertEquals(
        List.of(
            List.of("200006682", "CA Beaune, Côte et Sud", "CA"),
            List.of("1", "CA \"Saintes\" - L'Agglo", "x\ny")),
        parse(
            "200006682,\"CA Beaune, Côte et Sud\",CA\r\n"
                + "1,\"CA \"\"Saintes\"\" - L'Agglo\",\"x\ny\"\n"));
  }

  @Test
  void acceptsAMissingFinalLineBreak() {
    assertEquals(List.of(List.of("a", "b")), parse("a,b"));
  }

  @Test
  void emptyInputHasNoRecord() {
    assertNull(new CsvReader(new StringReader("")).next());
  }

  @Test
  void rejectsMalformedQuoting() {
    assertThrows(IllegalArgumentException.class, () -> parse("\"unterminated,b\n"));
    assertThrows(IllegalArgumentException.class, () -> parse("a\"b,c\n"));
    assertThrows(IllegalArgumentException.class, () -> parse("\"a\"b,c\n"));
  }
}
