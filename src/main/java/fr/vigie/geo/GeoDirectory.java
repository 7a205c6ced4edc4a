package fr.vigie.geo;

import fr.vigie.geo.internal.NameNormalizer;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Read access to the geography reference: the module's public service.
 *
 * <p>Lookups take what a form or another module holds and are lenient about it: surrounding spaces
 * are ignored, a malformed code or SIREN simply finds nothing. Codes are strings ({@code 2A004}); a
 * lower-case Corsican code is accepted.
 */
@Singleton
public class GeoDirectory {

  /** Largest {@code limit} accepted by {@link #search} and {@link #byPostalCode}. */
  public static final int MAX_LIMIT = 100;

  private static final Pattern COMMUNE_CODE = Pattern.compile("([0-9]{2}|2A|2B)[0-9]{3}");
  private static final Pattern DEPARTEMENT_CODE = Pattern.compile("[0-9]{2}|2A|2B|9[78][0-9]");
  private static final Pattern SIREN = Pattern.compile("[0-9]{9}");
  private static final Pattern POSTAL_CODE = Pattern.compile("[0-9]{5}");

  private final CommuneQueries communes;
  private final EpciQueries epcis;

  // The reference only changes at start-up (its migration runs before the server takes requests):
  // what was found is kept, so an intake reads its commune from memory. Only hits are kept, so
  // hostile look-ups of codes that do not exist cannot grow these maps beyond the reference.
  private final Map<String, Commune> communesByCode = new ConcurrentHashMap<>();
  private final Map<String, Commune> communesBySiren = new ConcurrentHashMap<>();
  private final Map<String, Epci> epcisBySiren = new ConcurrentHashMap<>();
  private final Map<String, String> regions = new ConcurrentHashMap<>();

  GeoDirectory(CommuneQueries communes, EpciQueries epcis) {
    this.communes = communes;
    this.epcis = epcis;
  }

  /** The current commune with this INSEE code. */
  public Optional<Commune> commune(String inseeCode) {
    return valid(inseeCode, COMMUNE_CODE)
        .flatMap(c -> remembered(communesByCode, c, communes::byCode));
  }

  /** The commune with this SIREN (a mairie identifies itself by its SIREN). */
  public Optional<Commune> communeBySiren(String siren) {
    return valid(siren, SIREN).flatMap(s -> remembered(communesBySiren, s, communes::bySiren));
  }

  /** The EPCI with this SIREN, with its member communes, largest first. */
  public Optional<Epci> epciBySiren(String siren) {
    return valid(siren, SIREN).flatMap(s -> remembered(epcisBySiren, s, epcis::bySiren));
  }

  /**
   * Communes whose name starts with {@code text}, ignoring case, accents, hyphens and apostrophes
   * ("saint etienne" finds Saint-Étienne; abbreviations such as "st" are not expanded); the most
   * populated first, then by name. Text without a letter or digit finds nothing.
   */
  public List<Commune> search(String text, int limit) {
    checkLimit(limit);
    String prefix = text == null ? "" : NameNormalizer.normalize(text);
    return prefix.isEmpty() ? List.of() : communes.byNamePrefix(prefix, limit);
  }

  /** Communes served by this five-digit postal code, by name. */
  public List<Commune> byPostalCode(String postalCode, int limit) {
    checkLimit(limit);
    return valid(postalCode, POSTAL_CODE)
        .map(code -> communes.byPostalCode(code, limit))
        .orElse(List.of());
  }

  /** The région code of a département ({@code 29} → {@code 53}). */
  public Optional<String> regionOfDepartement(String code) {
    return valid(code, DEPARTEMENT_CODE)
        .flatMap(d -> remembered(regions, d, communes::regionOfDepartement));
  }

  /** The name of a département ({@code 29} → Finistère), for documents read by people. */
  public Optional<String> departementName(String code) {
    return Optional.ofNullable(code == null ? null : names().get("D" + code));
  }

  /** The name of a région ({@code 53} → Bretagne). */
  public Optional<String> regionName(String code) {
    return Optional.ofNullable(code == null ? null : names().get("R" + code));
  }

  private volatile Map<String, String> names;

  private Map<String, String> names() {
    Map<String, String> known = names;
    if (known == null) {
      known = Map.copyOf(communes.namesOfDepartementsAndRegions());
      names = known;
    }
    return known;
  }

  private static <T> Optional<T> remembered(
      Map<String, T> memory, String key, Function<String, Optional<T>> lookup) {
    T known = memory.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<T> found = lookup.apply(key);
    found.ifPresent(value -> memory.put(key, value));
    return found;
  }

  private static Optional<String> valid(String value, Pattern format) {
    if (value == null) {
      return Optional.empty();
    }
    String cleaned = value.strip().toUpperCase(Locale.ROOT);
    return format.matcher(cleaned).matches() ? Optional.of(cleaned) : Optional.empty();
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }
}
