package fr.vigie.security.internal;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Login rules, from configuration: {@code vigie.security.lockout.max-failures} failed logins within
 * {@code window} (counted from the first) lock the account for {@code duration}; a refresh token
 * lives {@code vigie.security.refresh-token.lifetime}.
 */
@Singleton
final class SecuritySettings {

  final int maxFailures;
  final Duration window;
  final Duration lockFor;
  final Duration refreshLifetime;

  SecuritySettings(
      @Value("${vigie.security.lockout.max-failures:5}") int maxFailures,
      @Value("${vigie.security.lockout.window:15m}") Duration window,
      @Value("${vigie.security.lockout.duration:15m}") Duration lockFor,
      @Value("${vigie.security.refresh-token.lifetime:12h}") Duration refreshLifetime) {
    if (maxFailures < 1 || window.isNegative() || lockFor.isNegative()) {
      throw new IllegalStateException("vigie.security.lockout: max-failures ≥ 1, durations ≥ 0");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.lockFor = lockFor;
    this.refreshLifetime = refreshLifetime;
  }
}
