package fr.vigie.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.security.UserService;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every legal and illegal transition of DESIGN.md §10, optimistic locking and races. */
@MicronautTest(transactional = false)
class LifecycleIT {

  /** How to reach each status from NEW, and where it may go next (written from DESIGN.md). */
  static final Map<TicketStatus, List<TicketStatus>> PATH =
      Map.of(
          TicketStatus.NEW, List.of(),
          TicketStatus.QUALIFIED, List.of(TicketStatus.QUALIFIED),
          TicketStatus.REFERRED, List.of(TicketStatus.QUALIFIED, TicketStatus.REFERRED),
          TicketStatus.IN_PROGRESS, List.of(TicketStatus.QUALIFIED, TicketStatus.IN_PROGRESS),
          TicketStatus.WAITING_ON_VICTIM,
              List.of(
                  TicketStatus.QUALIFIED, TicketStatus.IN_PROGRESS, TicketStatus.WAITING_ON_VICTIM),
          TicketStatus.RESOLVED,
              List.of(TicketStatus.QUALIFIED, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED),
          TicketStatus.CLOSED,
              List.of(
                  TicketStatus.QUALIFIED,
                  TicketStatus.IN_PROGRESS,
                  TicketStatus.RESOLVED,
                  TicketStatus.CLOSED),
          TicketStatus.ORIENTED, List.of(TicketStatus.ORIENTED),
          TicketStatus.REJECTED, List.of(TicketStatus.REJECTED));

  static final Map<TicketStatus, Set<TicketStatus>> LEGAL =
      Map.of(
          TicketStatus.NEW,
              EnumSet.of(TicketStatus.QUALIFIED, TicketStatus.ORIENTED, TicketStatus.REJECTED),
          TicketStatus.QUALIFIED,
              EnumSet.of(
                  TicketStatus.REFERRED,
                  TicketStatus.IN_PROGRESS,
                  TicketStatus.WAITING_ON_VICTIM,
                  TicketStatus.ORIENTED,
                  TicketStatus.REJECTED),
          TicketStatus.REFERRED,
              EnumSet.of(
                  TicketStatus.IN_PROGRESS, TicketStatus.WAITING_ON_VICTIM, TicketStatus.QUALIFIED),
          TicketStatus.IN_PROGRESS,
              EnumSet.of(TicketStatus.RESOLVED, TicketStatus.WAITING_ON_VICTIM),
          // Back to where it was: IN_PROGRESS on the path above.
          TicketStatus.WAITING_ON_VICTIM, EnumSet.of(TicketStatus.IN_PROGRESS),
          TicketStatus.RESOLVED, EnumSet.of(TicketStatus.CLOSED, TicketStatus.IN_PROGRESS),
          TicketStatus.CLOSED, EnumSet.of(TicketStatus.IN_PROGRESS),
          TicketStatus.ORIENTED, EnumSet.of(TicketStatus.CLOSED, TicketStatus.QUALIFIED),
          TicketStatus.REJECTED, EnumSet.noneOf(TicketStatus.class));

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;
  @Inject Database database;
  // One analyst for the class: bcrypt makes each login cost a quarter of a second.
  static String token;

  @BeforeEach
  void analyst() {
    if (token == null) {
      token = Staff.token(users, client, "ANALYST");
    }
  }

  Http http() {
    return new Http(client, json);
  }

  String newTicket() {
    return (String)
        http()
            .send(HttpRequest.POST("/api/v1/reports", ReportJson.mairie().body()))
            .json()
            .get("reference");
  }

  static Map<String, Object> request(TicketStatus to) {
    return Map.of(
        "to",
        to.name(),
        "reason",
        "vu avec la mairie",
        "outcome",
        "ADVICE_ONLY",
        "prevented",
        false);
  }

  Http.Answer move(String reference, TicketStatus to, String ifMatch) {
    var req =
        HttpRequest.POST("/api/v1/tickets/" + reference + "/transitions", request(to))
            .bearerAuth(token);
    if (ifMatch != null) {
      req.header("If-Match", ifMatch);
    }
    return http().send(req);
  }

  String ticketIn(TicketStatus status) {
    String reference = newTicket();
    for (TicketStatus step : PATH.get(status)) {
      Http.Answer a = move(reference, step, null);
      assertThat(a.status()).as(step + ": " + a.body()).isEqualTo(200);
    }
    return reference;
  }

