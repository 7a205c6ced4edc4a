package fr.vigie.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The system clock in UTC; tests replace this bean to move time exactly. */
@Factory
final class ClockFactory {

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
