package fr.vigie.stats;

import fr.vigie.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A small deterministic year of tickets for the statistics' integration tests, written into the
 * real tables (report, ticket, victim, clock) so that the V7 triggers make the facts, as for real
 * intakes. References are {@code FIX-<year>-…}: loading twice in one database does nothing.
 *
 * <p>The year of {@link #BRETAGNE}: 32 victims, 35 counted tickets and one merged duplicate. The
 * mairies are oriented to the police (a complaint), those hit by ransomware to the CNIL too.
 */
public final class StatsFixture {

  /** A victim organisation (or person): same identity, same victim. */
  public record Victim(
      String type, String siren, String commune, String departement, Integer size, String name) {

    String category() {
      return switch (type) {
        case "COMMUNE", "EPCI", "DEPARTEMENT", "REGION" -> "COLLECTIVITE";
        default -> type;
      };
    }
  }

  /** Tickets of one victim with the same facts. */
  public record Spec(
      int tickets,
      Victim victim,
      int month,
      String threat,
      String rsitClass,
      String severity,
      String kind,
      String outcome,
      Boolean prevented,
      Integer firstContactMinutes,
      String firstContactState) {

    boolean closed() {
      return outcome != null;
    }
  }

  static Victim company(int n, String dep) {
    return new Victim(
        "ENTREPRISE", String.format("7%08d", n), dep + "019", dep, 12, "Entreprise fictive " + n);
  }

  static Victim commune(String code) {
    return new Victim("COMMUNE", null, code, code.substring(0, 2), 4000, "Mairie " + code);
  }

  static Victim association(int n, String dep) {
    return new Victim("ASSOCIATION", null, dep + "232", dep, 3, "Association fictive " + n);
  }

  /** The fixture year: see the class comment. */
  public static final List<Spec> BRETAGNE = bretagne();

  private static List<Spec> bretagne() {
    List<Spec> specs = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // 29, companies, phishing signalements, first contact 30…140 min
      specs.add(
          new Spec(
              1,
              company(100 + i, "29"),
              i % 12,
              "PHISHING",
              "fraud",
              "P4",
              "SIGNALEMENT",
              "ADVICE_ONLY",
              false,
              30 + 10 * i,
              "MET"));
    }
    for (String code : List.of("29019", "29232")) { // 29, two mairies hit by ransomware
      specs.add(
          new Spec(
              1,
              commune(code),
              2,
              "RANSOMWARE",
              "information-content-security",
              "P1",
              "INCIDENT",
              "PROVIDER_REMEDIATION",
              false,
              20,
              "MET"));
    }
    for (int i = 0; i < 8; i++) { // 35, companies, account compromise, one first contact late
      specs.add(
          new Spec(
              1,
              company(200 + i, "35"),
              4 + i % 6,
              "ACCOUNT_COMPROMISE",
              "intrusions",
              "P3",
              "INCIDENT",
              "SELF_REMEDIATED",
              false,
              i == 0 ? 2000 : 60,
              i == 0 ? "BREACHED" : "MET"));
    }
    for (String code : List.of("35238", "35288", "35115", "35047", "35051", "35360")) {
      specs.add( // 35, six mairies: phishing caught in time
          new Spec(
              1,
              commune(code),
              6,
              "PHISHING",
              "fraud",
              "P3",
              "INCIDENT",
              "PREVENTED",
              true,
              45,
              "MET"));
    }
    specs.add( // 35: one company, four reports of transfer fraud, still open
        new Spec(
            4,
            company(300, "35"),
            9,
            "TRANSFER_FRAUD",
            "fraud",
            "P2",
            "INCIDENT",
            null,
            null,
            null,
            null));
    for (int i = 0; i < 3; i++) { // 56, three associations
      specs.add(
          new Spec(
              1,
              association(400 + i, "56"),
              10,
              "MALWARE",
              "malicious-code",
              "P4",
              "INCIDENT",
              "ADVICE_ONLY",
              false,
              90,
              "MET"));
    }
    return List.copyOf(specs);
  }

  /**
   * The year of issue 16's differencing attack: two small mairies of the Côtes-d'Armor (22), P1,
   * remediated by a provider; twenty-five mairies of the Finistère (29), twenty like them and five
   * larger ones, P2, that remediated themselves; six companies in each département. The counts
   * subtracted are far enough above k that their noise never hides them. Alone, the mairies of the
   * 22 are hidden; their département is known once the 29's figure is subtracted from that of the
   * 22 and 29 together, if both are exact.
   */
  public static final List<Spec> DIFFERENCING = differencing();

  private static List<Spec> differencing() {
    List<Spec> specs = new ArrayList<>();
    for (int i = 0; i < 27; i++) {
      boolean small = i < 22;
      String code = i < 2 ? List.of("22001", "22002").get(i) : String.format("29%03d", 100 + i);
      Victim mairie =
          new Victim(
              "COMMUNE", null, code, code.substring(0, 2), small ? 600 : 4000, "Mairie " + code);
      specs.add(
          new Spec(
              1,
              mairie,
              3,
              "RANSOMWARE",
              "information-content-security",
              small ? "P1" : "P2",
              "INCIDENT",
              small ? "PROVIDER_REMEDIATION" : "SELF_REMEDIATED",
              false,
              30,
              "MET"));
    }
    for (int i = 0; i < 12; i++) {
      specs.add(
          new Spec(
              1,
              company(500 + i, i % 2 == 0 ? "22" : "29"),
              i % 12,
              "PHISHING",
              "fraud",
              "P4",
              "SIGNALEMENT",
              "ADVICE_ONLY",
              false,
              60,
              "MET"));
    }
    return List.copyOf(specs);
  }

  private StatsFixture() {}

  /**
   * Loads {@code specs} as tickets of {@code year}, once; plus a duplicate merged into the first.
   */
  public static void load(Database database, int year, List<Spec> specs) {
    database.inTransaction(
        c -> {
          try (var s = c.prepareStatement("SELECT 1 FROM ticket WHERE reference = ?")) {
            s.setString(1, reference(year, 1));
            if (s.executeQuery().next()) {
              return null;
            }
          }
          int n = 0;
          long first = -1;
          for (Spec spec : specs) {
            for (int t = 0; t < spec.tickets(); t++) {
              long id = insert(c, year, ++n, spec, t);
              first = first < 0 ? id : first;
            }
          }
          long duplicate = insert(c, year, ++n, specs.get(0), 0);
          try (var s =
              c.prepareStatement(
                  "UPDATE ticket SET status = 'MERGED', merged_into = ?, outcome = NULL,"
                      + " prevented = NULL, closed_at = NULL WHERE id = ?")) {
            s.setLong(1, first);
            s.setLong(2, duplicate);
            s.executeUpdate();
          }
          return null;
        });
  }

  static String reference(int year, int n) {
    return String.format("FIX-%d-%06d", year, n);
  }

  private static long insert(Connection c, int year, int n, Spec spec, int repeat)
      throws SQLException {
    OffsetDateTime at =
        OffsetDateTime.of(year, spec.month() + 1, 10 + repeat, 10, 0, 0, 0, ZoneOffset.UTC);
    long report;
    try (var s =
        c.prepareStatement(
            "INSERT INTO report (channel, payload, payload_hash, received_at)"
                + " VALUES ('PHONE', '{}'::jsonb, repeat('0', 64), ?) RETURNING id")) {
      s.setObject(1, at);
      var rows = s.executeQuery();
      rows.next();
      report = rows.getLong(1);
    }
    long ticket;
    try (var s =
        c.prepareStatement(
            """
            INSERT INTO ticket (reference, report_id, status, follow_up_token_hash, created_at,
              updated_at, threat, discovered_at, severity, kind, rsit_class, rsit_type,
              in_constituency, outcome, prevented, closed_at)
            VALUES (?, ?, ?, sha256(?::bytea), ?, ?, ?, ?, ?, ?, ?, 'other', true, ?, ?, ?)
            RETURNING id
            """)) {
      s.setString(1, reference(year, n));
      s.setLong(2, report);
      s.setString(3, spec.closed() ? "CLOSED" : "NEW");
      s.setString(4, "fixture " + n);
      s.setObject(5, at);
      s.setObject(6, at);
      s.setString(7, spec.threat());
      s.setObject(8, at.minusHours(2));
      s.setString(9, spec.severity());
      s.setString(10, spec.kind());
      s.setString(11, spec.rsitClass());
      s.setString(12, spec.outcome());
      s.setObject(13, spec.prevented(), Types.BOOLEAN);
      s.setObject(14, spec.closed() ? at.plusDays(5) : null, Types.TIMESTAMP_WITH_TIMEZONE);
      var rows = s.executeQuery();
      rows.next();
      ticket = rows.getLong(1);
    }
    Victim v = spec.victim();
    boolean collectivite = v.category().equals("COLLECTIVITE");
    try (var s =
        c.prepareStatement(
            """
            INSERT INTO victim (ticket_id, type, name, siren, commune_code, departement, region,
              population, headcount, nis2_declared, oiv, ose)
            VALUES (?, ?, ?, ?, ?, ?, '53', ?, ?, 'UNKNOWN', false, false)
            """)) {
      s.setLong(1, ticket);
      s.setString(2, v.type());
      s.setString(3, v.name());
      s.setString(4, v.siren());
      s.setString(5, v.commune());
      s.setString(6, v.departement());
      s.setObject(7, collectivite ? v.size() : null, Types.INTEGER);
      s.setObject(8, collectivite ? null : v.size(), Types.INTEGER);
      s.executeUpdate();
    }
    try (var s =
        c.prepareStatement(
            "INSERT INTO contact (ticket_id, name, email) VALUES (?, 'Contact fictif', ?)")) {
      s.setLong(1, ticket);
      s.setString(2, "contact" + n + "@example.fr");
      s.executeUpdate();
    }
    List<String> orientations = new ArrayList<>();
    if (collectivite) {
      orientations.add("POLICE_GENDARMERIE");
    }
    if (spec.threat().equals("RANSOMWARE")) {
      orientations.add("CNIL");
    }
    for (String code : orientations) {
      try (var s =
          c.prepareStatement(
              "INSERT INTO orientation (ticket_id, code, urgent, reason) VALUES (?, ?, false, 'fixture')")) {
        s.setLong(1, ticket);
        s.setString(2, code);
        s.executeUpdate();
      }
    }
    if (spec.firstContactMinutes() != null) {
      Instant done = at.toInstant().plusSeconds(60L * spec.firstContactMinutes());
      try (var s =
          c.prepareStatement(
              """
              INSERT INTO clock (ticket_id, code, kind, target, started_at, due_at, state,
                completed_at, ended_at)
              VALUES (?, 'FIRST_CONTACT', 'SLA', '1bd', ?, ?, ?, ?, ?)
              """)) {
        s.setLong(1, ticket);
        s.setObject(2, at);
        s.setObject(3, at.plusDays(1));
        s.setString(4, spec.firstContactState());
        s.setObject(5, done.atOffset(ZoneOffset.UTC));
        s.setObject(6, done.atOffset(ZoneOffset.UTC));
        s.executeUpdate();
      }
    }
    return ticket;
  }
}
