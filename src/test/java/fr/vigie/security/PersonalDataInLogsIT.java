package fr.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.testing.TicketCalls;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No personal data in the logs (DESIGN.md §9): a report with a marker e-mail address, phone number
 * and name goes through intake, refusals, the follow-up, messages, a staff read and failed logins
 * while every log line is captured, Vigie's own loggers at TRACE; none of the markers is logged.
 */
@MicronautTest(transactional = false)
class PersonalDataInLogsIT {

  static final String EMAIL = "marqueur.7f3a9c@exemple-victime.fr";
  static final String PHONE = "07 61 42 93 58";
  static final String NAME = "Rozenn Marqueur-Kerhervé";

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;

  Http.Answer send(MutableHttpRequest<?> request) {
    return new Http(client, json).send(request);
  }

  @Test
  void noMarkerOfTheVictimReachesTheLog() {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger vigie = logging.getLogger("fr.vigie");
    Level before = vigie.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(logging);
    captured.start();
    root.addAppender(captured);
    vigie.setLevel(Level.TRACE);
    Logger framework = logging.getLogger("io.micronaut");
    Level frameworkBefore = framework.getLevel();
    // As shipped (logback.xml pins the framework's HTTP loggers at INFO: at DEBUG they print
    // request URIs, and a staff search puts a victim's name in one).
    framework.setLevel(Level.INFO);
    try {
      // A control line: the capture works.
      LoggerFactory.getLogger("fr.vigie.control").trace("capture on");
      ReportJson report =
          ReportJson.mairie()
              .set("contact.email", EMAIL)
              .set("contact.phone", PHONE)
              .set("contact.name", NAME)
              .set("incident.description", "Appelez " + NAME + " au " + PHONE);
      Map<String, Object> receipt =
          send(TicketCalls.postJson("/api/v1/reports", report.body())).json();
      String reference = (String) receipt.get("reference");
      String token = (String) receipt.get("followUpToken");

      send(TicketCalls.postJson("/api/v1/intake/diagnosis", report.body()));
      send(
          TicketCalls.postJson(
              "/api/v1/reports", report.set("contact.email", EMAIL + "@@").body()));
      send(TicketCalls.postJson("/api/v1/reports", report.set("victim.color", EMAIL).body()));
      send(TicketCalls.postJson("/api/v1/reports", "{\"contact\": {\"email\": \"" + EMAIL + "\""));
      send(HttpRequest.GET("/api/v1/reports/" + reference).header("X-Follow-Up-Token", token));
      send(
          TicketCalls.postJson(
                  "/api/v1/reports/" + reference + "/messages",
                  Map.of("text", "Mon portable: " + PHONE))
              .header("X-Follow-Up-Token", token));
      send(HttpRequest.GET("/api/v1/reports/" + reference).header("X-Follow-Up-Token", EMAIL));
      send(TicketCalls.postJson("/login", Map.of("username", EMAIL, "password", PHONE + PHONE)));
      String analyst = Staff.token(users, client, "ANALYST");
      send(HttpRequest.GET("/api/v1/tickets/" + reference).bearerAuth(analyst));
      send(HttpRequest.GET("/api/v1/tickets/" + reference + "/timeline").bearerAuth(analyst));
      send(HttpRequest.GET("/api/v1/tickets?q=" + EMAIL).bearerAuth(analyst));
    } finally {
      root.detachAppender(captured);
      vigie.setLevel(before);
      framework.setLevel(frameworkBefore);
    }

    List<String> lines =
        captured.list.stream()
            .map(
                e ->
                    e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                            ? ""
                            : ThrowableProxyUtil.asString(e.getThrowableProxy())))
            .toList();
    assertThat(lines).as("the capture works").contains("capture on");
    String log = lines.stream().collect(Collectors.joining("\n"));
    assertThat(log)
        .doesNotContain(EMAIL)
        .doesNotContain("marqueur.7f3a9c")
        .doesNotContain(PHONE)
        .doesNotContain(PHONE.replace(" ", ""))
        .doesNotContain("Marqueur-Kerhervé");
  }
}
