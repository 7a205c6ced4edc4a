package fr.vigie.observables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.sun.net.httpserver.HttpServer;
import fr.vigie.db.Database;
import fr.vigie.notify.OutboxDispatcher;
import fr.vigie.security.UserService;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Observables, campaigns and sharing over HTTP with the real PostgreSQL (DESIGN.md §14): a wave of
 * three mairies of Morbihan reporting the same phishing domain within a week opens one campaign and
 * alerts once, a fourth a month later does not join; the exports validate against the STIX 2.1 and
 * MISP core format schemas, carry no personal data and honour TLP; a push reaches a local MISP
 * receiver, is retried when it fails, and makes exactly one event.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "ObservablesIT")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservablesIT implements TestPropertyProvider {

  /**
   * A Monday no other test uses, so the département's wave is this test's only; in the past on any
   * day the suite runs, so its tickets never come first in another test's newest-first queue.
   */
  static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");

  static final AtomicReference<Instant> NOW = new AtomicReference<>(MONDAY);

  /** What the MISP receiver got. */
  record Received(String method, String path, String key, String body) {}

  final HttpServer misp;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresToGo = new AtomicInteger();

  /** Requests naming this (an event UUID) fail while failuresToGo lasts. */
  final AtomicReference<String> failFor = new AtomicReference<>("none");

  final AtomicInteger events = new AtomicInteger();
  final Map<String, String> eventsByUuid = new java.util.concurrent.ConcurrentHashMap<>();

  ObservablesIT() throws IOException {
    misp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    misp.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String path = exchange.getRequestURI().getPath();
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  path,
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  body));
          int status;
          String answer = "{}";
          if ((path.contains(failFor.get()) || body.contains(failFor.get()))
              && failuresToGo.getAndDecrement() > 0) {
            status = 500;
          } else if (path.startsWith("/events/view/")) {
            String id = eventsByUuid.get(path.substring("/events/view/".length()));
            status = id == null ? 404 : 200;
            answer =
                id == null
                    ? "{\"message\":\"Invalid event\"}"
                    : "{\"Event\":{\"id\":\"" + id + "\"}}";
          } else if ("/events".equals(path) && "POST".equals(exchange.getRequestMethod())) {
            String id = String.valueOf(100 + events.incrementAndGet());
            String uuid = body.replaceAll("(?s).*?\"uuid\":\"([0-9a-f-]{36})\".*", "$1");
            eventsByUuid.put(uuid, id);
            status = 200;
            // MISP answers the event it stored, attributes included, with its id.
            answer = body.replaceFirst("^\\{\"Event\":\\{", "{\"Event\":{\"id\":\"" + id + "\",");
          } else if (path.startsWith("/attributes/add/")) {
            status = 200;
            answer = "{\"Attribute\":{\"id\":\"1\"}}";
          } else {
            status = 404;
          }
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    misp.start();
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "vigie.misp.url", "http://127.0.0.1:" + misp.getAddress().getPort() + "/",
        "vigie.misp.key", "cle-misp-de-test",
        "vigie.notify.retry-initial", "30s");
  }

  @AfterAll
  void stop() {
    misp.stop(0);
  }

  @Factory
  @Requires(property = "spec.name", value = "ObservablesIT")
  static class MovableClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return new fr.vigie.testing.SettableClock(NOW);
    }
  }

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;
  @Inject Database database;
  @Inject OutboxDispatcher dispatcher;

  /** A mairie of Morbihan reporting a phishing site; its victim name and contact are markers. */
  record Mairie(String commune, String siren, String name) {}

  static final List<Mairie> MAIRIES =
      List.of(
          new Mairie("56001", "215600016", "Mairie d'Allaire"),
          new Mairie("56002", "215600024", "Mairie d'Ambon"),
          new Mairie("56004", "215600040", "Mairie d'Arzal"),
          new Mairie("56005", "215600057", "Mairie d'Arzon"));

  /** Personal data a report carries: none may leave in an export. */
  static List<String> markers(String marker) {
    return List.of(
        "Nom-" + marker,
        "contact-" + marker + "@mairie.example",
        "Victime-" + marker,
        "Description-" + marker,
        "0299" + marker.substring(0, 6).replaceAll("[^0-9]", "7"));
  }

  String report(Mairie m, String domainAsTyped, String marker) {
    List<String> pd = markers(marker);
    ReportJson r =
        ReportJson.phishing(NOW.get())
            .set("victim.type", "COMMUNE")
            .set("victim.name", m.name() + " " + pd.get(2))
            .set("victim.siren", m.siren())
            .set("victim.communeCode", m.commune())
            .set("victim.headcount", 20)
            .set("contact.name", pd.get(0))
            .set("contact.email", pd.get(1))
            .set("contact.phone", "02 99 12 34 56")
            .set("incident.discoveredAt", NOW.get().minusSeconds(3600).toString())
            .set("incident.description", pd.get(3))
            .set(
                "incident.observables",
                new ArrayList<>(
                    List.of(
                        ReportJson.map("type", "DOMAIN", "value", domainAsTyped),
                        // The victim's own address and phone: never observables.
                        ReportJson.map("type", "EMAIL", "value", pd.get(1).toUpperCase()),
                        ReportJson.map("type", "PHONE", "value", "+33 2 99 12 34 56"))));
    Http.Answer answer = http().send(HttpRequest.POST("/api/v1/reports", r.body()));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return (String) answer.json().get("reference");
  }

  private String analystName;

  /** An analyst logged in now (tokens follow the test's clock, so log in again after a move). */
  String analyst() {
    if (analystName == null) {
      analystName = "analyste-" + UUID.randomUUID().toString().substring(0, 8);
      users.create(new UserService.NewUser(analystName, Staff.PASSWORD, List.of("ANALYST"), null));
    }
    return Staff.login(client, analystName, Staff.PASSWORD);
  }

  Http http() {
    return new Http(client, json);
  }

  Http.Answer as(String token, MutableHttpRequest<?> request) {
    return http().send(request.bearerAuth(token));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }

  long count(String sql, Object... args) {
    return database.read(
        c -> {
          try (var s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
              s.setObject(i + 1, args[i]);
            }
            try (var r = s.executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }

  @Test
  void threeMairiesOfOneDepartementOpenOneCampaignAndAFourthAMonthLaterDoesNotJoin()
      throws IOException {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String domain = "paiement-tresor-" + id + ".example";
    NOW.set(MONDAY);
    String first = report(MAIRIES.get(0), domain.toUpperCase(), "a" + id);
    NOW.set(MONDAY.plus(Duration.ofDays(2)));
    String second = report(MAIRIES.get(1), domain + ".", "b" + id);
    assertThat(campaignsOf(second)).isEmpty();
    NOW.set(MONDAY.plus(Duration.ofDays(5)));
    String third = report(MAIRIES.get(2), domain.replace(".", "[.]"), "c" + id);

    // One campaign holding the three tickets, whatever rule fired (shared domain, same threat in
    // 56).
    List<Long> campaigns = campaignsOf(first, second, third);
    assertThat(campaigns).hasSize(1);
    long campaign = campaigns.get(0);
    Http.Answer detail = as(analyst(), HttpRequest.GET("/api/v1/campaigns/" + campaign));
    assertThat(detail.status()).isEqualTo(200);
    assertThat(list(detail.json().get("tickets")))
        .extracting(t -> t.get("reference"))
        .containsExactly(first, second, third);
    assertThat(list(detail.json().get("tickets")))
        .allSatisfy(
            t -> {
              assertThat(t).containsEntry("victimCategory", "COLLECTIVITE");
              assertThat(t).containsEntry("departement", "56");
            });
    assertThat(detail.json().get("firstSighting")).isEqualTo(MONDAY.toString());
    assertThat(detail.json().get("lastSighting"))
        .isEqualTo(MONDAY.plus(Duration.ofDays(5)).toString());
    assertThat(list(detail.json().get("observables")))
        .anySatisfy(
            o -> {
              assertThat(o).containsEntry("type", "DOMAIN").containsEntry("value", domain);
              assertThat(o).containsEntry("tickets", 3);
            });
    for (String marker : List.of("a", "b", "c")) {
      for (String pd : markers(marker + id)) {
        assertThat(detail.body()).doesNotContain(pd);
      }
    }

    // The coordinators are alerted once.
    assertThat(
            count(
                "SELECT count(*) FROM outbox WHERE topic = 'CAMPAIGN_OPENED'"
                    + " AND (payload->>'campaign')::bigint = ?",
                campaign))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM outbox WHERE topic = 'CAMPAIGN_OPENED'"
                    + " AND recipient->>'role' = 'COORDINATOR' AND dedup_key = ?",
                "campaign-opened:" + campaign))
        .isEqualTo(1);

    // Each ticket links the others, by reference, victim category and département only.
    for (String reference : List.of(first, second, third)) {
      Http.Answer obs =
          as(analyst(), HttpRequest.GET("/api/v1/tickets/" + reference + "/observables"));
      assertThat(obs.status()).as(obs.body()).isEqualTo(200);
      List<String> others = new ArrayList<>(List.of(first, second, third));
      others.remove(reference);
      assertThat(list(obs.json().get("related")))
          .extracting(r -> r.get("reference"))
          .containsExactlyInAnyOrderElementsOf(others);
      assertThat(list(obs.json().get("related")))
          .allSatisfy(
              r ->
                  assertThat(r)
                      .containsOnlyKeys("reference", "victimCategory", "departement", "shared")
                      .containsEntry("victimCategory", "COLLECTIVITE")
                      .containsEntry("departement", "56"));
      // The victim's own e-mail and phone did not become observables.
      assertThat(list(obs.json().get("items")))
          .extracting(o -> o.get("type"))
          .containsExactly("DOMAIN");
      assertThat(list(obs.json().get("items")).get(0)).containsEntry("value", domain);
      assertThat(list(obs.json().get("campaigns")))
          .extracting(c -> ((Number) c.get("id")).longValue())
          .containsExactly(campaign);

      // The ticket page itself shows the links: the two others, oldest first, by reference,
      // victim category and département and nothing more of them.
      Http.Answer page =
          new fr.vigie.testing.ContractClient(client, json)
              .exchange(
                  200,
                  "/api/v1/tickets/{reference}",
                  HttpRequest.GET("/api/v1/tickets/" + reference).bearerAuth(analyst()));
      List<Map<String, Object>> related = list(page.json().get("related"));
      assertThat(related).extracting(r -> r.get("reference")).containsExactlyElementsOf(others);
      assertThat(related)
          .allSatisfy(
              r ->
                  assertThat(r)
                      .containsOnlyKeys("reference", "victimCategory", "departement")
                      .containsEntry("victimCategory", "COLLECTIVITE")
                      .containsEntry("departement", "56"));
      String shown = json.writeValueAsString(related);
      assertThat(shown).doesNotContain(domain).doesNotContain("Mairie");
      for (String marker : List.of("a", "b", "c")) {
        for (String pd : markers(marker + id)) {
          assertThat(shown).doesNotContain(pd);
        }
      }
    }

    // A fourth mairie a month later: correlated, but no campaign.
    NOW.set(MONDAY.plus(Duration.ofDays(36)));
    String fourth = report(MAIRIES.get(3), domain, "d" + id);
    assertThat(campaignsOf(fourth)).isEmpty();
    Http.Answer again = as(analyst(), HttpRequest.GET("/api/v1/campaigns/" + campaign));
    assertThat(list(again.json().get("tickets"))).hasSize(3);
    Http.Answer fourthObs =
        as(analyst(), HttpRequest.GET("/api/v1/tickets/" + fourth + "/observables"));
    assertThat(list(fourthObs.json().get("related")))
        .extracting(r -> r.get("reference"))
        .containsExactlyInAnyOrder(first, second, third);
    assertThat(list(fourthObs.json().get("campaigns"))).isEmpty();
    assertThat(
            list(as(analyst(), HttpRequest.GET("/api/v1/tickets/" + fourth)).json().get("related")))
        .extracting(r -> r.get("reference"))
        .containsExactly(first, second, third);
    assertThat(
            count(
                "SELECT count(*) FROM outbox WHERE topic = 'CAMPAIGN_OPENED'"
                    + " AND (payload->>'campaign')::bigint = ?",
                campaign))
        .isEqualTo(1);

    // The campaign's export validates and leaves no victim name, contact or free text.
    for (String format : List.of("misp", "stix")) {
      Http.Answer export =
          as(
              analyst(),
              HttpRequest.GET("/api/v1/campaigns/" + campaign + "/export?format=" + format));
      assertThat(export.status()).as(export.body()).isEqualTo(200);
      assertValid(format, export.body());
      assertThat(export.body()).contains(domain);
      for (String marker : List.of("a", "b", "c")) {
        for (String pd : markers(marker + id)) {
          assertThat(export.body()).doesNotContain(pd);
        }
      }
    }
  }

  @Test
  void exportsValidateCarryNoPersonalDataAndHonourTlp() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    NOW.set(MONDAY.minus(Duration.ofDays(60)));
    String reference = report(MAIRIES.get(0), "faux-impots-" + id + ".example", "e" + id);
    String base = "/api/v1/tickets/" + reference + "/observables";
    Http.Answer green =
        as(
            analyst(),
            HttpRequest.POST(
                base,
                Map.of(
                    "type",
                    "URL",
                    "value",
                    "hxxps://agent:secret@Faux-Impots-" + id + ".example/Login",
                    "tlp",
                    "GREEN",
                    "tags",
                    List.of("kit:office365"))));
    assertThat(green.status()).as(green.body()).isEqualTo(201);
    assertThat(green.json())
        .containsEntry("value", "https://faux-impots-" + id + ".example/Login")
        .containsEntry("tlp", "GREEN");
    assertThat(String.valueOf(green.json().get("flags")))
        .contains("CREDENTIALS_REMOVED")
        .contains("REFANGED");
    Http.Answer red =
        as(
            analyst(),
            HttpRequest.POST(base, Map.of("type", "IP", "value", "203.0.113.77", "tlp", "RED")));
    assertThat(red.status()).as(red.body()).isEqualTo(201);
    Http.Answer strict =
        as(
            analyst(),
            HttpRequest.POST(
                base,
                Map.of(
                    "type", "HASH",
                    "value", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                    "tlp", "AMBER+STRICT")));
    assertThat(strict.status()).as(strict.body()).isEqualTo(201);
    Http.Answer retracted =
        as(
            analyst(),
            HttpRequest.POST(
                base, Map.of("type", "EMAIL", "value", "paie-" + id + "@evil.example")));
    Object retractedId = retracted.json().get("id");
    Http.Answer retract =
        as(
            analyst(),
            HttpRequest.PATCH(
                base + "/" + retractedId, Map.of("retracted", true, "reason", "adresse légitime")));
    assertThat(retract.status()).as(retract.body()).isEqualTo(200);
    assertThat(retract.json().get("retractedAt")).isNotNull();

    // The victim's own contact detail is refused, naming the field; a bad value likewise.
    Http.Answer own =
        as(
            analyst(),
            HttpRequest.POST(base, Map.of("type", "EMAIL", "value", markers("e" + id).get(1))));
    assertThat(own.status()).isEqualTo(422);
    assertThat(own.errorFields()).containsExactly("value");
    Http.Answer bad =
        as(
            analyst(),
            HttpRequest.POST(base, Map.of("type", "IP", "value", "fe80::1%eth0' OR 1=1")));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.errorFields()).containsExactly("value");

    for (String format : List.of("misp", "stix")) {
      String path = "/api/v1/tickets/" + reference + "/export?format=" + format;
      Http.Answer shared = as(analyst(), HttpRequest.GET(path));
      assertThat(shared.status()).as(shared.body()).isEqualTo(200);
      assertValid(format, shared.body());
      assertThat(shared.body())
          .contains("faux-impots-" + id + ".example")
          .doesNotContain("203.0.113.77")
          .doesNotContain("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
          .doesNotContain("paie-" + id)
          .doesNotContain("secret")
          .doesNotContain("tlp:red")
          .doesNotContain("TLP:RED");
      for (String pd : markers("e" + id)) {
        assertThat(shared.body()).doesNotContain(pd);
      }
      Http.Answer named =
          as(analyst(), HttpRequest.GET(path + "&recipients=CERT-FR,CSIRT%20Normandie"));
      assertThat(named.status()).as(named.body()).isEqualTo(200);
      assertValid(format, named.body());
      assertThat(named.body())
          .contains("203.0.113.77")
          .contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
          .contains("CERT-FR");
      assertThat(named.body()).containsAnyOf("tlp:red", "TLP:RED");
    }
    Http.Answer misp =
        as(analyst(), HttpRequest.GET("/api/v1/tickets/" + reference + "/export?format=misp"));
    assertThat(misp.body())
        .contains("\"tlp:amber\"")
        .contains("\"PAP:AMBER\"")
        .contains("rsit:fraud=\\\"phishing\\\"")
        .contains("vigie:departement=\\\"56\\\"");
    Http.Answer stix =
        as(analyst(), HttpRequest.GET("/api/v1/tickets/" + reference + "/export?format=stix"));
    assertThat(stix.body())
        .contains("[domain-name:value = 'faux-impots-" + id + ".example']")
        // The GREEN URL of an AMBER ticket leaves as AMBER: the stricter of the two.
        .contains("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421")
        .doesNotContain("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb")
        .contains("\"identity\"")
        .contains("\"observed-data\"");
    Http.Answer wrong =
        as(analyst(), HttpRequest.GET("/api/v1/tickets/" + reference + "/export?format=iodef"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.errorFields()).containsExactly("format");
  }

  @Test
  void aPushReachesMispIsRetriedAndMakesExactlyOneEventThenAddsAttributes() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    NOW.set(MONDAY.minus(Duration.ofDays(120)));
    String reference = report(MAIRIES.get(1), "push-" + id + ".example", "f" + id);
    Http.Answer queued =
        as(analyst(), HttpRequest.POST("/api/v1/tickets/" + reference + "/misp", ""));
    assertThat(queued.status()).as(queued.body()).isEqualTo(202);
    String uuid = (String) queued.json().get("eventUuid");
    failFor.set(uuid);
    failuresToGo.set(1);

    dispatchUntil(() -> !mine(uuid).isEmpty());
    assertThat(mine(uuid)).hasSize(1);
    assertThat(mine(uuid).get(0).key()).isEqualTo("cle-misp-de-test");
    assertThat(
            count(
                "SELECT count(*) FROM outbox WHERE channel = 'MISP' AND state = 'PENDING'"
                    + " AND payload->>'subject' = ? AND attempts = 1 AND last_error LIKE '%500%'",
                "ticket:" + reference))
        .isEqualTo(1);

    NOW.set(NOW.get().plus(Duration.ofMinutes(5)));
    dispatchUntil(() -> mine(uuid).stream().anyMatch(r -> "/events".equals(r.path())));
    List<Received> posts = mine(uuid).stream().filter(r -> "/events".equals(r.path())).toList();
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).body()).contains("push-" + id + ".example");
    for (String pd : markers("f" + id)) {
      assertThat(posts.get(0).body()).doesNotContain(pd);
    }
    assertValid("misp", posts.get(0).body());

    // A second request and a new observable: no second event, one new attribute.
    as(analyst(), HttpRequest.POST("/api/v1/tickets/" + reference + "/misp", ""));
    Http.Answer added =
        as(
            analyst(),
            HttpRequest.POST(
                "/api/v1/tickets/" + reference + "/observables",
                Map.of("type", "IP", "value", "198.51.100.23", "tlp", "GREEN")));
    assertThat(added.status()).isEqualTo(201);
    NOW.set(NOW.get().plus(Duration.ofMinutes(1)));
    dispatchUntil(
        () ->
            count(
                    "SELECT count(*) FROM outbox WHERE channel = 'MISP' AND state = 'PENDING'"
                        + " AND payload->>'subject' = ?",
                    "ticket:" + reference)
                == 0);
    assertThat(mine(uuid).stream().filter(r -> "/events".equals(r.path()))).hasSize(1);
    List<Received> attributes =
        mine(uuid).stream().filter(r -> r.path().startsWith("/attributes/add/")).toList();
    assertThat(attributes).hasSize(1);
    assertThat(attributes.get(0).body()).contains("198.51.100.23").contains("ip-dst");
  }

  /** A company of Brest without SIREN reporting a phishing domain: a victim of its own name. */
  String company(String name, String domain) {
    ReportJson r =
        ReportJson.phishing(NOW.get())
            .set("victim.name", name)
            .set("victim.siren", ReportJson.REMOVE)
            .set("incident.discoveredAt", NOW.get().minusSeconds(3600).toString())
            .set(
                "incident.observables",
                new ArrayList<>(List.of(ReportJson.map("type", "DOMAIN", "value", domain))));
    Http.Answer answer = http().send(HttpRequest.POST("/api/v1/reports", r.body()));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return (String) answer.json().get("reference");
  }

  /**
   * Statistics by campaign with an attacker's view (issue 21): an official sees a campaign of 25
   * victims with its noisy count (exactly what the cell key method gives for its victims), month of
   * first and last sighting and RSIT class, and nothing of a campaign of fewer than k victims;
   * never an observable, a victim or a reference.
   */
  @Test
  void statisticsByCampaignShowOnlyCampaignsOfKVictimsOrMore() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String big = "colis-" + id + ".example";
    String small = "amende-" + id + ".example";
    Instant wave = Instant.parse("2024-09-02T08:00:00Z");
    List<String> bigTickets = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      NOW.set(wave.plus(Duration.ofMinutes(20L * i)));
      bigTickets.add(company("Transports Kerbrat " + i + " " + id, big));
    }
    NOW.set(Instant.parse("2024-10-07T08:00:00Z"));
    List<String> smallTickets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      NOW.set(NOW.get().plus(Duration.ofHours(1)));
      smallTickets.add(company("Menuiserie Quéré " + i + " " + id, small));
    }
    List<Long> bigCampaign = campaignsOf(bigTickets.toArray(String[]::new));
    List<Long> smallCampaign = campaignsOf(smallTickets.toArray(String[]::new));
    assertThat(bigCampaign).hasSize(1);
    assertThat(smallCampaign).hasSize(1);

    // Mid-December: October is published (its end plus the 30-day lag), November not yet.
    NOW.set(Instant.parse("2024-12-15T10:00:00Z"));
    String official = "elu-" + id;
    users.create(new UserService.NewUser(official, Staff.PASSWORD, List.of("OFFICIAL"), null));
    Http.Answer stats =
        new fr.vigie.testing.ContractClient(client, json)
            .exchange(
                200,
                "/api/v1/stats/campaigns",
                HttpRequest.GET("/api/v1/stats/campaigns")
                    .bearerAuth(Staff.login(client, official, Staff.PASSWORD)));
    int k = ((Number) stats.json().get("k")).intValue();
    assertThat(k).isGreaterThan(smallTickets.size());
    assertThat(stats.json()).containsEntry("publishedUntil", "2024-10");
    List<Map<String, Object>> entries = list(stats.json().get("campaigns"));

    // The small campaign (3 victims, fewer than k) appears nowhere.
    assertThat(entries)
        .noneSatisfy(
            e ->
                assertThat(((Number) e.get("campaign")).longValue())
                    .isEqualTo(smallCampaign.get(0)));

    // The big one: its perturbed count is the one the cell key of its 25 victims gives.
    long keySum =
        database.read(
            c -> {
              try (var s =
                  c.prepareStatement(
                      "SELECT coalesce(sum(k), 0)::numeric % 18446744073709551616 FROM"
                          + " (SELECT DISTINCT f.victim_key AS k FROM stat_fact f"
                          + " JOIN campaign_ticket ct ON ct.ticket_id = f.ticket_id"
                          + " WHERE ct.campaign_id = ? AND f.counted) x")) {
                s.setLong(1, bigCampaign.get(0));
                try (var r = s.executeQuery()) {
                  r.next();
                  return r.getBigDecimal(1).toBigInteger().longValue();
                }
              }
            });
    long victims =
        count(
            "SELECT count(DISTINCT f.victim_key) FROM stat_fact f JOIN campaign_ticket ct"
                + " ON ct.ticket_id = f.ticket_id WHERE ct.campaign_id = ? AND f.counted",
            bigCampaign.get(0));
    assertThat(victims).isEqualTo(25);
    long expected = fr.vigie.stats.internal.CellKey.perturb(victims, keySum);
    assertThat(entries)
        .filteredOn(e -> ((Number) e.get("campaign")).longValue() == bigCampaign.get(0))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e)
                  .containsOnlyKeys(
                      "campaign", "state", "rsitClass", "firstSighting", "lastSighting", "victims");
              assertThat(((Number) e.get("victims")).longValue()).isEqualTo(expected);
              assertThat(e)
                  .containsEntry("state", "OPEN")
                  .containsEntry("rsitClass", "fraud")
                  .containsEntry("firstSighting", "2024-09")
                  .containsEntry("lastSighting", "2024-09");
            });
    assertThat(stats.body()).doesNotContain(big).doesNotContain(small).doesNotContain(id);
    for (String reference : bigTickets) {
      assertThat(stats.body()).doesNotContain(reference);
    }

    // Analysts and providers never ask it; officials may not ask anything else of it.
    Http.Answer analystAsks = as(analyst(), HttpRequest.GET("/api/v1/stats/campaigns"));
    assertThat(analystAsks.status()).isEqualTo(403);
    Http.Answer filtered =
        as(
            Staff.login(client, official, Staff.PASSWORD),
            HttpRequest.GET("/api/v1/stats/campaigns?departement=29"));
    assertThat(filtered.status()).isEqualTo(400);
    assertThat(filtered.errorFields()).containsExactly("departement");
  }

  /** What the receiver got about the event {@code uuid}. */
  List<Received> mine(String uuid) {
    String id = eventsByUuid.get(uuid);
    return received.stream()
        .filter(
            r ->
                r.path().contains(uuid)
                    || ("/events".equals(r.path()) && r.body().contains(uuid))
                    || (id != null && r.path().equals("/attributes/add/" + id)))
        .toList();
  }

  void dispatchUntil(java.util.function.BooleanSupplier done) {
    for (int i = 0; i < 20 && !done.getAsBoolean(); i++) {
      dispatcher.dispatch();
    }
    assertThat(done.getAsBoolean()).as("condition reached by dispatching the outbox").isTrue();
  }

  List<Long> campaignsOf(String... references) {
    List<Long> out = new ArrayList<>();
    database.read(
        c -> {
          try (var s =
              c.prepareStatement(
                  "SELECT DISTINCT ct.campaign_id FROM campaign_ticket ct JOIN ticket t"
                      + " ON t.id = ct.ticket_id WHERE t.reference = ANY (?) ORDER BY 1")) {
            s.setArray(1, c.createArrayOf("text", references));
            try (var r = s.executeQuery()) {
              while (r.next()) {
                out.add(r.getLong(1));
              }
            }
          }
          return null;
        });
    return out;
  }

  /** Where the OASIS schemas say they live ({@code $id}); mapped to the test class path. */
  static final String OASIS_STIX_21 =
      "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

  /**
   * The OASIS STIX 2.1 JSON schemas (cti-stix2-json-schemas, {@code stix2.1} branch) as the npm
   * package {@code stixview} ships them, unpacked on the test class path by the build (pom.xml,
   * {@code maven-antrun-plugin}, checked against the registry's SHA-512).
   */
  static final String OASIS_STIX_21_COPY = "classpath:oasis-stix-2.1/";

  static final JsonSchema OFFICIAL_STIX_BUNDLE =
      JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V7,
              b -> b.schemaMappers(m -> m.mapPrefix(OASIS_STIX_21, OASIS_STIX_21_COPY)))
          .getSchema(com.networknt.schema.SchemaLocation.of(OASIS_STIX_21 + "common/bundle.json"));

  /**
   * Validates an export: a STIX bundle against the official OASIS STIX 2.1 schemas and against
   * Vigie's own stricter schema (which also pins the TLP 2.0 marking definitions); a MISP event
   * against the schema written from the MISP core format (no package carries the official one:
   * README, "Observables, campaigns and sharing").
   */
  static void assertValid(String format, String body) {
    String resource =
        "misp".equals(format) ? "/schemas/misp-core-event.json" : "/schemas/stix-2.1-bundle.json";
    try (InputStream schema = ObservablesIT.class.getResourceAsStream(resource)) {
      JsonSchema s =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
      var tree = new ObjectMapper().readTree(body);
      var errors = s.validate(tree);
      assertThat(errors).as(body).isEmpty();
      if (!"misp".equals(format)) {
        assertThat(OFFICIAL_STIX_BUNDLE.validate(officialPart(tree)))
            .as("against the OASIS STIX 2.1 schemas: %s", body)
            .isEmpty();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The bundle without its TLP 2.0 marking definitions, which the packaged OASIS schemas predate:
   * they still require {@code definition_type} and {@code definition}, which STIX 2.1 made optional
   * and OASIS's own TLP 2.0 marking definitions (2022) do not carry. Vigie's schema checks the ids,
   * names and TLP 2.0 extension of those objects against OASIS's published ones.
   */
  static com.fasterxml.jackson.databind.JsonNode officialPart(
      com.fasterxml.jackson.databind.JsonNode bundle) {
    var copy = bundle.deepCopy();
    var objects = (com.fasterxml.jackson.databind.node.ArrayNode) copy.get("objects");
    for (int i = objects.size() - 1; i >= 0; i--) {
      if ("marking-definition".equals(objects.get(i).path("type").asText())) {
        objects.remove(i);
      }
    }
    return copy;
  }

  /** The official schemas reject what STIX 2.1 forbids: the test can fail. */
  @Test
  void theOfficialStixSchemasRejectABrokenIndicator() throws IOException {
    String broken =
        """
        {"type": "bundle", "id": "bundle--6f1f3c5e-8d8b-4d5c-9a3e-2b7f0a1c9d11", "objects": [
          {"type": "indicator", "spec_version": "2.1",
           "id": "indicator--6f1f3c5e-8d8b-4d5c-9a3e-2b7f0a1c9d12",
           "created": "2025-03-03T09:00:00.000Z", "modified": "2025-03-03T09:00:00.000Z",
           "pattern": "[domain-name:value = 'x.example']", "valid_from": "not a time"}]}
        """;
    assertThat(OFFICIAL_STIX_BUNDLE.validate(new ObjectMapper().readTree(broken))).isNotEmpty();
  }
}
