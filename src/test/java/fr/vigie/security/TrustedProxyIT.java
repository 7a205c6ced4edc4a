package fr.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.testing.Http;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Behind a trusted proxy, each client behind it counts on its own. */
@MicronautTest(transactional = false)
@Property(name = "vigie.rate-limit.enabled", value = "true")
@Property(name = "vigie.rate-limit.trusted-proxies", value = "127.0.0.0/8,::1")
@Property(name = "vigie.rate-limit.questionnaire.capacity", value = "2")
@Property(name = "vigie.rate-limit.questionnaire.period", value = "1h")
class TrustedProxyIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;

  int get(String forwardedFor) {
    var request = HttpRequest.GET("/api/v1/intake/questionnaire");
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    return new Http(client, json).send(request).status();
  }

  @Test
  void theClientBehindATrustedProxyIsTheRightMostUntrustedAddress() {
    assertThat(get("203.0.113.7")).isEqualTo(200);
    assertThat(get("203.0.113.7")).isEqualTo(200);
    assertThat(get("203.0.113.7")).isEqualTo(429);
    assertThat(get("203.0.113.8")).as("another client behind the proxy").isEqualTo(200);
    assertThat(get("192.0.2.1, 203.0.113.7"))
        .as("a left-most address the client wrote itself does not help")
        .isEqualTo(429);
    assertThat(get("203.0.113.7, 127.0.0.1")).as("a chain of trusted proxies").isEqualTo(429);
    assertThat(get("2001:db8:1:2::5")).isEqualTo(200);
    assertThat(get("2001:db8:1:2::6")).isEqualTo(200);
    assertThat(get("2001:db8:1:2:ffff::1")).as("the same IPv6 /64").isEqualTo(429);
    assertThat(get("not-an-address")).as("garbage: the proxy's own address counts").isEqualTo(200);
  }
}
