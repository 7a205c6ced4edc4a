package fr.vigie.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What the contract tests share: the contract, read once per test JVM, and calls to the running
 * application whose answers are checked twice — the status the test expects, then what {@code
 * openapi/vigie.yaml} declares for that operation and status (media type, required headers, body
 * schema).
 */
public final class ContractClient {

  public static final OpenApiContract CONTRACT = OpenApiContract.load();

  private final Http http;
  private final JsonMapper json;

  public ContractClient(HttpClient client, JsonMapper json) {
    this.http = new Http(client, json);
    this.json = json;
  }

  /**
   * Sends the request, checks its status, then checks the answer against the contract's declaration
   * for {@code pathTemplate} (as written in the YAML) and that status.
   */
  public Http.Answer exchange(int status, String pathTemplate, MutableHttpRequest<?> request) {
    Http.Answer answer = http.send(request);
    String call = request.getMethodName() + " " + request.getUri();
    assertThat(answer.status()).as("status of %s, body %s", call, answer.body()).isEqualTo(status);
    assertThat(CONTRACT.violations(request.getMethodName(), pathTemplate, answer))
        .as("%s disagrees with %s", call, OpenApiContract.FILE)
        .isEmpty();
    return answer;
  }

  /**
   * The {@code ETag} of an answer carrying a ticket, checked to be the ticket's {@code version} as
   * the contract says ({@code "v<version>"}).
   */
  public static String etag(Http.Answer ticket) {
    String etag = ticket.header("ETag").orElse(null);
    assertThat(etag)
        .as("ETag of a ticket answer is its version")
        .isEqualTo("\"v" + ticket.json().get("version") + "\"");
    return etag;
  }

  /** What the contract says is wrong with {@code body} as the JSON request body of an operation. */
  public List<String> requestViolations(String method, String pathTemplate, Object body) {
    return CONTRACT.requestViolations(method, pathTemplate, write(body));
  }

  public String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
