package fr.vigie.geo.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a commune name, or what somebody typed, into the form stored in {@code
 * geo_commune.name_search}: lower case, no accents, every run of other characters (hyphens,
 * apostrophes, spaces, punctuation) turned into one space. So "plouzane" and "saint etienne" find
 * "Plouzané" and "Saint-Étienne", and "L'Haÿ-les-Roses" becomes "l hay les roses".
 *
 * <p>The same function computes the stored column and the query, so they cannot disagree. The
 * output only holds {@code [a-z0-9 ]}, which also keeps LIKE wildcards out of a search.
 */
public final class NameNormalizer {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

  private NameNormalizer() {}

  /** The search form of {@code text}; empty when it holds no letter or digit. */
  public static String normalize(String text) {
    // NFKD splits "é" into "e" + a combining accent (and "ﬁ" into "fi"); the marks then go.
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    String lower = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    // Ligatures have no decomposition: "Œuilly" must still match "oeuilly".
    String unligatured = lower.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
    return SEPARATORS.matcher(unligatured).replaceAll(" ").strip();
  }
}
