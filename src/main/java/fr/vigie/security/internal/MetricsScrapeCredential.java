package fr.vigie.security.internal;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * The Prometheus scrape credential (issue 16, finding 8): {@code /metrics} shows live intake and
 * NIS2 clock counts that the statistics withhold for 30 days, so it is not public. A scraper sends
 * {@code Authorization: Bearer <VIGIE_METRICS_TOKEN>} and is authenticated as {@code
 * metrics-scraper} with the single role {@code METRICS}, on {@code /metrics} only: the credential
 * opens nothing else (no other operation admits that role). Unset (the default), only an
 * administrator's token reads the metrics. The token must have 32 characters or more; it is
 * compared by its SHA-256 in constant time.
 */
@Singleton
final class MetricsScrapeCredential implements AuthenticationFetcher<HttpRequest<?>> {

  static final String ROLE = "METRICS";

  private final byte[] expected;

  MetricsScrapeCredential(@Nullable @Value("${vigie.metrics.token:}") String token) {
    if (token == null || token.isEmpty()) {
      this.expected = null;
    } else if (token.length() < 32) {
      throw new IllegalStateException("vigie.metrics.token: 32 characters or more");
    } else {
      this.expected = sha256(token);
    }
  }

  @Override
  public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
    if (expected == null || !request.getPath().equals("/metrics")) {
      return Publishers.empty();
    }
    String header = request.getHeaders().getAuthorization().orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Publishers.empty();
    }
    if (!MessageDigest.isEqual(expected, sha256(header.substring(7).strip()))) {
      return Publishers.empty();
    }
    return Publishers.just(Authentication.build("metrics-scraper", List.of(ROLE)));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
