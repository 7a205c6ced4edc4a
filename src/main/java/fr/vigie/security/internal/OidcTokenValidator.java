package fr.vigie.security.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import fr.vigie.security.Role;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusts the access tokens of an external OpenID Connect issuer (Keycloak, ProConnect) when {@code
 * vigie.oidc.enabled=true}: signed with a key of its JWKS ({@code vigie.oidc.jwks-url}, fetched and
 * cached by Nimbus, re-fetched for an unknown key id), by an asymmetric algorithm only, with {@code
 * iss} exactly {@code vigie.oidc.issuer}, {@code vigie.oidc.audience} among {@code aud}, and within
 * {@code exp}/{@code nbf} on the injected clock (60 s of skew). Roles come from the claim {@code
 * vigie.oidc.roles-claim} (a dotted path, e.g. {@code realm_access.roles}) through {@code
 * vigie.oidc.role-mapping} ({@code csirt-analysts=ANALYST,...}): an external group that is not
 * mapped gives nothing, and a token with no mapped role is refused. The name is {@code
 * vigie.oidc.username-prefix} (default and never empty: {@code oidc:}) + {@code
 * vigie.oidc.username-claim}, so an external identity can never pass for a local account of the
 * same name. A {@code PROVIDER} needs its provider id in {@code vigie.oidc.provider-claim}.
 *
 * <p>Vigie's own tokens never reach this validator's checks: their issuer differs. Verification
 * runs on the blocking executor (a JWKS fetch is network I/O).
 */
@Singleton
@Requires(property = "vigie.oidc.enabled", value = "true")
final class OidcTokenValidator implements TokenValidator<HttpRequest<?>> {

  static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512,
          JWSAlgorithm.EdDSA);
  static final Duration SKEW = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(OidcTokenValidator.class);

  private final String issuer;
  private final String audience;
  private final String rolesClaim;
  private final String usernameClaim;
  private final String usernamePrefix;
  private final String providerClaim;
  private final Map<String, Role> mapping;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final Clock clock;
  private final ExecutorService executor;

  OidcTokenValidator(
      @Value("${vigie.oidc.issuer}") String issuer,
      @Value("${vigie.oidc.jwks-url}") String jwksUrl,
      @Value("${vigie.oidc.audience}") String audience,
      @Value("${vigie.oidc.roles-claim:roles}") String rolesClaim,
      @Value("${vigie.oidc.username-claim:preferred_username}") String usernameClaim,
      @Nullable @Value("${vigie.oidc.username-prefix:}") String usernamePrefix,
      @Value("${vigie.oidc.provider-claim:vigie_provider_id}") String providerClaim,
      @Value("${vigie.oidc.role-mapping}") List<String> roleMapping,
      Clock clock,
      @Named(TaskExecutors.BLOCKING) ExecutorService executor)
      throws MalformedURLException {
    this.issuer = issuer;
    this.audience = audience;
    this.rolesClaim = rolesClaim;
    this.usernameClaim = usernameClaim;
    // Never empty: an external "admin" must not be taken for the local one.
    this.usernamePrefix =
        usernamePrefix == null || usernamePrefix.isBlank() ? "oidc:" : usernamePrefix;
    this.providerClaim = providerClaim;
    this.clock = clock;
    this.executor = executor;
    this.mapping = parseMapping(roleMapping);
    JWKSource<SecurityContext> keys =
        JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).retrying(true).build();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    // Claims are checked below, against the injected clock.
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
  }

  static Map<String, Role> parseMapping(List<String> entries) {
    Map<String, Role> mapping = new LinkedHashMap<>();
    for (String entry : entries) {
      int equals = entry.lastIndexOf('=');
      if (equals <= 0) {
        throw new IllegalStateException(
            "vigie.oidc.role-mapping: expected external=ROLE, got " + entry);
      }
      mapping.put(
          entry.substring(0, equals).strip(), Role.valueOf(entry.substring(equals + 1).strip()));
    }
    return Map.copyOf(mapping);
  }

  @Override
  public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
      if (!(jwt instanceof SignedJWT) || !issuer.equals(jwt.getJWTClaimsSet().getIssuer())) {
        return Publishers.empty();
      }
    } catch (java.text.ParseException e) {
      return Publishers.empty();
    }
    return Publishers.fromCompletableFuture(
        CompletableFuture.supplyAsync(() -> authenticate(token), executor));
  }

  /** The authentication a valid token gives, or null. */
  Authentication authenticate(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (Exception e) {
      LOG.debug("External token refused: {}", e.getClass().getSimpleName());
      return null;
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    Date nbf = claims.getNotBeforeTime();
    if (!issuer.equals(claims.getIssuer())
        || claims.getAudience() == null
        || !claims.getAudience().contains(audience)
        || exp == null
        || !exp.toInstant().plus(SKEW).isAfter(now)
        || (nbf != null && nbf.toInstant().minus(SKEW).isAfter(now))) {
      return null;
    }
    Object name = claims.getClaim(usernameClaim);
    String username = name instanceof String text && !text.isBlank() ? text : claims.getSubject();
    if (username == null || username.length() > 128) {
      return null;
    }
    Long providerId = providerId(claims.getClaim(providerClaim));
    List<String> roles = new ArrayList<>();
    for (String external : values(claims.getClaims(), rolesClaim)) {
      Role role = mapping.get(external);
      if (role != null
          && !roles.contains(role.name())
          && (role != Role.PROVIDER || providerId != null)) {
        roles.add(role.name());
      }
    }
    if (roles.isEmpty()) {
      return null;
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("iss", issuer);
    // The page forms' anti-forgery token dies with this token (BrowserSessions.formToken).
    attributes.put("exp", exp.toInstant().getEpochSecond());
    attributes.put("sv", "oidc-" + exp.toInstant().getEpochSecond());
    if (providerId != null && roles.contains(Role.PROVIDER.name())) {
      attributes.put("providerId", providerId);
    }
    return Authentication.build(usernamePrefix + username, roles, attributes);
  }

  /** The strings at a dotted path of the claims: a list of strings, or one string. */
  static List<String> values(Map<String, Object> claims, String path) {
    Object node = claims;
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return List.of();
      }
      node = map.get(part);
    }
    if (node instanceof String text) {
      return List.of(text);
    }
    List<String> values = new ArrayList<>();
    if (node instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof String text) {
          values.add(text);
        }
      }
    }
    return values;
  }

  private static Long providerId(Object claim) {
    if (claim instanceof Number number && number.longValue() > 0) {
      return number.longValue();
    }
    if (claim instanceof String text && text.matches("[1-9][0-9]{0,17}")) {
      return Long.parseLong(text);
    }
    return null;
  }
}
