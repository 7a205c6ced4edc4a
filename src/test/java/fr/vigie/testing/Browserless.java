package fr.vigie.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the pages that keeps cookies by hand and follows no redirect: what the server decides
 * (authorization tables, forged forms, session rules), without a browser.
 */
public final class Browserless {

  private static final Pattern SIGN_IN_TOKEN = Pattern.compile("name=\"jeton\" value=\"([^\"]+)\"");
  private static final Pattern SESSION_TOKEN =
      Pattern.compile(
          "action=\"/deconnexion\"><input type=\"hidden\" name=\"jeton\" value=\"([^\"]+)\"");

  public final Map<String, String> cookies = new LinkedHashMap<>();

  /** The last answer's body. */
  public String lastPage = "";

  /** A form token a test keeps for later posts (see {@link #formToken}). */
  public String token = "";

  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  public Browserless(String base) {
    this.base = base;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** A form posted with {@code origin} as its Origin header (none when null). */
  public HttpResponse<String> post(String path, String form, String origin) throws Exception {
    var builder =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (origin != null) {
      builder.header("Origin", origin);
    }
    return send(builder);
  }

  /** A form posted with {@code fetchSite} as its Sec-Fetch-Site header. */
  public HttpResponse<String> postWith(String path, String form, String fetchSite)
      throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Sec-Fetch-Site", fetchSite)
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** Signs in at /connexion with the test password, to come back to {@code back}. */
  public void signIn(String username, String back) throws Exception {
    get("/connexion");
    Matcher found = SIGN_IN_TOKEN.matcher(lastPage);
    assertThat(found.find()).as(lastPage).isTrue();
    var answer =
        post(
            "/connexion",
            "jeton="
                + found.group(1)
                + "&retour="
                + URLEncoder.encode(back, StandardCharsets.UTF_8)
                + "&identifiant="
                + username
                + "&motDePasse="
                + URLEncoder.encode(Staff.PASSWORD, StandardCharsets.UTF_8),
            null);
    assertThat(answer.statusCode()).as(lastPage).isEqualTo(303);
    assertThat(cookies).containsKey("vigie_session");
  }

  /** The session's form token, read from the sign-out form of {@code path}; empty when absent. */
  public String formToken(String path) throws Exception {
    get(path.equals("/connexion") ? "/accessibilite" : path);
    Matcher found = SESSION_TOKEN.matcher(lastPage);
    return found.find() ? found.group(1) : "";
  }

  private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
    if (!cookies.isEmpty()) {
      StringBuilder header = new StringBuilder();
      cookies.forEach(
          (k, v) ->
              header.append(header.length() == 0 ? "" : "; ").append(k).append('=').append(v));
      builder.header("Cookie", header.toString());
    }
    var answer = http.send(builder.build(), BodyHandlers.ofString());
    for (String set : answer.headers().allValues("Set-Cookie")) {
      String pair = set.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq);
      String value = pair.substring(eq + 1);
      if (value.isEmpty() || set.contains("Max-Age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    lastPage = answer.body();
    return answer;
  }
}
