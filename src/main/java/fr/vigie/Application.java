package fr.vigie;

import io.micronaut.runtime.Micronaut;

/** Entry point of Vigie, the incident desk of a French regional CSIRT. */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
