package fr.vigie.geo;

import java.util.Optional;

@jakarta.inject.Singleton
public class GeoDirectory {
  public Optional<Commune> commune(String c) {
    return Optional.empty();
  }

  public Optional<Epci> epciBySiren(String c) {
    return Optional.empty();
  }
}
