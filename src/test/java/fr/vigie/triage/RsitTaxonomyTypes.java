package fr.vigie.triage;

import java.util.List;
import java.util.Map;

/**
 * Test access to the ENISA taxonomy the triage override checks against ({@code RsitTaxonomy.TYPES}
 * is package-private), so the contract test can compare the published vocabulary with it.
 */
public final class RsitTaxonomyTypes {

  private RsitTaxonomyTypes() {}

  /** The types of each RSIT class, as the override accepts them. */
  public static Map<String, List<String>> byClass() {
    return RsitTaxonomy.TYPES;
  }
}
