package fr.vigie.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds report bodies for tests as mutable JSON trees, so a test can start from a valid report and
 * break exactly one field with {@link #set}.
 */
public final class ReportJson {

  private final Map<String, Object> root = new LinkedHashMap<>();

  private ReportJson() {}

  /** A small company of Brest (29019) hit by transfer fraud. */
  public static ReportJson company() {
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
            "2026-11-20T07:45:00+01:00",
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
            map("amountEur", 12500.5, "at", "2026-11-19T16:00:00+01:00"),
            "description",
            "Faux RIB reçu par courriel",
            "observables",
            new ArrayList<>(List.of(map("type", "EMAIL", "value", "compta@faux.example")))));
    r.root.put("consent", true);
    return r;
  }

  /** The mairie of Plouzané (29212) hit by ransomware, as in DESIGN.md §10. */
  public static ReportJson mairie() {
    ReportJson r = company();
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
    return company()
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
