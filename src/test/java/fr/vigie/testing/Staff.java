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

  public static String token(UserService users, HttpClient client, String role) {
    String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Long providerId = "PROVIDER".equals(role) ? 1L : null;
    users.create(new UserService.NewUser(username, PASSWORD, List.of(role), providerId));
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
