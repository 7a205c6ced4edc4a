package fr.vigie.intake.web;

import fr.vigie.geo.Commune;
import fr.vigie.geo.GeoDirectory;
import jakarta.inject.Singleton;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the commune a victim typed, without JavaScript: a name, a postal code, an INSEE code, or
 * the « Plouzané (29280) » a suggestion filled in. One match is taken; several are offered as a
 * choice; none is a mistake to correct.
 */
@Singleton
final class CommuneFinder {

  static final int MAX_CHOICES = 12;
  private static final Pattern NAME_AND_POSTAL = Pattern.compile("(.+?)\\s*\\((\\d{5})\\)");

  /** What the text designates: {@code found}, else the {@code choices} (empty: nothing). */
  record Found(Commune found, List<Commune> choices) {}

  private final GeoDirectory geo;

  CommuneFinder(GeoDirectory geo) {
    this.geo = geo;
  }

  Found find(String typed) {
    String text = typed == null ? "" : typed.strip();
    if (text.isEmpty() || text.length() > 100) {
      return new Found(null, List.of());
    }
    Matcher m = NAME_AND_POSTAL.matcher(text);
    if (m.matches()) {
      List<Commune> same =
          geo.byPostalCode(m.group(2), MAX_CHOICES).stream()
              .filter(c -> norm(c.name()).equals(norm(m.group(1))))
              .toList();
      if (same.size() == 1) {
        return new Found(same.get(0), List.of());
      }
      text = m.group(1);
    }
    if (text.matches("\\d{5}")) {
      List<Commune> served = geo.byPostalCode(text, MAX_CHOICES);
      if (served.isEmpty()) {
        return geo.commune(text)
            .map(c -> new Found(c, List.of()))
            .orElse(new Found(null, List.of()));
      }
      return served.size() == 1 ? new Found(served.get(0), List.of()) : new Found(null, served);
    }
    if (text.matches("2[AB]\\d{3}")) {
      return geo.commune(text).map(c -> new Found(c, List.of())).orElse(new Found(null, List.of()));
    }
    List<Commune> named = geo.search(text, MAX_CHOICES);
    String wanted = norm(text);
    List<Commune> exact = named.stream().filter(c -> norm(c.name()).equals(wanted)).toList();
    if (exact.size() == 1) {
      return new Found(exact.get(0), List.of());
    }
    if (named.size() == 1) {
      return new Found(named.get(0), List.of());
    }
    return new Found(null, exact.isEmpty() ? named : exact);
  }

  /** « Plouzané (29280) »: how a commune is shown, and read back. */
  static String label(Commune c) {
    return c.postalCodes().isEmpty()
        ? c.name() + " (" + c.departement() + ")"
        : c.name() + " (" + c.postalCodes().get(0) + ")";
  }

  private static String norm(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replaceAll("[^A-Za-z0-9]+", " ")
        .strip()
        .toLowerCase(Locale.ROOT);
  }
}
