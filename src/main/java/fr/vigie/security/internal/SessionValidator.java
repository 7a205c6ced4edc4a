package fr.vigie.security.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Revocation of staff tokens: a token is good only while its session version ({@code sv}) is the
 * user's current one and the account is enabled. Logout, disabling the account and changing its
 * roles or password bump the version, so every token issued before stops at once, on every
 * instance. One indexed look-up per staff request, on the blocking executor ({@code
 * micronaut.security.token.jwt.nimbus.reactive-validator-execute-on-blocking}).
 */
@Singleton
final class SessionValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

  static final String VERSION_CLAIM = "sv";

  private final Users users;

  SessionValidator(Users users) {
    this.users = users;
  }

  @Override
  public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
    Object subject = claims.get(Claims.SUBJECT);
    Object version = claims.get(VERSION_CLAIM);
    if (!(subject instanceof String username) || !(version instanceof Number number)) {
      return false;
    }
    Optional<Integer> current = users.sessionVersion(username);
    return current.isPresent() && current.get() == number.longValue();
  }
}
