package fr.vigie.security;

import static fr.vigie.testing.ContractClient.CONTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.db.Database;
import fr.vigie.testing.ReportJson;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of generated hostile requests to every public endpoint (DESIGN.md §9): wrong types,
 * huge values, deep nesting, unknown fields, NUL bytes, broken UTF-8, injection strings, in bodies,
 * headers, paths and query strings, sent as raw bytes over a socket so nothing is cleaned up on the
 * way. Whatever arrives: never a 5xx, every refusal a problem document, and nothing written for a
 * refused request. The number of tries is bounded so the suite stays within a minute or two.
 */
class HostileInputIT {

  static ApplicationContext context;
  static EmbeddedServer server;
  static Database database;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeContainer
  static void start() {
    server = ApplicationContext.run(EmbeddedServer.class, "test");
    context = server.getApplicationContext();
    database = context.getBean(Database.class);
  }

  @AfterContainer
  static void stop() {
    if (server != null) {
      server.stop();
      context.close();
    }
  }

  // ---- Properties -------------------------------------------------------------------------

  @Property(tries = 600)
  void hostileReportBodiesAreRefusedCleanly(
      @ForAll("reportTargets") String target, @ForAll("hostileBodies") byte[] body) {
    check("POST", target, Map.of("Content-Type", "application/json"), body);
  }

  @Property(tries = 800)
  void aReportWithOneHostileValueIsRefusedCleanly(
      @ForAll("reportTargets") String target,
      @ForAll("reportPaths") String path,
      @ForAll("hostileValues") Object value) {
    ReportJson report = ReportJson.mairie();
    try {
      report.set(path, value);
    } catch (ClassCastException | NullPointerException notAnObjectAnyMore) {
      return;
    }
    check("POST", target, Map.of("Content-Type", "application/json"), bytes(report.body()));
  }

  @Property(tries = 500)
  void hostileHeadersAreRefusedCleanly(
      @ForAll("publicRequests") String[] request,
      @ForAll("headerNames") String header,
      @ForAll("hostileHeaderValues") byte[] value) {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put(header, value);
    byte[] body = request[0].equals("POST") ? bytes(validBody(request[1])) : new byte[0];
    check(request[0], request[1], headers, body);
  }

  @Property(tries = 600)
  void hostilePathsAndQueriesAreRefusedCleanly(
      @ForAll("pathTemplates") String template, @ForAll("hostilePathSegments") String segment) {
    String target = template.replace("{}", segment);
    String method = template.contains("messages") || template.equals("/login") ? "POST" : "GET";
    check(
        method,
        target,
        Map.of("Content-Type", "application/json", "X-Follow-Up-Token", segment),
        method.equals("POST") ? bytes(Map.of("text", "bonjour")) : new byte[0]);
  }

  @Property(tries = 400)
  void hostileCredentialsAndMessagesAreRefusedCleanly(
      @ForAll("credentialTargets") String target, @ForAll("hostileObjects") Object body) {
    check("POST", target, Map.of("Content-Type", "application/json"), bytes(body));
  }

  /**
   * The pages' forms ({@code /signaler}, its steps, preview and submission; {@code /suivi}): never
   * a 5xx, a refusal is a problem document or a French page, and nothing is stored from a refused
   * or unfinished step (no signed state, no report; no cookie, no message).
   */
  @Property(tries = 400)
  void hostileFormPostsStoreNothing(
      @ForAll("formTargets") String target, @ForAll("hostileFormBodies") byte[] body) {
    long[] before = rows();
    Answer answer =
        send("POST", target, Map.of("Content-Type", "application/x-www-form-urlencoded"), body);
    String what = "POST " + target + " → " + answer.status + " " + abbreviate(answer.body);
    assertThat(answer.status).as(what).isBetween(200, 499);
    if (answer.status >= 400) {
      assertThat(answer.contentType)
          .as(what)
          .matches("(application/problem\\+json|text/html|text/plain).*");
    }
    assertThat(rows()).as("nothing stored: " + what).isEqualTo(before);
  }

  @Provide
  Arbitrary<String> formTargets() {
    return Arbitraries.of(
        "/signaler", "/signaler/envoyer", "/signaler/apercu", "/suivi", "/suivi/message");
  }

