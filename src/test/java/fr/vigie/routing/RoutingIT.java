package fr.vigie.routing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.security.UserService;
import fr.vigie.testing.Http;
import fr.vigie.testing.Providers;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing end to end over HTTP, with a clock the test moves: the contract cascade (rank 1 declines,
 * rank 2 proposed, expiry, shortlist), the provider portal's object-level checks and what it shows,
 * the gap flag when nobody is eligible, and hostile values on every input.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "RoutingIT")
// Tokens expire on the injected clock, which these tests move by days: one token for the class.
@Property(name = "micronaut.security.token.generator.access-token.expiration", value = "315360000")
class RoutingIT {

  /** Friday 20 November 2026, 10:00 in Paris. */
  static final Instant FRIDAY_10 = Instant.parse("2026-11-20T09:00:00Z");

  static final AtomicReference<Instant> NOW = new AtomicReference<>(FRIDAY_10);

  @Factory
  @Requires(property = "spec.name", value = "RoutingIT")
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
  @Inject ProviderDirectory directory;
  @Inject Referrals referrals;
  @Inject Database database;

  static String analyst;
  static String coordinator;

  @BeforeEach
  void staff() {
    NOW.set(FRIDAY_10);
    if (analyst == null) {
      analyst = Staff.token(users, client, "ANALYST");
      coordinator = Staff.token(users, client, "COORDINATOR");
    }
  }

  Http.Answer as(String token, MutableHttpRequest<?> request) {
    return new Http(client, json).send(token == null ? request : request.bearerAuth(token));
  }

  /** The answer is what the published contract says it is. */
  static Http.Answer conforms(String schema, Http.Answer a) {
    assertThat(fr.vigie.testing.ContractClient.CONTRACT.schemaViolations(schema, a.body()))
        .as(schema + " " + a.body())
        .isEmpty();
    return a;
  }

  Http.Answer ok(int status, String token, MutableHttpRequest<?> request) {
    Http.Answer a = as(token, request);
    assertThat(a.status()).as(request.getPath() + " " + a.body()).isEqualTo(status);
    return a;
  }

  /** A report from the given commune, qualified by the analyst: ready to be referred. */
  String qualified(ReportJson report) {
    Http.Answer a = ok(201, null, HttpRequest.POST("/api/v1/reports", report.body()));
    String reference = (String) a.json().get("reference");
    ok(
        200,
        analyst,
        HttpRequest.POST(
            "/api/v1/tickets/" + reference + "/transitions", Map.of("to", "QUALIFIED")));
    return reference;
  }

  ReportJson mairieOf(String communeCode, String name) {
    return ReportJson.mairie(NOW.get())
        .set("victim.communeCode", communeCode)
        .set("victim.name", name)
        .set("victim.siren", null)
        .set("incident.discoveredAt", "2026-11-20T08:00:00+01:00");
  }

  Map<String, Object> options(String reference) {
    return conforms(
            "ReferralOptions",
            ok(200, analyst, HttpRequest.GET("/api/v1/tickets/" + reference + "/referral-options")))
        .json();
  }

  Http.Answer propose(String reference, Object providerId) {
    return as(
        analyst,
        HttpRequest.POST(
            "/api/v1/tickets/" + reference + "/referrals", Map.of("providerId", providerId)));
  }

  Http.Answer portal(String token, long referral, String action, Map<String, Object> body) {
    return as(
        token, HttpRequest.POST("/api/v1/provider/referrals/" + referral + "/" + action, body));
  }

