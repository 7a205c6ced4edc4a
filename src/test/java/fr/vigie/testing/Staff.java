package fr.vigie.testing;

import fr.vigie.security.UserService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates a staff user with the given role and logs it in over HTTP: returns a bearer token. */
public final class Staff {

  public static final String PASSWORD = "correct-horse-battery-staple";

  private Staff() {}

  /** A staff member of a desk role; a PROVIDER user needs its provider: {@link #provider}. */
  public static String token(UserService users, HttpClient client, String role) {
    if ("PROVIDER".equals(role)) {
      throw new IllegalArgumentException("a PROVIDER user is bound to a provider: use provider()");
    }
    String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(new UserService.NewUser(username, PASSWORD, List.of(role), null));
    return login(client, username, PASSWORD);
  }

  /** A PROVIDER user of {@code providerId}, logged in. */
  public static String provider(UserService users, HttpClient client, long providerId) {
    String username = "provider-" + UUID.randomUUID().toString().substring(0, 8);
    users.create(new UserService.NewUser(username, PASSWORD, List.of("PROVIDER"), providerId));
    return login(client, username, PASSWORD);
  }

  @SuppressWarnings("unchecked")
  public static String login(HttpClient client, String username, String password) {
    Map<String, Object> answer =
        client
            .toBlocking()
            .retrieve(
                HttpRequest.POST("/login", Map.of("username", username, "password", password)),
                Map.class);
    return (String) answer.get("access_token");
  }
}