  @Provide
  Arbitrary<byte[]> hostileFormBodies() {
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.of(INJECTIONS).filter(v -> v.length() < 20_000),
            Arbitraries.strings().all().ofMaxLength(200),
            Arbitraries.of("BZH-2026-000001", "who", "what", "verification", "x.y", ""));
    Arbitrary<String> names =
        Arbitraries.of(
            "etat",
            "etape",
            "action",
            "victim.type",
            "victim.name",
            "victim.communeCode",
            "victim.communeCode.choix",
            "incident.observables[3].value",
            "consent",
            "reference",
            "code",
            "message",
            "jeton");
    Arbitrary<byte[]> fields =
        Combinators.combine(names, values)
            .as(
                (n, v) ->
                    java.net.URLEncoder.encode(n, StandardCharsets.UTF_8)
                        + "="
                        + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8))
            .list()
            .ofMaxSize(12)
            .map(l -> String.join("&", l).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(
        fields,
        Arbitraries.of(
                "etat=%ZZ",
                "etat=%",
                "%C3%28=1",
                "etat=abc.def&etape=who&victim.type=COMMUNE",
                "reference=BZH-2026-000001&code=" + "a".repeat(5000),
                "&&&===",
                "a=" + "%FF".repeat(50))
            .map(v -> v.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
        Arbitraries.just(("etat=" + "x".repeat(300_000)).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The yearly report takes its year from the path: an official's hostile years, suffixes and
   * queries are refused cleanly too (a refused caller would never reach the year).
   */
  @Property(tries = 300)
  void hostileYearsOfTheYearlyReportAreRefusedCleanly(
      @ForAll("reportYearTemplates") String template,
      @ForAll("hostilePathSegments") String segment) {
    check(
        "GET",
        template.replace("{}", segment),
        Map.of("Authorization", "Bearer " + officialToken()),
        new byte[0]);
  }

  @Provide
  Arbitrary<String> reportYearTemplates() {
    return Arbitraries.of(
        "/api/v1/stats/report/{}.pdf",
        "/api/v1/stats/report/{}",
        "/api/v1/stats/report/2025.pdf?{}",
        "/api/v1/stats/report/2025.pdf?year={}");
  }

  private static String official;

  /** An official's token, made once: logging in writes a session, which {@link #check} counts. */
  static synchronized String officialToken() {
    if (official == null) {
      var client = context.createBean(io.micronaut.http.client.HttpClient.class, server.getURL());
      official =
          fr.vigie.testing.Staff.token(
              context.getBean(fr.vigie.security.UserService.class), client, "OFFICIAL");
      client.stop();
    }
    return official;
  }

  /**
   * The observables' staff operations (issue 21) as an analyst: hostile values of every type,
   * hostile tags, TLPs and retractions, hostile ids, formats and recipients on the exports and
   * campaigns. Never a 5xx; a refusal writes nothing.
   */
  @Property(tries = 150)
  void hostileObservablesAndExportsAreRefusedCleanly(
      @ForAll("observableTypes") String type,
      @ForAll("hostileValues") Object value,
      @ForAll("hostilePathSegments") String segment) {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Authorization", "Bearer " + analyst());
    String observables = "/api/v1/tickets/" + staffTicket() + "/observables";
    Map<String, Object> add = new LinkedHashMap<>();
    add.put("type", type);
    add.put("value", value);
    check("POST", observables, headers, bytes(add));
    Map<String, Object> tagged = new LinkedHashMap<>();
    tagged.put("type", "DOMAIN");
    tagged.put("value", "hostile-" + Math.abs(segment.hashCode()) + ".example");
    tagged.put("tlp", value);
    tagged.put("tags", java.util.Arrays.asList(value, segment));
    check("POST", observables, headers, bytes(tagged));
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("retracted", value);
    change.put("reason", value);
    check("PATCH", observables + "/" + segment, headers, bytes(change));
    check("PATCH", observables + "/1", headers, bytes(change));
    String ticket = "/api/v1/tickets/" + staffTicket();
    check("GET", ticket + "/export?format=" + segment, headers, new byte[0]);
    check("GET", ticket + "/export?format=misp&recipients=" + segment, headers, new byte[0]);
    check("GET", "/api/v1/campaigns/" + segment, headers, new byte[0]);
    check("GET", "/api/v1/campaigns?state=" + segment + "&size=" + segment, headers, new byte[0]);
    check("GET", "/api/v1/campaigns/" + segment + "/export?format=stix", headers, new byte[0]);
    check("POST", "/api/v1/campaigns/" + segment + "/merge", headers, bytes(Map.of("into", 1)));
    Map<String, Object> split = new LinkedHashMap<>();
    split.put("tickets", java.util.Arrays.asList(value));
    check("POST", "/api/v1/campaigns/1/split", headers, bytes(split));
    Map<String, Object> merge = new LinkedHashMap<>();
    merge.put("into", value);
    check("POST", "/api/v1/campaigns/1/merge", headers, bytes(merge));
  }

  @Provide
  Arbitrary<String> observableTypes() {
    return Arbitraries.of(
        "DOMAIN", "URL", "IP", "EMAIL", "PHONE", "HASH", "IBAN", "OTHER", "domain", "", "X");
  }

  private static String analystToken;
  private static String staffReference;

  /** An analyst of this suite, logged in once. */
  static synchronized String analyst() {
    if (analystToken == null) {
      String name = "hostile-" + java.util.UUID.randomUUID().toString().substring(0, 8);
      context
          .getBean(UserService.class)
          .create(
              new UserService.NewUser(
                  name, fr.vigie.testing.Staff.PASSWORD, List.of("ANALYST"), null));
      Answer login =
          send(
              "POST",
              "/login",
              Map.of("Content-Type", "application/json"),
              bytes(Map.of("username", name, "password", fr.vigie.testing.Staff.PASSWORD)));
      try {
        analystToken = JSON.readTree(login.body).path("access_token").asText();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return analystToken;
  }

  /** A ticket the staff properties work on. */
  static synchronized String staffTicket() {
    if (staffReference == null) {
      Answer receipt =
          send(
              "POST",
              "/api/v1/reports",
              Map.of("Content-Type", "application/json"),
              bytes(ReportJson.phishing().body()));
      try {
        staffReference = JSON.readTree(receipt.body).path("reference").asText();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return staffReference;
  }

  /** A body that is not what its Content-Encoding says is the client's mistake: 400, not 500. */
  @Example
  void aBodyNotInItsNamedEncodingIsRefusedCleanly() {
    for (String encoding : List.of("gzip", "x-gzip", "deflate", "GZIP")) {
      Map<String, Object> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json");
      headers.put("Content-Encoding", encoding);
      Answer answer = send("POST", "/api/v1/reports", headers, bytes(ReportJson.phishing().body()));
      assertThat(answer.status).as(encoding + " " + answer.body).isEqualTo(400);
      check("POST", "/api/v1/reports", headers, bytes(ReportJson.phishing().body()));
    }
  }

  /** The public operations the generators above attack, by path of the contract. */
  static final Set<String> ATTACKED =
      Set.of(
          "/api/v1/reports",
          "/api/v1/reports/{reference}",
          "/api/v1/reports/{reference}/messages",
          "/api/v1/intake/diagnosis",
          "/api/v1/intake/questionnaire",
          "/api/v1/geo/communes",
          "/login",
          "/oauth/access_token",
          "/health/{probe}",
          "/api/v1/public/stats/{year}",
          "/api/v1/public/stats/{year}.csv");

  /** Public operations that read nothing from the request. */
  static final Set<String> NO_INPUT = Set.of("/health", "/api/v1/public/stats/schema.json");

  /** A public operation added to the contract fails here until the generators attack it too. */
  @Example
  void everyPublicOperationOfTheContractIsAttacked() {
    Set<String> open = new TreeSet<>();
    CONTRACT
        .document()
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          var security = op.getValue().path("security");
                          if (op.getValue().has("operationId")
                              && security.isArray()
                              && security.isEmpty()) {
                            open.add(path.getKey());
                          }
                        }));
    Set<String> covered = new TreeSet<>(ATTACKED);
    covered.addAll(NO_INPUT);
    assertThat(open).as("public paths of openapi/vigie.yaml").isEqualTo(covered);
  }

  // ---- The check --------------------------------------------------------------------------

  /** Sends the request; asserts no 5xx, a problem document for a refusal, no row for a refusal. */
  static void check(String method, String target, Map<String, Object> headers, byte[] body) {
    long[] before = rows();
    Answer answer = send(method, target, headers, body);
    String what =
        method + " " + abbreviate(target) + " → " + answer.status + " " + abbreviate(answer.body);
    assertThat(answer.status).as(what).isBetween(200, 499);
    if (answer.status >= 400) {
      assertThat(answer.contentType).as(what).startsWith("application/problem+json");
      assertThat(readable(answer.body)).as("a JSON problem: " + what).isTrue();
      assertThat(rows()).as("nothing written for a refused request: " + what).isEqualTo(before);
    }
  }

  /**
   * Rows of the tables a public request may write: reports, tickets, timeline, audit, sessions, and
   * the outbox (a report's receipt to the victim).
   */
  static long[] rows() {
    return database.read(
        c -> {
          try (var r =
              c.createStatement()
                  .executeQuery(
                      "SELECT (SELECT count(*) FROM report), (SELECT count(*) FROM ticket),"
                          + " (SELECT count(*) FROM ticket_event),"
                          + " (SELECT count(*) FROM audit_event),"
                          + " (SELECT count(*) FROM refresh_token),"
                          + " (SELECT count(*) FROM outbox)")) {
            r.next();
            return new long[] {
              r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)
            };
          }
        });
  }

  static boolean readable(String body) {
    try {
      return JSON.readTree(body).has("status");
    } catch (IOException e) {
      return false;
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + ")";
  }

  static byte[] bytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> validBody(String target) {
    if (target.endsWith("/messages")) {
      return Map.of("text", "bonjour");
    }
    if (target.equals("/login")) {
      return Map.of("username", "nobody-here", "password", "not-the-password");
    }
    return ReportJson.phishing().body();
  }

  // ---- Generators -------------------------------------------------------------------------

  static final List<String> INJECTIONS =
      List.of(
          "'; DROP TABLE ticket; --",
          "\" OR 1=1 --",
          "<script>alert(1)</script>",
          "${jndi:ldap://127.0.0.1/x}",
          "{{7*7}}",
          "../../../../etc/passwd",
          "%00",
          "\u0000",
          "\r\nSet-Cookie: x=1",
          "\uFEFF",
          "\u202E",
          "A".repeat(70_000),
          "é".repeat(20_000),
          "🛡️".repeat(3_000),
          "",
          " ",
          "null",
          "NaN",
          "-0",
          "1e99999",
          "BZH-2026-000001");

  @Provide
  Arbitrary<String> reportTargets() {
    return Arbitraries.of("/api/v1/reports", "/api/v1/intake/diagnosis");
  }

  @Provide
  Arbitrary<String> credentialTargets() {
    return Arbitraries.of(
        "/login", "/oauth/access_token", "/api/v1/reports/BZH-2026-000001/messages");
  }

  @Provide
  Arbitrary<String> reportPaths() {
    return Arbitraries.of(
        "channel",
        "victim",
        "victim.type",
        "victim.name",
        "victim.siren",
        "victim.communeCode",
        "victim.headcount",
        "victim.nis2",
        "victim.oiv",
        "victim.sector",
        "victim.hasItProvider",
        "victim.color",
        "contact",
        "contact.name",
        "contact.email",
        "contact.phone",
        "contact.role",
        "incident",
        "incident.threat",
        "incident.discoveredAt",
        "incident.ongoing",
        "incident.serviceImpact",
        "incident.affectedServices",
        "incident.scope",
        "incident.personalData",
        "incident.fundsTransferred",
        "incident.description",
        "incident.observables",
        "consent",
        "extra");
  }

  @Provide
  Arbitrary<Object> hostileValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(INJECTIONS).map(s -> (Object) s),
        Arbitraries.strings().all().ofMaxLength(300).map(s -> (Object) s),
        Arbitraries.of(
            (Object) Boolean.TRUE,
            Boolean.FALSE,
            0,
            -1,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            1.5e308,
            -0.0,
            new java.math.BigInteger("9".repeat(400)),
            new java.math.BigDecimal("1e-400")),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.just(List.of()).map(l -> (Object) new ArrayList<>()),
        Arbitraries.strings().ofMaxLength(20).list().ofMaxSize(50).map(l -> (Object) l),
        Arbitraries.integers().between(1, 300).map(HostileInputIT::nested),
        Arbitraries.just((Object) new LinkedHashMap<>(Map.of("unknown", "field"))),
        Arbitraries.integers()
            .between(1, 5000)
            .map(n -> (Object) java.util.Collections.nCopies(n, "x")));
  }

  @Provide
  Arbitrary<Object> hostileObjects() {
    Arbitrary<Map<String, Object>> maps =
        Combinators.combine(
                Arbitraries.of(
                    "username",
                    "password",
                    "grant_type",
                    "refresh_token",
                    "text",
                    "roles",
                    "\u0000",
                    "x".repeat(1000)),
                hostileValues())
            .as(
                (k, v) -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put(k, v);
                  m.put("username", "nobody-" + (k.hashCode() & 0xfff));
                  return m;
                });
    return Arbitraries.oneOf(maps.map(m -> (Object) m), hostileValues());
  }

  static Object nested(int depth) {
    Object value = "deep";
    for (int i = 0; i < depth; i++) {
      value = i % 2 == 0 ? List.of(value) : Map.of("a", value);
    }
    return value;
  }

  @Provide
  Arbitrary<byte[]> hostileBodies() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
        Arbitraries.of(
                "",
                "{",
                "[]",
                "null",
                "\"just a string\"",
                "{\"channel\": \"WEB_FORM\",}",
                "{\"a\":1,\"a\":2}",
                "\uFEFF{}",
                "[".repeat(100_000),
                "{\"victim\":".repeat(5000),
                "{\"incident\": {\"description\": \"\\ud800\"}}",
                "{\"incident\": {\"description\": \"\\u0000\"}}",
                "{\"consent\": 1e999999999}")
            .map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.integers()
            .between(0, 200)
            .map(
                cut -> {
                  byte[] valid = bytes(ReportJson.mairie().body());
                  return java.util.Arrays.copyOf(valid, Math.min(valid.length, cut * 8));
                }),
        Arbitraries.of(
                new byte[] {(byte) 0xC3, 0x28},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {0})
            .map(
                bad -> {
                  String valid =
                      new String(bytes(ReportJson.mairie().body()), StandardCharsets.UTF_8);
                  int at =
                      valid.indexOf("Claire") >= 0
                          ? valid.indexOf("Claire")
                          : valid.indexOf("Anne");
                  ByteArrayOutputStream out = new ByteArrayOutputStream();
                  out.writeBytes(valid.substring(0, at).getBytes(StandardCharsets.UTF_8));
                  out.writeBytes(bad);
                  out.writeBytes(valid.substring(at).getBytes(StandardCharsets.UTF_8));
                  return out.toByteArray();
                }),
        Arbitraries.just(new byte[300_000]));
  }

  @Provide
  Arbitrary<String[]> publicRequests() {
    return Arbitraries.of(
        new String[] {"POST", "/api/v1/reports"},
        new String[] {"POST", "/api/v1/intake/diagnosis"},
        new String[] {"GET", "/api/v1/intake/questionnaire"},
        new String[] {"GET", "/api/v1/geo/communes?q=brest"},
        new String[] {"GET", "/api/v1/reports/BZH-2026-000001"},
        new String[] {"POST", "/api/v1/reports/BZH-2026-000001/messages"},
        new String[] {"POST", "/login"},
        new String[] {"GET", "/api/v1/public/stats/2025"},
        new String[] {"GET", "/api/v1/public/stats/2025.csv"},
        new String[] {"GET", "/health"});
  }

  @Provide
  Arbitrary<String> headerNames() {
    return Arbitraries.of(
        "Idempotency-Key",
        "X-Follow-Up-Token",
        "Content-Type",
        "Accept",
        "If-None-Match",
        "X-Forwarded-For",
        "Authorization",
        "Origin",
        "Accept-Charset",
        "Content-Encoding",
        "X-Unknown");
  }

  @Provide
  Arbitrary<byte[]> hostileHeaderValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(INJECTIONS)
            .filter(s -> s.length() < 6000 && !s.contains("\r") && !s.contains("\u0000"))
            .map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.strings().all().ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.of(
                "Bearer ",
                "Bearer a.b.c",
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbIkFETUlOIl19.",
                "Basic YWRtaW46YWRtaW4=",
                "text/plain",
                "application/json; charset=latin1",
                "multipart/form-data; boundary=x",
                "*/*;q=abc",
                "gzip",
                "W/\"",
                "x".repeat(7000))
            .map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(100));
  }

  @Provide
  Arbitrary<String> pathTemplates() {
    return Arbitraries.of(
        "/api/v1/reports/{}",
        "/api/v1/reports/{}/messages",
        "/api/v1/geo/communes?q={}",
        "/api/v1/geo/communes?postalCode={}",
        "/api/v1/geo/communes?q=br&limit={}",
        "/api/v1/intake/questionnaire?{}",
        "/api/v1/{}",
        "/{}",
        "/health/{}",
        "/api/v1/public/stats/{}",
        "/api/v1/public/stats/{}.csv");
  }

  @Provide
  Arbitrary<String> hostilePathSegments() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "%00",
            "%C3%28",
            "%ED%A0%80",
            "%FF",
            "..%2F..%2Fetc%2Fpasswd",
            "../../etc/passwd",
            "BZH-2026-000001%00",
            "%27%3B%20DROP%20TABLE%20ticket%3B--",
            "%3Cscript%3E",
            "%25",
            "%",
            "%%%",
            "a".repeat(5000),
            "%u0000",
            "BZH-2026-0000011",
            "bzh-2026-000001",
            "BZH-9999-999999"),
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40).map(HostileInputIT::urlSafe),
        Arbitraries.strings()
            .all()
            .ofMaxLength(30)
            .map(s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8)));
  }

  /** Keeps what a request line may carry raw; percent-encodes the rest of the ASCII. */
  static String urlSafe(String text) {
    StringBuilder out = new StringBuilder();
    for (char ch : text.toCharArray()) {
      if (Character.isLetterOrDigit(ch) || "-._~%!$&'()*+,;=:@/?".indexOf(ch) >= 0) {
        out.append(ch);
      } else {
        out.append(String.format(Locale.ROOT, "%%%02X", (int) ch));
      }
    }
    return out.toString();
  }

  // ---- Raw HTTP ---------------------------------------------------------------------------

  record Answer(int status, String contentType, String body) {}

  /** One HTTP/1.1 request written byte for byte; the connection is closed after the answer. */
  static Answer send(String method, String target, Map<String, Object> headers, byte[] body) {
    try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
      socket.setSoTimeout(30_000);
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.writeBytes(
          (method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
      request.writeBytes(
          ("Host: 127.0.0.1:" + server.getPort() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      request.writeBytes("Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
      for (var header : headers.entrySet()) {
        byte[] value =
            header.getValue() instanceof byte[] raw
                ? sanitizeHeader(raw)
                : header.getValue().toString().getBytes(StandardCharsets.UTF_8);
        request.writeBytes((header.getKey() + ": ").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(value);
        request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      request.writeBytes(
          ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      request.writeBytes(body);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request.toByteArray());
        out.flush();
      } catch (IOException closedEarly) {
        // The server may answer (413) and close before reading the whole body.
      }
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + abbreviate(target), e);
    }
  }

  /** A header value cannot carry a line break (that would be another header): those become '?'. */
  static byte[] sanitizeHeader(byte[] raw) {
    byte[] copy = raw.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] == '\r' || copy[i] == '\n') {
        copy[i] = '?';
      }
    }
    return copy;
  }

  static Answer parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    assertThat(end).as("a complete HTTP answer: " + abbreviate(text)).isPositive();
    String[] head = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    String contentType = "";
    boolean chunked = false;
    for (int i = 1; i < head.length; i++) {
      String lower = head[i].toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-type:")) {
        contentType = head[i].substring(13).strip();
      }
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    String body = text.substring(end + 4);
    return new Answer(status, contentType, chunked ? dechunk(body) : body);
  }

  static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int line = body.indexOf("\r\n", at);
      if (line < 0) {
        break;
      }
      int size = Integer.parseInt(body.substring(at, line).strip(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, line + 2, Math.min(body.length(), line + 2 + size));
      at = line + 2 + size + 2;
    }
    return out.toString();
  }
}
