package fr.vigie.demo;

import fr.vigie.db.Database;
import fr.vigie.http.ProblemException;
import fr.vigie.routing.ContractRequest;
import fr.vigie.routing.Contracts;
import fr.vigie.routing.Provider;
import fr.vigie.routing.ProviderDirectory;
import fr.vigie.routing.ProviderRequest;
import fr.vigie.routing.Referrals;
import fr.vigie.security.PasswordPolicy;
import fr.vigie.security.Role;
import fr.vigie.security.UserService;
import fr.vigie.triage.RsitTaxonomy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the demo data once (DESIGN.md §12): {@value #TICKETS} synthetic tickets over {@value #DAYS}
 * days up to now, numbered {@code DEMO-{year}-{n}} so nobody mistakes them for real ones; six
 * fictional providers of Bretagne with their labels; a public contract ranking three of them; and
 * one user per staff role with a one-time password; three qualified tickets proposed to the demo
 * provider user's provider, so that its portal has referrals to answer.
 *
 * <p>The tickets come from the same SQL as the benchmarks ({@value #SCRIPT}: realistic shares of
 * victims, threats, severities, statuses, SLA clocks and timelines in Bretagne, région 53), run
 * here through JDBC without its psql lines. They are written in one transaction under an advisory
 * lock and are the marker: when a {@code DEMO-} ticket exists, nothing is loaded again (several
 * instances starting together load once). Providers, contract and users follow, through the same
 * services and checks as the API, audited as {@code vigie:demo}.
 */
@Singleton
public final class DemoData {

  static final String PREFIX = "DEMO";
  static final int TICKETS = 6000;
  static final int DAYS = 548;
  static final String SCRIPT = "fr/vigie/demo/synthetic-tickets.sql";
  static final String ACTOR = "vigie:demo";
  static final int REFERRALS = 3;

  private static final Pattern VARIABLE = Pattern.compile("(?<![:\\w]):(n|end|days)\\b");
  private static final Pattern QUOTED_VARIABLE = Pattern.compile(":'prefix'");
  private static final List<String> SKIPPED = List.of("BEGIN", "COMMIT", "SET", "VACUUM");

  private final Database database;
  private final ProviderDirectory providers;
  private final Contracts contracts;
  private final UserService users;
  private final Referrals referrals;
  private final Clock clock;

  DemoData(
      Database database,
      ProviderDirectory providers,
      Contracts contracts,
      UserService users,
      Referrals referrals,
      Clock clock) {
    this.database = database;
    this.providers = providers;
    this.contracts = contracts;
    this.users = users;
    this.referrals = referrals;
    this.clock = clock;
  }

  /** A demo account and its one-time password, to be shown once to whoever started Vigie. */
  public record Account(String username, Role role, String password) {}

  /** Loads the demo; the accounts it created, or empty when it was loaded before. */
  public Optional<List<Account>> loadOnce() {
    List<String> statements = statements(script(), TICKETS, DAYS, PREFIX, clock.instant());
    boolean loaded =
        database.inTransaction(
            c -> {
              try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('vigie.demo-data'))");
              }
              if (alreadyLoaded(c)) {
                return false;
              }
              try (Statement s = c.createStatement()) {
                for (String statement : statements) {
                  s.execute(statement);
                }
              }
              return true;
            });
    if (!loaded) {
      return Optional.empty();
    }
    List<Provider> created = new ArrayList<>();
    for (ProviderRequest request : providers()) {
      created.add(providers.create(request, ACTOR));
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris")));
    contracts.create(
        new ContractRequest(
            "Marché régional d'assistance aux collectivités (fictif)",
            List.of("22", "29", "35", "56"),
            List.of("COMMUNE", "EPCI", "DEPARTEMENT", "REGION", "ETABLISSEMENT_PUBLIC"),
            List.of(created.get(0).id(), created.get(2).id(), created.get(4).id()),
            today.withDayOfYear(1).minusYears(1).toString(),
            today.withDayOfYear(1).plusYears(3).minusDays(1).toString()),
        ACTOR);
    referSome(created.get(0).id());
    List<Account> accounts = new ArrayList<>();
    for (Map.Entry<String, Role> user :
        List.of(
            Map.entry("analyste.demo", Role.ANALYST),
            Map.entry("coordination.demo", Role.COORDINATOR),
            Map.entry("elu.demo", Role.OFFICIAL),
            Map.entry("prestataire.demo", Role.PROVIDER))) {
      String password = PasswordPolicy.randomPassword();
      Long providerId = user.getValue() == Role.PROVIDER ? created.get(0).id() : null;
      users.create(
          ACTOR,
          new UserService.NewUser(
              user.getKey(), password, List.of(user.getValue().name()), providerId, null));
      accounts.add(new Account(user.getKey(), user.getValue(), password));
    }
    return Optional.of(List.copyOf(accounts));
  }

  /**
   * A few qualified demo tickets proposed to the demo provider user's provider, through the routing
   * rules like an analyst's referral, so that its portal has referrals to accept.
   */
  private void referSome(long providerId) {
    List<String> qualified =
        database.read(
            c -> {
              List<String> references = new ArrayList<>();
              try (var s =
                      c.prepareStatement(
                          "SELECT reference FROM ticket WHERE reference LIKE ? AND status ="
                              + " 'QUALIFIED' AND departement IN ('22', '29') ORDER BY"
                              + " created_at DESC LIMIT 50");
                  var rows = bind(s, PREFIX + "-%").executeQuery()) {
                while (rows.next()) {
                  references.add(rows.getString(1));
                }
              }
              return references;
            });
    int referred = 0;
    for (String reference : qualified) {
      if (referred == REFERRALS) {
        return;
      }
      try {
        referrals.propose(reference, providerId, ACTOR);
        referred++;
      } catch (ProblemException notAnOption) {
        // this victim is not for that provider (coverage, contract rank, capacity): the next one
      }
    }
  }

  private static boolean alreadyLoaded(Connection c) throws SQLException {
    try (var s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM ticket WHERE reference LIKE ?)");
        var rs = bind(s, PREFIX + "-%").executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static java.sql.PreparedStatement bind(java.sql.PreparedStatement s, String value)
      throws SQLException {
    s.setString(1, value);
    return s;
  }

  /** Six fictional providers: labelled, spread over Bretagne's four départements. */
  private List<ProviderRequest> providers() {
    String labelsUntil =
        LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris"))).plusYears(2).toString();
    List<String> classes = List.copyOf(RsitTaxonomy.classes());
    List<String> all =
        List.of(
            "COMMUNE",
            "EPCI",
            "DEPARTEMENT",
            "REGION",
            "ETABLISSEMENT_PUBLIC",
            "ENTREPRISE",
            "ASSOCIATION");
    record Seed(String name, String base, List<String> deps, String label, boolean onCall) {}
    List<Seed> seeds =
        List.of(
            new Seed(
                "Armor Cyber Secours (fictif)", "22", List.of("22", "29"), "EXPERTCYBER", true),
            new Seed(
                "Finistère Numérique Sûr (fictif)", "29", List.of("29"), "PRIS_SUBSTANTIEL", false),
            new Seed(
                "Rennes Réponse Incident (fictif)", "35", List.of("35", "56"), "PRIS_ELEVE", true),
            new Seed("Vannes Informatique (fictif)", "56", List.of("56"), "EXPERTCYBER", false),
            new Seed(
                "Breizh Sécurité (fictif)",
                "35",
                List.of("22", "29", "35", "56"),
                "REGIONAL_LABEL",
                false),
            new Seed("Iroise Systèmes (fictif)", "29", List.of("29", "22"), "EXPERTCYBER", false));
    List<ProviderRequest> requests = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      Seed seed = seeds.get(i);
      requests.add(
          new ProviderRequest(
              seed.name(),
              String.format(Locale.ROOT, "9%08d", 12345 + i * 1111),
              List.of(new ProviderRequest.Label(seed.label(), labelsUntil)),
              seed.deps(),
              seed.base(),
              all,
              classes,
              4 + i % 3 * 3,
              seed.onCall(),
              seed.onCall() ? List.of() : List.of("MON-FRI 08:30-18:30"),
              "contact" + (i + 1) + "@prestataire-demo.example",
              null,
              null,
              true));
    }
    return requests;
  }

  private static String script() {
    try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The psql script as JDBC statements: without its comments and psql lines ({@code \set}, {@code
   * \if}), its variables replaced, and without what a single transaction must not do (its own
   * BEGIN/COMMIT, a session-wide SET, VACUUM).
   */
  static List<String> statements(
      String script, int n, int days, String prefix, java.time.Instant end) {
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.startsWith("\\") || stripped.startsWith("--")) {
        continue;
      }
      sql.append(line).append('\n');
    }
    Map<String, String> values =
        Map.of("n", Integer.toString(n), "days", Integer.toString(days), "end", "'" + end + "'");
    Matcher m = VARIABLE.matcher(sql);
    StringBuilder replaced = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(replaced, Matcher.quoteReplacement(values.get(m.group(1))));
    }
    m.appendTail(replaced);
    String text =
        QUOTED_VARIABLE.matcher(replaced).replaceAll(Matcher.quoteReplacement("'" + prefix + "'"));
    List<String> statements = new ArrayList<>();
    for (String statement : text.split(";\\s*\n")) {
      String s = statement.strip();
      if (s.isEmpty()) {
        continue;
      }
      String first = s.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
      if (!SKIPPED.contains(first)) {
        statements.add(s);
      }
    }
    return statements;
  }
}
