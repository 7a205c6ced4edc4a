package fr.vigie.triage;

import fr.vigie.tickets.Threat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The structural rules a catalogue must meet for Vigie to start: a version, exactly one complete
 * entry per {@link Threat}, and first aid whose codes mean one text. Wording rules (length, tone)
 * are checked by the tests, where a reviewer reads them.
 */
final class CatalogueCheck {

  private CatalogueCheck() {}

  /** Every problem found, in plain words; empty when the catalogue is usable. */
  static List<String> problems(CatalogueFile file) {
    List<String> problems = new ArrayList<>();
    if (file == null || file.threats() == null) {
      return List.of("no \"threats\" list");
    }
    if (blank(file.version())) {
      problems.add("no \"version\"");
    }
    EnumSet<Threat> seen = EnumSet.noneOf(Threat.class);
    Map<String, String> texts = new HashMap<>();
    for (int i = 0; i < file.threats().size(); i++) {
      ThreatEntry entry = file.threats().get(i);
      String where = "threats[" + i + "]";
      if (entry == null || entry.threat() == null) {
        problems.add(where + ": no known \"threat\"");
        continue;
      }
      where = entry.threat().name();
      if (!seen.add(entry.threat())) {
        problems.add(where + ": listed twice");
      }
      if (blank(entry.label()) || blank(entry.description())) {
        problems.add(where + ": \"label\" and \"description\" are required");
      }
      if (entry.rsit() == null
          || blank(entry.rsit().rsitClass())
          || blank(entry.rsit().rsitType())) {
        problems.add(where + ": \"rsit\" needs a \"class\" and a \"type\"");
      }
      if (entry.firstAid() == null || entry.firstAid().isEmpty()) {
        problems.add(where + ": no \"firstAid\"");
        continue;
      }
      for (FirstAid aid : entry.firstAid()) {
        if (aid == null || blank(aid.code()) || blank(aid.text())) {
          problems.add(where + ": a \"firstAid\" item needs a \"code\" and a \"text\"");
        } else if (!texts.computeIfAbsent(aid.code(), c -> aid.text()).equals(aid.text())) {
          problems.add(where + ": first aid " + aid.code() + " has another text elsewhere");
        }
      }
    }
    for (Threat missing : EnumSet.complementOf(seen)) {
      problems.add(missing.name() + ": no entry");
    }
    return problems;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
