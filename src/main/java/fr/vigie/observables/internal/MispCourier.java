package fr.vigie.observables.internal;

import fr.vigie.db.Database;
import fr.vigie.notify.OutboxCourier;
import fr.vigie.observables.SharingSettings;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Pushes a ticket's or campaign's MISP event (outbox channel {@code MISP}). Exactly one event per
 * subject: its UUID is fixed, a first push looks it up by UUID before creating it (a retry after a
 * lost answer finds it), and later pushes only add the attributes not yet sent, one {@code POST
 * /attributes/add/{event}} each, each remembered as soon as MISP took it. Only what may be shared
 * without named recipients is pushed (no AMBER+STRICT, no RED).
 */
@Singleton
public final class MispCourier implements OutboxCourier {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MispCourier.class);

  private final Database database;
  private final SharingSettings settings;
  private final JsonMapper json;
  private final Clock clock;
  private final HttpClient http;

  MispCourier(Database database, SharingSettings settings, JsonMapper json, Clock clock) {
    this.database = database;
    this.settings = settings;
    this.json = json;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String channel() {
    return "MISP";
  }

  @Override
  public boolean ready() {
    return settings.mispConfigured();
  }

  record Pushed(String mispId, List<UUID> attributes) {}

  @Override
  public String deliver(long messageId, String topic, Map<String, Object> payload)
      throws Exception {
    if (!settings.mispConfigured()) {
      return "no MISP instance configured (VIGIE_MISP_URL, VIGIE_MISP_KEY)";
    }
    String subject = String.valueOf(payload.get("subject"));
    Optional<ExportInput> input;
    try {
      input = database.read(c -> input(c, subject));
    } catch (ExportBuilder.RecipientsRequired e) {
      LOG.warn("MISP push {} skipped: {} is {}", messageId, subject, e.getMessage());
      return null;
    }
    if (input.isEmpty()) {
      return null;
    }
    Map<String, Object> event = MispFormat.event(input.get());
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) event.get("Event");
    Pushed pushed = database.read(c -> pushed(c, subject));
    String mispId = pushed.mispId();
    if (mispId == null) {
      HttpResponse<String> found = send("GET", "events/view/" + input.get().eventUuid(), null);
      Map<String, Object> created;
      if (found.statusCode() == 200) {
        created = eventOf(found.body());
      } else if (found.statusCode() == 404 || found.statusCode() == 403) {
        HttpResponse<String> answer = send("POST", "events", json.writeValueAsString(event));
        if (answer.statusCode() / 100 != 2) {
          return "MISP POST /events answered HTTP " + answer.statusCode();
        }
        created = eventOf(answer.body());
      } else {
        return "MISP GET /events/view answered HTTP " + found.statusCode();
      }
      mispId = String.valueOf(created.get("id"));
      List<UUID> sent = new ArrayList<>();
      Object attributes = created.get("Attribute");
      if (attributes instanceof List<?> list) {
        for (Object a : list) {
          if (a instanceof Map<?, ?> m && m.get("uuid") != null) {
            sent.add(UUID.fromString(String.valueOf(m.get("uuid"))));
          }
        }
      }
      String id = mispId;
      database.inTransaction(c -> record(c, subject, id, sent));
      pushed = new Pushed(mispId, sent);
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> attributes = (List<Map<String, Object>>) body.get("Attribute");
    for (Map<String, Object> a : attributes) {
      UUID uuid = UUID.fromString(String.valueOf(a.get("uuid")));
      if (pushed.attributes().contains(uuid)) {
        continue;
      }
      HttpResponse<String> answer =
          send("POST", "attributes/add/" + mispId, json.writeValueAsString(a));
      if (answer.statusCode() / 100 != 2) {
        return "MISP POST /attributes/add answered HTTP " + answer.statusCode();
      }
      String id = mispId;
      database.inTransaction(c -> record(c, subject, id, List.of(uuid)));
    }
    return null;
  }

  private Optional<ExportInput> input(Connection c, String subject) throws SQLException {
    if (subject.startsWith("ticket:")) {
      return ExportBuilder.forTicket(
          c, subject.substring(7), List.of(), settings.organisation(), settings.pap());
    }
    return ExportBuilder.forCampaign(
        c,
        Long.parseLong(subject.substring(9)),
        List.of(),
        settings.organisation(),
        settings.pap());
  }

  private static Pushed pushed(Connection c, String subject) throws SQLException {
    try (var s =
        c.prepareStatement("SELECT misp_id, pushed_attributes FROM misp_event WHERE subject = ?")) {
      s.setString(1, subject);
      try (var r = s.executeQuery()) {
        if (!r.next()) {
          return new Pushed(null, List.of());
        }
        UUID[] uuids = (UUID[]) r.getArray(2).getArray();
        return new Pushed(r.getString(1), List.of(uuids));
      }
    }
  }

  private Object record(Connection c, String subject, String mispId, List<UUID> sent)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            UPDATE misp_event SET misp_id = ?, last_pushed_at = ?,
              pushed_attributes = ARRAY(SELECT DISTINCT unnest(pushed_attributes || ?::uuid[]))
            WHERE subject = ?
            """)) {
      s.setString(1, mispId);
      s.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
      s.setArray(3, c.createArrayOf("uuid", sent.toArray()));
      s.setString(4, subject);
      s.executeUpdate();
    }
    return null;
  }

  private Map<String, Object> eventOf(String text) throws java.io.IOException {
    Map<String, Object> answer = json.readValue(text, Argument.mapOf(String.class, Object.class));
    Object event = answer.get("Event");
    if (!(event instanceof Map<?, ?>) || ((Map<?, ?>) event).get("id") == null) {
      throw new java.io.IOException("MISP answered without an Event id");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) event;
    return map;
  }

  private HttpResponse<String> send(String method, String path, String body)
      throws java.io.IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.mispUrl().resolve(URI.create(path)))
            .timeout(settings.timeout())
            .header("Authorization", settings.mispKey())
            .header("Accept", "application/json")
            .header("Content-Type", "application/json");
    request =
        body == null
            ? request.GET()
            : request.method(method, HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
