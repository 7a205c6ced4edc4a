package fr.vigie.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds report bodies for tests as mutable JSON trees, so a test can start from a valid report and
 * break exactly one field with {@link #set}.
 *
 * <p>Every date of a report is counted back from the moment the test says is now: the attack was
 * discovered {@link #DISCOVERED_BEFORE} before it, the funds left {@link #FUNDS_LEFT_BEFORE} before
 * it. A test that pins or moves Vigie's clock passes that clock's instant ({@code mairie(NOW)});
 * the others run Vigie on the system clock and use the no-argument builders, which read that same
 * clock — so a report is never in the future nor months old, whatever the day.
 */
public final class ReportJson {

  /** The desk's time zone: report times are written with its offset, as the form does. */
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** How long before "now" the incident was discovered (07:45 for a report made at 10:00). */
  public static final Duration DISCOVERED_BEFORE = Duration.ofMinutes(135);

  /** How long before "now" the fraudulent transfer left (inside the banks' 72 h recall window). */
  public static final Duration FUNDS_LEFT_BEFORE = Duration.ofHours(18);

  private final Map<String, Object> root = new LinkedHashMap<>();

  private ReportJson() {}

  /** A small company of Brest (29019) hit by transfer fraud, reported now (system clock). */
  public static ReportJson company() {
    // Deliberate wall-clock read: the Vigie these tests talk to runs on the system clock.
    return company(Instant.now());
  }

  /** The same company, reporting at {@code now} (the test's clock). */
  public static ReportJson company(Instant now) {
    ReportJson r = new ReportJson();
    r.root.put("channel", "WEB_FORM");
    r.root.put(
        "victim",
        map(
            "type",
            "ENTREPRISE",
            "name",
            "Boulangerie Le Goff",
            "siren",
            "732829320",
            "communeCode",
            "29019",
            "headcount",
            12,
            "nis2",
            "UNKNOWN",
            "oiv",
            false,
            "ose",
            false,
            "sector",
            null,
            "hasItProvider",
            false,
            "cyberInsured",
            true));
    r.root.put(
        "contact",
        map(
            "name",
            "Anne Le Goff",
            "role",
            "Gérante",
            "email",
            "anne@example.fr",
            "phone",
            "02 98 00 00 00"));
    r.root.put(
        "incident",
        map(
            "threat",
            "TRANSFER_FRAUD",
            "discoveredAt",
            paris(now.minus(DISCOVERED_BEFORE)),
            "ongoing",
            false,
            "attackerStillPresent",
            false,
            "serviceImpact",
            "NONE",
            "affectedServices",
            new ArrayList<>(List.of("FINANCE")),
            "scope",
            "SINGLE_DEVICE",
            "personalData",
            "NO",
            "dataExfiltrated",
            null,
            "ransomDemanded",
            false,
            "fundsTransferred",
            map("amountEur", 12500.5, "at", paris(now.minus(FUNDS_LEFT_BEFORE))),
            "description",
            "Faux RIB reçu par courriel",
            "observables",
            new ArrayList<>(List.of(map("type", "EMAIL", "value", "compta@faux.example")))));
    r.root.put("consent", true);
    return r;
  }

  /** The mairie of Plouzané (29212) hit by ransomware, as in DESIGN.md §10, reported now. */
  public static ReportJson mairie() {
    // Deliberate wall-clock read: the Vigie these tests talk to runs on the system clock.
    return mairie(Instant.now());
  }

  /** The same mairie, reporting at {@code now} (the test's clock). */
  public static ReportJson mairie(Instant now) {
    ReportJson r = company(now);
    r.set("victim.type", "COMMUNE")
        .set("victim.name", "Mairie de Plouzané")
        .set("victim.siren", "212902126")
        .set("victim.communeCode", "29212")
        .set("victim.headcount", 45)
        .set("victim.hasItProvider", true)
        .set("victim.cyberInsured", false)
        .set("contact.role", "Secrétaire de mairie")
        .set("incident.threat", "RANSOMWARE")
        .set("incident.ongoing", true)
        .set("incident.serviceImpact", "INTERRUPTED")
        .set("incident.affectedServices", new ArrayList<>(List.of("CIVIL_STATUS", "EMAIL")))
        .set("incident.scope", "SEVERAL_DEVICES")
        .set("incident.personalData", "SUSPECTED")
        .set("incident.ransomDemanded", true)
        .set("incident.fundsTransferred", null);
    return r;
  }

  /**
   * The company of {@link #company()} reporting a phishing mail it did not fall for: a P4
   * signalement (I1 × C2) with no legal deadline.
   */
  public static ReportJson phishing() {
    // Deliberate wall-clock read: the Vigie these tests talk to runs on the system clock.
    return phishing(Instant.now());
  }

  /** The same phishing report, made at {@code now} (the test's clock). */
  public static ReportJson phishing(Instant now) {
    return company(now)
        .set("incident.threat", "PHISHING")
        .set("incident.fundsTransferred", null)
        .set("incident.affectedServices", new ArrayList<>(List.of("EMAIL")))
        .set("incident.description", "Faux message de la banque demandant les identifiants");
  }

  /** Sets (or with {@link #REMOVE} deletes) the value at a dotted path like victim.siren. */
  @SuppressWarnings("unchecked")
  public ReportJson set(String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (Map<String, Object>) node.get(parts[i]);
    }
    if (value == REMOVE) {
      node.remove(parts[parts.length - 1]);
    } else {
      node.put(parts[parts.length - 1], value);
    }
    return this;
  }

  public static final Object REMOVE = new Object();

  /**
   * An instant as the form writes it: local time in Paris with its offset, to the minute, e.g.
   * {@code 2026-11-20T07:45:00+01:00}.
   */
  public static String paris(Instant instant) {
    return instant
        .truncatedTo(ChronoUnit.MINUTES)
        .atZone(PARIS)
        .toOffsetDateTime()
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /**
   * A legal deadline of this report as Vigie writes it: {@code elapsed} after its {@code
   * discoveredAt} (hours of real time, across a daylight-saving change too), in Paris time.
   */
  public String afterDiscovery(Duration elapsed) {
    return paris(
        OffsetDateTime.parse((String) get("incident.discoveredAt")).toInstant().plus(elapsed));
  }

  /** The value at a dotted path, e.g. {@code incident.discoveredAt}. */
  @SuppressWarnings("unchecked")
  public Object get(String path) {
    Object node = root;
    for (String part : path.split("\\.")) {
      node = ((Map<String, Object>) node).get(part);
    }
    return node;
  }

  public Map<String, Object> body() {
    return root;
  }

  public static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
