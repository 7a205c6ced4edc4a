package fr.vigie.security.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.claims.ClaimsAudienceProvider;
import io.micronaut.security.token.claims.JtiGenerator;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.generator.claims.JWTClaimsSetGenerator;
import io.micronaut.security.token.jwt.validator.ExpirationJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import io.micronaut.security.token.jwt.validator.NotBeforeJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Date;

/**
 * Staff tokens are issued and checked against the injected {@link Clock} (Micronaut reads the wall
 * clock): the lifetime is what {@code micronaut.security.token.generator.access-token.expiration}
 * says, and tests move time to see a token expire.
 */
final class ClockedClaims {

  private ClockedClaims() {}

  /** {@code iat}, {@code nbf} and {@code exp} from the injected clock. */
  @Singleton
  @Replaces(JWTClaimsSetGenerator.class)
  static final class Generator extends JWTClaimsSetGenerator {
    private final Clock clock;

    Generator(
        TokenConfiguration tokenConfiguration,
        @Nullable JtiGenerator jwtIdGenerator,
        @Nullable ClaimsAudienceProvider claimsAudienceProvider,
        @Nullable ApplicationConfiguration applicationConfiguration,
        Clock clock) {
      super(tokenConfiguration, jwtIdGenerator, claimsAudienceProvider, applicationConfiguration);
      this.clock = clock;
    }

    @Override
    protected void populateIat(JWTClaimsSet.Builder builder) {
      builder.issueTime(Date.from(clock.instant()));
    }

    @Override
    protected void populateNbf(JWTClaimsSet.Builder builder) {
      builder.notBeforeTime(Date.from(clock.instant()));
    }

    @Override
    protected void populateExp(JWTClaimsSet.Builder builder, @Nullable Integer expiration) {
      if (expiration != null) {
        builder.expirationTime(Date.from(clock.instant().plusSeconds(expiration)));
      }
    }
  }

  /** A token past its {@code exp} is refused. */
  @Singleton
  @Replaces(ExpirationJwtClaimsValidator.class)
  static final class Expiration<T> implements GenericJwtClaimsValidator<T> {
    private final Clock clock;

    Expiration(Clock clock) {
      this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
      Date exp = JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims).getExpirationTime();
      return exp == null || exp.toInstant().isAfter(clock.instant());
    }
  }

  /** A token before its {@code nbf} is refused. */
  @Singleton
  @Replaces(NotBeforeJwtClaimsValidator.class)
  static final class NotBefore<T> implements GenericJwtClaimsValidator<T> {
    private final Clock clock;

    NotBefore(Clock clock) {
      this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
      Date nbf = JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims).getNotBeforeTime();
      return nbf == null || !nbf.toInstant().isAfter(clock.instant());
    }
  }
}
