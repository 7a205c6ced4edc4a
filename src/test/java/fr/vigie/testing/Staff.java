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

  /**
   * A user of the role, logged in. A PROVIDER user is bound to a new provider an administrator adds
   * over HTTP first; {@link #provider} binds one to a given provider.
   */
  @SuppressWarnings("unchecked")
  public static String token(UserService users, HttpClient client, String role) {
    if ("PROVIDER".equals(role)) {
      Map<String, Object> created =
          client
              .toBlocking()
              .retrieve(
                  HttpRequest.POST("/api/v1/providers", Providers.provider().request())
                      .bearerAuth(token(users, client, "ADMIN")),
                  Map.class);
      return provider(users, client, ((Number) created.get("id")).longValue());
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
