package fr.vigie.geo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameNormalizerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Plouzané                  | plouzane
          plouzane                  | plouzane
          Saint-Étienne             | saint etienne
          saint etienne             | saint etienne
          SAINT-ÉTIENNE             | saint etienne
          L'Haÿ-les-Roses           | l hay les roses
          L’Île-d’Yeu               | l ile d yeu
          Œuilly                    | oeuilly
          Saint-Cœur                | saint coeur
          '  Brest  '               | brest
          Entrecasteaux (Var)       | entrecasteaux var
          '%'                       | ''
          '_'                       | ''
          '''; DROP TABLE x; --'    | drop table x
          """)
  void normalisesLikeTheStoredSearchColumn(String input, String expected) {
    assertEquals(expected, NameNormalizer.normalize(input));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Plouzané", "Saint-Étienne", "L'Abergement-Clémenciat", "Œuf-en-Ternois"})
  void normalisingTwiceChangesNothing(String name) {
    String once = NameNormalizer.normalize(name);
    assertEquals(once, NameNormalizer.normalize(once));
  }
}
