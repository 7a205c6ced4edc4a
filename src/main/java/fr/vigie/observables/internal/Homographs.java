package fr.vigie.observables.internal;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.Set;

/**
 * Spots internationalised labels made to look like Latin ones ({@code аpple} with a Cyrillic а,
 * {@code раураl} all Cyrillic): a label mixing scripts, or a label in one non-Latin script written
 * only with letters that have a Latin look-alike. It flags, it does not refuse: a phishing domain
 * is exactly what the desk wants to record.
 */
final class Homographs {

  /** Cyrillic and Greek letters that render like Latin ones in common fonts (UTS #39 subset). */
  private static final Set<Integer> LOOK_ALIKES =
      "аеорсухіјѕԁӏһԛԝвкмнтїёοανειкρτυχβηιμζ"
          .codePoints()
          .boxed()
          .collect(java.util.stream.Collectors.toSet());

  private Homographs() {}

  static boolean suspicious(String label) {
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    boolean allLookAlike = true;
    for (int cp : label.codePoints().toArray()) {
      UnicodeScript script = UnicodeScript.of(cp);
      if (script == UnicodeScript.COMMON || script == UnicodeScript.INHERITED) {
        continue;
      }
      scripts.add(script);
      if (script != UnicodeScript.LATIN && !LOOK_ALIKES.contains(cp)) {
        allLookAlike = false;
      }
    }
    if (scripts.size() > 1) {
      return true;
    }
    return scripts.size() == 1
        && !scripts.contains(UnicodeScript.LATIN)
        && allLookAlike
        && (scripts.contains(UnicodeScript.CYRILLIC) || scripts.contains(UnicodeScript.GREEK));
  }
}
