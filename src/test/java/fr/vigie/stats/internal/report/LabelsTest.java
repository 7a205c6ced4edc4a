package fr.vigie.stats.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.stats.SizeBand;
import fr.vigie.stats.VictimCategory;
import fr.vigie.triage.RsitTaxonomy;
import fr.vigie.web.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The yearly report says the statistics' codes in the dashboard's words: one catalogue. */
class LabelsTest {

  static final Messages CATALOGUE = new Messages();

  @Test
  void everyCodeOfTheReportIsSaidFromTheCatalogue() {
    List<String> missing = new ArrayList<>();
    check(missing, "stats.victimCategory.", Labels::category, names(VictimCategory.values()));
    check(missing, "stats.sizeBand.", Labels::sizeBand, names(SizeBand.values()));
    List<String> classes = new ArrayList<>(RsitTaxonomy.classes());
    classes.add("UNKNOWN");
    check(missing, "stats.rsitClass.", Labels::rsitClass, classes);
    check(missing, "stats.severity.", Labels::severity, List.of("P1", "P2", "P3", "P4", "UNKNOWN"));
    assertThat(missing).isEmpty();
    assertThat(Labels.severity("P1")).isEqualTo("P1 — très urgente");
  }

  static void check(
      List<String> missing, String prefix, UnaryOperator<String> label, List<String> codes) {
    for (String code : codes) {
      String text = CATALOGUE.find(prefix + code);
      if (text == null || !label.apply(code).equals(text)) {
        missing.add(prefix + code);
      }
    }
  }

  static List<String> names(Enum<?>[] values) {
    List<String> names = new ArrayList<>();
    for (Enum<?> v : values) {
      names.add(v.name());
    }
    return names;
  }
}
