package fr.vigie.testing;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static fr.vigie.testing.ContractClient.etag;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import java.util.List;
import java.util.Map;

/**
 * An analyst's calls on tickets through {@link ContractClient}: each checks the status the test
 * expects and what the contract declares, the ETag of every ticket it answers, and that the
 * contract accepts a body the server applied or refuses one the server refused as a broken rule.
 */
public final class TicketCalls {

  public static final String REPORTS = "/api/v1/reports";
  public static final String TICKETS = "/api/v1/tickets";
  public static final String TICKET = "/api/v1/tickets/{reference}";
  public static final String TRANSITIONS = "/api/v1/tickets/{reference}/transitions";
  public static final String MERGE = "/api/v1/tickets/{reference}/merge";
  public static final String NOTES = "/api/v1/tickets/{reference}/notes";
  public static final String CALLS = "/api/v1/tickets/{reference}/calls";
  public static final String MESSAGES = "/api/v1/tickets/{reference}/messages";
  public static final String ASSIGN = "/api/v1/tickets/{reference}/assign";
  public static final String TIMELINE = "/api/v1/tickets/{reference}/timeline";

  /** A reference no ticket has. */
  public static final String UNKNOWN = "BZH-2000-999999";

  private final ContractClient api;
  private final String token;

  public TicketCalls(ContractClient api, String token) {
    this.api = api;
    this.token = token;
  }

  /** Submits a report (public, 201) and returns the receipt. */
  public Map<String, Object> receiptBody(ReportJson report) {
    return api.exchange(201, REPORTS, postJson(REPORTS, report.body())).json();
  }

  /** Submits a report and returns its reference. */
  public String receipt(ReportJson report) {
    return (String) receiptBody(report).get("reference");
  }

  public Http.Answer read(String reference) {
    Http.Answer ticket = api.exchange(200, TICKET, get(TICKETS + "/" + reference));
    etag(ticket);
    return ticket;
  }

  public Http.Answer queue(String query) {
    return api.exchange(200, TICKETS, get(TICKETS + "?" + query));
  }

  public Http.Answer transition(int status, String reference, String body) {
    return transition(status, reference, body, null);
  }

  public Http.Answer transition(int status, String reference, String body, String ifMatch) {
    if (status == 200) {
      assertThat(CONTRACT.requestViolations("POST", TRANSITIONS, body)).as(body).isEmpty();
    }
    return changed(status, TRANSITIONS, reference, "transitions", body, ifMatch);
  }

  /** A rule the contract's schema states too, and the fields the server names (422). */
  public void refusedTransition(String reference, String body, String... fields) {
    assertThat(CONTRACT.requestViolations("POST", TRANSITIONS, body))
        .as("the contract refuses %s", body)
        .isNotEmpty();
    assertThat(transition(422, reference, body).errorFields()).as(body).containsExactly(fields);
  }

  public Http.Answer merge(int status, String duplicate, String body, String ifMatch) {
    return changed(status, MERGE, duplicate, "merge", body, ifMatch);
  }

  public void refusedMerge(String duplicate, String body) {
    assertThat(merge(422, duplicate, body, null).errorFields()).as(body).containsExactly("into");
  }

  public Http.Answer assign(int status, String reference, String body, String ifMatch) {
    return changed(status, ASSIGN, reference, "assign", body, ifMatch);
  }

  /** A note, a call or a message: {@code segment} is the last path segment of the operation. */
  public Http.Answer activity(
      int status, String template, String reference, String segment, String body) {
    return api.exchange(
        status,
        template,
        postJson(TICKETS + "/" + reference + "/" + segment, body).bearerAuth(token));
  }

  public void refusedActivity(
      String template, String reference, String segment, String body, String field) {
    assertThat(CONTRACT.requestViolations("POST", template, body))
        .as("the contract refuses %s", body)
        .isNotEmpty();
    assertThat(activity(422, template, reference, segment, body).errorFields())
        .as(body)
        .containsExactly(field);
  }

  public List<Map<String, Object>> timeline(String reference) {
    return items(api.exchange(200, TIMELINE, get(TICKETS + "/" + reference + "/timeline")));
  }

  public MutableHttpRequest<?> get(String path) {
    return HttpRequest.GET(path).bearerAuth(token);
  }

  public static MutableHttpRequest<?> postJson(String path, Object body) {
    return HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> items(Http.Answer page) {
    return (List<Map<String, Object>>) page.json().get("items");
  }

  public static List<String> references(Http.Answer page) {
    return items(page).stream().map(i -> (String) i.get("reference")).toList();
  }

  /** A change of the ticket: with If-Match when given, and its ETag checked when it applies. */
  private Http.Answer changed(
      int status, String template, String reference, String segment, String body, String ifMatch) {
    MutableHttpRequest<?> request = postJson(TICKETS + "/" + reference + "/" + segment, body);
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    Http.Answer answer = api.exchange(status, template, request.bearerAuth(token));
    if (status == 200) {
      etag(answer);
    }
    return answer;
  }
}