  List<Map<String, Object>> list(Http.Answer a) {
    try {
      return json.readValue(a.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Map<String, Object>> referralsOf(String reference) {
    return list(ok(200, analyst, HttpRequest.GET("/api/v1/tickets/" + reference + "/referrals")));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> items(Map<String, Object> page, String key) {
    return (List<Map<String, Object>>) page.get(key);
  }

  static long id(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).longValue();
  }

  @Test
  void aContractCascadesFromADeclineThroughAnExpiryToTheShortlist() {
    Provider rank1 =
        Providers.provider()
            .name("Rang Un 22")
            .departements("22", "22")
            .victimTypes("COMMUNE")
            .create(directory);
    Provider rank2 =
        Providers.provider()
            .name("Rang Deux 22")
            .departements("22", "22")
            .victimTypes("COMMUNE")
            .create(directory);
    Provider labelled =
        Providers.provider()
            .name("Label 22")
            .label("PRIS_SUBSTANTIEL", "2027-06-30")
            .departements("22", "22")
            .victimTypes("COMMUNE")
            .create(directory);
    ok(
        201,
        coordinator,
        HttpRequest.POST(
            "/api/v1/contracts",
            Map.of(
                "name",
                "Marché départemental 22",
                "departements",
                List.of("22"),
                "victimTypes",
                List.of("COMMUNE"),
                "providerIds",
                List.of(rank1.id(), rank2.id()),
                "validFrom",
                "2026-01-01",
                "validUntil",
                "2027-12-31")));
    String reference = qualified(mairieOf("22278", "Mairie de Saint-Brieuc"));

    Map<String, Object> first = options(reference);
    assertThat(first).containsEntry("mode", "CONTRACT").containsEntry("recommended", true);
    assertThat(items(first, "options"))
        .extracting(o -> id(o, "providerId"))
        .containsExactly(rank1.id(), rank2.id());
    // The contract decides: not rank 2 while rank 1 is available.
    Http.Answer skip = propose(reference, rank2.id());
    assertThat(skip.status()).isEqualTo(422);
    assertThat(skip.errorFields()).containsExactly("providerId");

    Http.Answer proposed = propose(reference, rank1.id());
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    conforms("Referral", proposed);
    assertThat(proposed.json())
        .containsEntry("state", "PROPOSED")
        .containsEntry("mode", "CONTRACT")
        .containsEntry("rank", 1)
        // A P1: one hour of wall-clock time to answer.
        .containsEntry("respondBy", "2026-11-20T10:00:00Z");
    assertThat(propose(reference, rank1.id()).status()).as("a replay").isEqualTo(409);

    String one = Staff.provider(users, client, rank1.id());
    String two = Staff.provider(users, client, rank2.id());
    long firstReferral = id(proposed.json(), "id");
    Http.Answer noReason = portal(one, firstReferral, "decline", Map.of());
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.errorFields()).containsExactly("note");
    NOW.set(FRIDAY_10.plus(Duration.ofMinutes(10)));
    Http.Answer declined =
        portal(one, firstReferral, "decline", Map.of("note", "Équipe déjà mobilisée à Lannion"));
    assertThat(declined.status()).as(declined.body()).isEqualTo(200);
    assertThat(declined.json()).containsEntry("state", "DECLINED");

    List<Map<String, Object>> afterDecline = referralsOf(reference);
    assertThat(afterDecline)
        .extracting(r -> r.get("state"))
        .containsExactly("DECLINED", "PROPOSED");
    assertThat(afterDecline.get(1))
        .containsEntry("providerId", (int) rank2.id())
        .containsEntry("rank", 2)
        .containsEntry("proposedBy", "vigie")
        .containsEntry("respondBy", "2026-11-20T10:10:00Z");
    long secondReferral = id(afterDecline.get(1), "id");

    // Rank 2 does not answer within the hour: the sweeper expires it, no rank is left.
    NOW.set(FRIDAY_10.plus(Duration.ofMinutes(71)));
    assertThat(referrals.sweep(50)).isGreaterThanOrEqualTo(1);
    assertThat(referralsOf(reference))
        .extracting(r -> r.get("state"))
        .containsExactly("DECLINED", "EXPIRED");
    Http.Answer late = portal(two, secondReferral, "accept", Map.of());
    assertThat(late.status()).isEqualTo(409);

    Map<String, Object> ticket =
        ok(200, analyst, HttpRequest.GET("/api/v1/tickets/" + reference)).json();
    assertThat(ticket).containsEntry("status", "QUALIFIED");
    Map<String, Object> fallback = options(reference);
    assertThat(fallback).containsEntry("mode", "SHORTLIST");
    assertThat(items(fallback, "options"))
        .extracting(o -> id(o, "providerId"))
        .containsExactly(labelled.id());
    assertThat(items(fallback, "excluded"))
        .extracting(o -> id(o, "providerId"))
        .contains(rank1.id(), rank2.id());
    assertThat(timelineTypes(reference))
        .containsSubsequence(
            "REFERRAL_PROPOSED",
            "REFERRAL_DECLINED",
            "REFERRAL_PROPOSED",
            "REFERRAL_EXPIRED",
            "REFERRAL_CHOICE_NEEDED");
    assertThat(outboxTopics(reference)).contains("REFERRAL_PROPOSED", "REFERRAL_CHOICE_NEEDED");

    // The analyst picks the labelled firm; it accepts, engages and completes.
    Http.Answer third = propose(reference, labelled.id());
    assertThat(third.status()).as(third.body()).isEqualTo(201);
    long thirdReferral = id(third.json(), "id");
    String label = Staff.provider(users, client, labelled.id());
    Http.Answer accepted = portal(label, thirdReferral, "accept", Map.of());
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    conforms("ProviderReferral", accepted);
    assertThat(accepted.json())
        .containsEntry("state", "ACCEPTED")
        .containsEntry("contactBy", "2026-11-20T11:11:00Z");
    assertThat(portal(label, thirdReferral, "complete", Map.of("outcome", "RESOLVED")).status())
        .as("complete before engaging")
        .isEqualTo(409);
    assertThat(portal(label, thirdReferral, "engaged", Map.of()).status()).isEqualTo(200);
    Http.Answer bad = portal(label, thirdReferral, "complete", Map.of("outcome", "WINNING"));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.errorFields()).containsExactly("outcome");
    Http.Answer done = portal(label, thirdReferral, "complete", Map.of("outcome", "RESOLVED"));
    assertThat(done.json()).containsEntry("state", "COMPLETED");

    Map<String, Object> page =
        conforms("TicketDetail", ok(200, analyst, HttpRequest.GET("/api/v1/tickets/" + reference)))
            .json();
    assertThat(page).containsEntry("status", "IN_PROGRESS");
    assertThat(items(page, "referrals"))
        .extracting(r -> r.get("providerName") + " " + r.get("state"))
        .containsExactly("Rang Un 22 DECLINED", "Rang Deux 22 EXPIRED", "Label 22 COMPLETED");
    assertThat(items(page, "referrals").get(2))
        .containsEntry("proposedAt", "2026-11-20T10:11:00Z")
        .containsEntry("decidedAt", "2026-11-20T10:11:00Z")
        .containsEntry("engagedAt", "2026-11-20T10:11:00Z");
    assertThat(shortlistsStored(reference))
        .as("every set of options shown or chosen from")
        .isGreaterThanOrEqualTo(6);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aProviderSeesOnlyItsOwnReferralsAndTheContactOnlyOnceItHoldsTheCase() {
    Provider mine =
        Providers.provider()
            .name("Mien 56")
            .departements("56", "56")
            .victimTypes("ENTREPRISE")
            .create(directory);
    Provider other =
        Providers.provider()
            .name("Autre 56")
            .departements("56", "56")
            .victimTypes("ENTREPRISE")
            .create(directory);
    ReportJson report =
        ReportJson.company(NOW.get())
            .set("victim.communeCode", "56260")
            .set("incident.discoveredAt", "2026-11-20T08:00:00+01:00");
    String reference = qualified(report);
    ok(
        201,
        analyst,
        HttpRequest.POST(
            "/api/v1/tickets/" + reference + "/notes",
            Map.of("text", "Note partagée", "tlp", "GREEN")));
    ok(
        201,
        analyst,
        HttpRequest.POST(
            "/api/v1/tickets/" + reference + "/notes",
            Map.of("text", "Piste interne", "tlp", "RED")));
    Http.Answer proposed = propose(reference, mine.id());
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    long referral = id(proposed.json(), "id");
    String me = Staff.provider(users, client, mine.id());
    String them = Staff.provider(users, client, other.id());

    Map<String, Object> theirs =
        conforms(
                "ProviderReferralPage",
                ok(200, them, HttpRequest.GET("/api/v1/provider/referrals")))
            .json();
    assertThat(theirs).containsEntry("total", 0);
    assertThat(as(them, HttpRequest.GET("/api/v1/provider/referrals/" + referral)).status())
        .isEqualTo(404);
    for (String action : List.of("accept", "decline", "engaged", "complete")) {
      assertThat(portal(them, referral, action, Map.of("note", "pas à moi")).status())
          .as(action)
          .isEqualTo(404);
    }
    assertThat(as(them, HttpRequest.GET("/api/v1/provider/referrals/abc")).status()).isEqualTo(404);

    Map<String, Object> before =
        conforms(
                "ProviderReferral",
                ok(200, me, HttpRequest.GET("/api/v1/provider/referrals/" + referral)))
            .json();
    assertThat(before).containsEntry("reference", reference).containsEntry("state", "PROPOSED");
    assertThat((Map<String, Object>) before.get("victim"))
        .containsEntry("name", "Boulangerie Le Goff")
        .containsEntry("communeCode", "56260");
    assertThat(before.get("contact")).isNull();
    assertThat(((Map<String, Object>) before.get("incident")).get("description")).isNull();
    assertThat(items(before, "notes")).isEmpty();

    Map<String, Object> after =
        portal(me, referral, "accept", Map.of("note", "On s'en occupe")).json();
    assertThat((Map<String, Object>) after.get("contact"))
        .containsEntry("name", "Anne Le Goff")
        .containsEntry("email", "anne@example.fr");
    assertThat(((Map<String, Object>) after.get("incident")).get("description"))
        .isEqualTo("Faux RIB reçu par courriel");
    assertThat(items(after, "notes"))
        .extracting(n -> n.get("text"))
        .containsExactly("Note partagée");
    assertThat(after).doesNotContainKeys("followUpToken", "observables", "assignee");

    // Roles: the desk cannot use the portal, a provider cannot use the desk's endpoints.
    assertThat(as(analyst, HttpRequest.GET("/api/v1/provider/referrals")).status()).isEqualTo(403);
    assertThat(as(me, HttpRequest.GET("/api/v1/tickets/" + reference)).status()).isEqualTo(403);
    assertThat(
            as(me, HttpRequest.GET("/api/v1/tickets/" + reference + "/referral-options")).status())
        .isEqualTo(403);
    assertThat(as(me, HttpRequest.GET("/api/v1/providers")).status()).isEqualTo(403);
    assertThat(as(null, HttpRequest.GET("/api/v1/provider/referrals")).status()).isEqualTo(401);
    assertThat(
            as(analyst, HttpRequest.POST("/api/v1/providers", Providers.provider().request()))
                .status())
        .isEqualTo(403);
  }

  @Test
  void withNobodyEligibleTheTicketIsFlaggedAndTheCoordinatorsAreTold() {
    String reference =
        qualified(
            ReportJson.mairie(NOW.get())
                .set("victim.type", "ASSOCIATION")
                .set("victim.siren", null)
                .set("victim.name", "Association des Amis du Goëlo")
                .set("victim.communeCode", "22278")
                .set("victim.hasItProvider", false)
                .set("incident.discoveredAt", "2026-11-20T08:00:00+01:00"));
    Map<String, Object> answer = options(reference);
    assertThat(answer).containsEntry("mode", "NONE").containsEntry("recommended", true);
    assertThat(items(answer, "options")).isEmpty();
    assertThat(answer.get("gap")).isNotNull();
    options(reference);
    assertThat(outboxTopics(reference)).filteredOn("ROUTING_GAP"::equals).hasSize(1);
    assertThat(timelineTypes(reference)).filteredOn("ROUTING_GAP"::equals).hasSize(1);
    // The coordinators' e-mail says why in French.
    assertThat(
            strings(
                "SELECT o.payload->>'reason' FROM outbox o JOIN ticket t ON t.id = o.ticket_id"
                    + " WHERE t.reference = ? AND o.topic = 'ROUTING_GAP'",
                reference))
        .containsExactly("une orientation est recommandée et aucun prestataire n'est éligible");
  }

  @Test
  void aProviderIsCheckedFieldByFieldAndNothingIsWrittenWhenRefused() {
    // A NUL byte is refused before anything else is read (fr.vigie.http.StrictJsonReader).
    Http.Answer nul =
        as(
            coordinator,
            HttpRequest.POST(
                "/api/v1/providers", new HashMap<>(Map.of("name", "Nom\u0000avec NUL"))));
    assertThat(nul.status()).as(nul.body()).isEqualTo(422);
    assertThat(nul.errorFields()).containsExactly("name");

    Map<String, Object> body = new HashMap<>();
    body.put("name", "N".repeat(201));
    body.put("siren", "12345");
    body.put("labels", List.of(Map.of("kind", "GOLD", "validUntil", "demain")));
    body.put("departements", List.of("999", "'; DROP TABLE provider; --"));
    body.put("baseDepartement", "29");
    body.put("victimTypes", List.of("ROBOT"));
    body.put("rsitClasses", List.of("<script>alert(1)</script>"));
    body.put("capacity", 0);
    body.put("onCall247", true);
    body.put("openingHours", List.of("ALL DAY"));
    body.put("email", "pas-une-adresse");
    body.put("webhookUrl", "javascript:alert(1)");
    Http.Answer a = as(coordinator, HttpRequest.POST("/api/v1/providers", body));
    assertThat(a.status()).as(a.body()).isEqualTo(422);
    assertThat(a.contentType()).startsWith("application/problem+json");
    assertThat(a.errorFields())
        .containsExactlyInAnyOrder(
            "name",
            "siren",
            "labels[0].kind",
            "labels[0].validUntil",
            "departements[0]",
            "departements[1]",
            "victimTypes[0]",
            "rsitClasses[0]",
            "capacity",
            "openingHours[0]",
            "email",
            "webhookUrl",
            "webhookSecret");

    Map<String, Object> typed = new HashMap<>(Map.of("name", "X", "capacity", "beaucoup"));
    Http.Answer wrongType = as(coordinator, HttpRequest.POST("/api/v1/providers", typed));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.contentType()).startsWith("application/problem+json");

    Map<String, Object> unknown = new HashMap<>(Map.of("name", "X", "isAdmin", true));
    assertThat(as(coordinator, HttpRequest.POST("/api/v1/providers", unknown)).status())
        .isEqualTo(400);

    byte[] broken = "{\"name\": \"\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    Http.Answer utf8 =
        as(
            coordinator,
            HttpRequest.POST("/api/v1/providers", broken).contentType(MediaType.APPLICATION_JSON));
    assertThat(utf8.status()).isEqualTo(400);

    assertThat(
            as(
                    coordinator,
                    HttpRequest.POST("/api/v1/providers", "x".repeat(2_000_000))
                        .contentType(MediaType.APPLICATION_JSON))
                .status())
        .isIn(400, 413);

    // A valid provider, then the same SIREN again: 409, and one row.
    var request = Providers.provider().departements("29", "29").request();
    Http.Answer created =
        conforms("Provider", ok(201, coordinator, HttpRequest.POST("/api/v1/providers", request)));
    conforms("ProviderPage", ok(200, analyst, HttpRequest.GET("/api/v1/providers?active=true")));
    assertThat(as(analyst, HttpRequest.GET("/api/v1/providers?active=maybe")).errorFields())
        .containsExactly("active");
    assertThat(created.json())
        .containsEntry("webhookSecretSet", false)
        .doesNotContainKey("webhookSecret");
    Http.Answer twice = as(coordinator, HttpRequest.POST("/api/v1/providers", request));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.errorFields()).containsExactly("siren");
    assertThat(count("SELECT count(*) FROM provider WHERE siren = '" + request.siren() + "'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM provider WHERE name LIKE 'Nom%'")).isZero();

    // PUT keeps the write-only secret when it is left out, and 412 on a stale version.
    long id = id(created.json(), "id");
    var hooked =
        Providers.provider()
            .name("Avec webhook")
            .webhook("https://hooks.example/vigie", "s".repeat(32))
            .request();
    Http.Answer put =
        ok(
            200,
            coordinator,
            HttpRequest.PUT("/api/v1/providers/" + id, withSiren(hooked, request.siren())));
    assertThat(put.json()).containsEntry("webhookSecretSet", true).containsEntry("version", 1);
    var noSecret =
        Providers.provider()
            .name("Avec webhook 2")
            .webhook("https://hooks.example/vigie", null)
            .request();
    Http.Answer kept =
        ok(
            200,
            coordinator,
            HttpRequest.PUT("/api/v1/providers/" + id, withSiren(noSecret, request.siren()))
                .header("If-Match", "\"v1\""));
    assertThat(kept.json())
        .containsEntry("webhookSecretSet", true)
        .containsEntry("name", "Avec webhook 2");
    assertThat(
            as(
                    coordinator,
                    HttpRequest.PUT("/api/v1/providers/" + id, withSiren(noSecret, request.siren()))
                        .header("If-Match", "\"v1\""))
                .status())
        .isEqualTo(412);
    assertThat(as(coordinator, HttpRequest.GET("/api/v1/providers/999999999")).status())
        .isEqualTo(404);
    assertThat(as(coordinator, HttpRequest.GET("/api/v1/providers/1%20OR%201=1")).status())
        .isEqualTo(404);
  }

