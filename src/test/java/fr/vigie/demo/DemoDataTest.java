package fr.vigie.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmarks' psql script, turned into statements one JDBC transaction can run. */
class DemoDataTest {

  static String script() throws IOException {
    try (var in = DemoData.class.getClassLoader().getResourceAsStream(DemoData.SCRIPT)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void thePsqlScriptBecomesPlainStatementsWithItsVariablesSet() throws IOException {
    Instant end = Instant.parse("2027-03-28T00:30:00Z");
    List<String> statements = DemoData.statements(script(), 6000, 548, "DEMO", end);

    assertThat(statements).hasSizeGreaterThan(10);
    assertThat(statements)
        .noneMatch(s -> s.startsWith("\\") || s.contains("\n\\"))
        .noneMatch(s -> s.matches("(?s)(BEGIN|COMMIT|SET|VACUUM)\\b.*"))
        .noneMatch(s -> s.matches("(?s).*(?<![:\\w]):(n|end|days|'prefix')\\b.*"));
    String all = String.join(";\n", statements);
    assertThat(all)
        .contains("generate_series(1, 6000)")
        .contains("* 548 * interval '1 day'")
        .contains("('2027-03-28T00:30:00Z')::timestamptz")
        .contains("SELECT 'DEMO' || '-'")
        // PostgreSQL casts are not variables.
        .contains("::double precision")
        .contains("::timestamptz");
  }

  @Test
  void commentsMayHoldSemicolonsAndColonsWithoutSplittingAStatement() {
    String script =
        "-- one; two :n\n\\set n 5\nSELECT :n, 'x'::text, :'prefix'\n  FROM t;\nVACUUM t;\n";
    assertThat(DemoData.statements(script, 3, 1, "DEMO", Instant.EPOCH))
        .containsExactly("SELECT 3, 'x'::text, 'DEMO'\n  FROM t");
  }
}