  static Stream<Arguments> everyPair() {
    List<Arguments> pairs = new ArrayList<>();
    for (TicketStatus from : PATH.keySet()) {
      for (TicketStatus to : TicketStatus.values()) {
        pairs.add(Arguments.of(from, to));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("everyPair")
  void everyTransition(TicketStatus from, TicketStatus to) {
    String reference = ticketIn(from);
    Http.Answer a = move(reference, to, null);
    if (to == TicketStatus.MERGED) {
      assertThat(a.status()).isEqualTo(422);
      assertThat(a.errorFields()).containsExactly("to");
    } else if (LEGAL.get(from).contains(to)) {
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(a.json()).containsEntry("status", to.name());
      assertThat(a.header("ETag")).isPresent();
    } else {
      assertThat(a.status()).as(a.body()).isEqualTo(409);
      assertThat(a.contentType()).startsWith("application/problem+json");
      assertThat(a.errorFields()).containsExactly("to");
    }
  }

  @Test
  void closingNeedsAnOutcomeAndThePreventedFlag() {
    String reference = ticketIn(TicketStatus.RESOLVED);
    Http.Answer a =
        http()
            .send(
                HttpRequest.POST(
                        "/api/v1/tickets/" + reference + "/transitions", Map.of("to", "CLOSED"))
                    .bearerAuth(token));
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.errorFields()).containsExactlyInAnyOrder("outcome", "prevented");
    Http.Answer contradiction =
        http()
            .send(
                HttpRequest.POST(
                        "/api/v1/tickets/" + reference + "/transitions",
                        Map.of("to", "CLOSED", "outcome", "PREVENTED", "prevented", false))
                    .bearerAuth(token));
    assertThat(contradiction.status()).isEqualTo(422);
    assertThat(contradiction.errorFields()).containsExactly("prevented");
  }

  @Test
  void aStaleVersionIsRefusedWith412() {
    String reference = newTicket();
    Http.Answer read =
        http().send(HttpRequest.GET("/api/v1/tickets/" + reference).bearerAuth(token));
    String etag = read.header("ETag").orElseThrow();
    assertThat(etag).isEqualTo("\"v0\"");
    assertThat(move(reference, TicketStatus.QUALIFIED, etag).status()).isEqualTo(200);
    Http.Answer stale = move(reference, TicketStatus.IN_PROGRESS, etag);
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.contentType()).startsWith("application/problem+json");
  }

  @Test
  void ofConcurrentTransitionsExactlyOneWins() throws Exception {
    String reference = newTicket();
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> move(reference, TicketStatus.QUALIFIED, "\"v0\"").status());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(calls)) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 412);
    } finally {
      pool.shutdownNow();
    }
    long events =
        database.read(
            c -> {
              try (var s =
                  c.prepareStatement(
                      "SELECT count(*) FROM ticket_event e JOIN ticket t"
                          + " ON t.id = e.ticket_id WHERE t.reference = ? AND e.type = 'STATUS_CHANGED'")) {
                s.setString(1, reference);
                try (var rows = s.executeQuery()) {
                  rows.next();
                  return rows.getLong(1);
                }
              }
            });
    assertThat(events).isEqualTo(1);
  }

  @Test
  void aTicketClosedMoreThanNinetyDaysAgoCannotBeReopened() {
    String reference = ticketIn(TicketStatus.CLOSED);
    database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "UPDATE ticket SET closed_at = now() - interval '91 days' WHERE reference = ?")) {
            s.setString(1, reference);
            return s.executeUpdate();
          }
        });
    assertThat(move(reference, TicketStatus.IN_PROGRESS, null).status()).isEqualTo(409);
  }

  @Test
  void unknownTicketsAndHostileIfMatch() {
    assertThat(move("BZH-1999-000001", TicketStatus.QUALIFIED, null).status()).isEqualTo(404);
    Http.Answer bad = move(newTicket(), TicketStatus.QUALIFIED, "'; DROP TABLE ticket;--");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorFields()).containsExactly("If-Match");
    Http.Answer unknownStatus =
        http()
            .send(
                HttpRequest.POST(
                        "/api/v1/tickets/" + newTicket() + "/transitions", Map.of("to", "DONE"))
                    .bearerAuth(token));
    assertThat(unknownStatus.status()).isEqualTo(400);
  }
}
