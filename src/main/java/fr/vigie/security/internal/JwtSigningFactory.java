package fr.vigie.security.internal;

import com.nimbusds.jose.JWSAlgorithm;
import fr.vigie.security.Secrets;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The HS256 key that signs and verifies staff tokens: {@code VIGIE_JWT_SECRET} when set (at least
 * 32 characters), else a random secret kept in the database. There is no default key.
 */
@Factory
final class JwtSigningFactory {

  @Singleton
  @Named("generator")
  SignatureGeneratorConfiguration signature(
      @Nullable @Value("${vigie.jwt.secret:}") String configured, Secrets secrets) {
    String secret = configured == null || configured.isBlank() ? secrets.get("jwt") : configured;
    if (secret.length() < 32) {
      throw new IllegalStateException("VIGIE_JWT_SECRET must be at least 32 characters long");
    }
    SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
    configuration.setSecret(secret);
    configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
    return new SecretSignature(configuration);
  }
}