  @Test
  void aContractNamesExistingProvidersInAValidPeriod() {
    Provider p = Providers.provider().departements("29", "29").create(directory);
    Http.Answer made =
        ok(
            201,
            coordinator,
            HttpRequest.POST(
                "/api/v1/contracts",
                Map.of(
                    "name",
                    "Marché du Finistère",
                    "departements",
                    List.of("29"),
                    "victimTypes",
                    List.of("EPCI"),
                    "providerIds",
                    List.of(p.id()),
                    "validFrom",
                    "2026-01-01",
                    "validUntil",
                    "2026-01-31")));
    conforms("Contract", made);
    conforms(
        "Contract",
        ok(200, analyst, HttpRequest.GET("/api/v1/contracts/" + id(made.json(), "id"))));
    conforms("ContractPage", ok(200, analyst, HttpRequest.GET("/api/v1/contracts?size=5")));
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Marché");
    body.put("departements", List.of("29"));
    body.put("victimTypes", List.of("COMMUNE"));
    body.put("providerIds", List.of(987654321L, 987654321L));
    body.put("validFrom", "2027-01-01");
    body.put("validUntil", "2026-01-01");
    Http.Answer a = as(coordinator, HttpRequest.POST("/api/v1/contracts", body));
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.errorFields()).containsExactlyInAnyOrder("validUntil", "providerIds[1]");
    body.put("providerIds", List.of(987654321L));
    body.put("validUntil", "2027-12-31");
    Http.Answer missing = as(coordinator, HttpRequest.POST("/api/v1/contracts", body));
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.errorFields()).containsExactly("providerIds[0]");
    assertThat(count("SELECT count(*) FROM public_contract WHERE valid_from = '2027-01-01'"))
        .isZero();
    assertThat(as(analyst, HttpRequest.POST("/api/v1/contracts", body)).status()).isEqualTo(403);
  }

  @Test
  void aReferralNeedsAQualifiedTicketAndAnEligibleProvider() {
    Provider p = Providers.provider().name("Seul 35").departements("35", "35").create(directory);
    Http.Answer fresh =
        ok(
            201,
            null,
            HttpRequest.POST(
                "/api/v1/reports",
                ReportJson.company(NOW.get())
                    .set("victim.communeCode", "35238")
                    .set("incident.discoveredAt", "2026-11-20T08:00:00+01:00")
                    .body()));
    String reference = (String) fresh.json().get("reference");
    assertThat(propose(reference, p.id()).status()).as("a NEW ticket").isEqualTo(409);
    ok(
        200,
        analyst,
        HttpRequest.POST(
            "/api/v1/tickets/" + reference + "/transitions", Map.of("to", "QUALIFIED")));
    Http.Answer wrongType = propose(reference, "un prestataire");
    assertThat(wrongType.status()).isEqualTo(400);
    Http.Answer nobody = propose(reference, 987654321L);
    assertThat(nobody.status()).isEqualTo(422);
    assertThat(nobody.errorFields()).containsExactly("providerId");
    Http.Answer empty =
        as(analyst, HttpRequest.POST("/api/v1/tickets/" + reference + "/referrals", Map.of()));
    assertThat(empty.status()).isEqualTo(422);
    assertThat(
            as(analyst, HttpRequest.GET("/api/v1/tickets/BZH-2000-999999/referral-options"))
                .status())
        .isEqualTo(404);
    assertThat(referralsOf(reference)).isEmpty();
  }

  static ProviderRequest withSiren(ProviderRequest r, String siren) {
    return new ProviderRequest(
        r.name(),
        siren,
        r.labels(),
        r.departements(),
        r.baseDepartement(),
        r.victimTypes(),
        r.rsitClasses(),
        r.capacity(),
        r.onCall247(),
        r.openingHours(),
        r.email(),
        r.webhookUrl(),
        r.webhookSecret(),
        r.active());
  }

  long count(String sql) {
    return database.read(
        c -> {
          try (var s = c.prepareStatement(sql);
              var rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  int shortlistsStored(String reference) {
    return (int)
        count(
            "SELECT count(*) FROM referral_shortlist s JOIN ticket t ON t.id = s.ticket_id"
                + " WHERE t.reference = '"
                + reference
                + "'");
  }

  List<String> outboxTopics(String reference) {
    return strings(
        "SELECT o.topic FROM outbox o JOIN ticket t ON t.id = o.ticket_id WHERE t.reference = ?"
            + " ORDER BY o.id",
        reference);
  }

  List<String> timelineTypes(String reference) {
    return strings(
        "SELECT e.type FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
            + " WHERE t.reference = ? ORDER BY e.id",
        reference);
  }

  List<String> strings(String sql, String key) {
    return database.read(
        c -> {
          try (var s = c.prepareStatement(sql)) {
            s.setString(1, key);
            List<String> out = new java.util.ArrayList<>();
            try (var rows = s.executeQuery()) {
              while (rows.next()) {
                out.add(rows.getString(1));
              }
            }
            return out;
          }
        });
  }
}
