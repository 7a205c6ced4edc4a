package fr.vigie.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * With the default schedule and the real clock, a breach is recorded within 60 s of its due time
 * (DESIGN.md §7). Waiting half an hour for a P1 first contact is replaced by moving the clock's due
 * time (and its warning) two seconds ahead in the database; the sweeper then has to notice it on
 * its own schedule.
 */
@MicronautTest(transactional = false)
// The test configuration delays the schedule by an hour; this test wants the shipped default.
@Property(name = "vigie.clocks.sweep-initial-delay", value = "5s")
class SweeperScheduleIT {

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject Database database;

  @Test
  void aBreachIsRecordedWithinAMinuteOfItsDueTime() throws Exception {
    Http.Answer a =
        new Http(client, json)
            .send(HttpRequest.POST("/api/v1/reports", ReportJson.mairie().body()));
    String reference = (String) a.json().get("reference");
    // The real scheduler runs on the system clock: this test is about its timing, so it reads it.
    Instant due = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    database.inTransaction(
        c -> {
          try (var s =
              c.prepareStatement(
                  "UPDATE clock SET due_at = ?, warn_at = ?, sweep_at = ?, notified_level = 1,"
                      + " state = 'WARNING' WHERE code = 'FIRST_CONTACT' AND ticket_id ="
                      + " (SELECT id FROM ticket WHERE reference = ?)")) {
            OffsetDateTime at = due.atOffset(ZoneOffset.UTC);
            s.setObject(1, at);
            s.setObject(2, at);
            s.setObject(3, at);
            s.setString(4, reference);
            assertThat(s.executeUpdate()).isEqualTo(1);
          }
          return null;
        });

    Instant deadline = due.plus(Duration.ofSeconds(75));
    Instant recorded = null;
    while (recorded == null && Instant.now().isBefore(deadline)) {
      recorded = breachRecordedAt(reference);
      if (recorded == null) {
        Thread.onSpinWait();
        java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
      }
    }
    assertThat(recorded).as("the breach was recorded").isNotNull();
    assertThat(Duration.between(due, recorded)).isLessThanOrEqualTo(Duration.ofSeconds(60));
  }

  private Instant breachRecordedAt(String reference) {
    return database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT e.at FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
                      + " WHERE t.reference = ? AND e.type = 'CLOCK_BREACHED'"
                      + " AND e.details->>'code' = 'FIRST_CONTACT'")) {
            s.setString(1, reference);
            try (var rows = s.executeQuery()) {
              return rows.next() ? rows.getObject(1, OffsetDateTime.class).toInstant() : null;
            }
          }
        });
  }
}
