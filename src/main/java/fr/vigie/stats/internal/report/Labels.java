package fr.vigie.stats.internal.report;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * How the yearly report writes the statistics' codes and values in French. A hidden value is always
 * {@value #SECRET}: never 0, never blank (DESIGN.md §8).
 */
public final class Labels {

  /** What the report prints in place of a value under statistical secrecy. */
  public static final String SECRET = "« secret statistique »";

  /** A share or measure that has no meaning (nothing to divide by): not a secret. */
  public static final String NOT_APPLICABLE = "sans objet";

  private static final String[] MONTHS = {
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre"
  };

  private static final Map<String, String> CATEGORIES =
      Map.of(
          "COLLECTIVITE", "Collectivités territoriales",
          "ETABLISSEMENT_PUBLIC", "Établissements publics",
          "ENTREPRISE", "Entreprises",
          "ASSOCIATION", "Associations",
          "PARTICULIER", "Particuliers");

  private static final Map<String, String> SIZE_BANDS =
      Map.of(
          "POP_LT_1000", "Moins de 1 000 habitants",
          "POP_1000_9999", "1 000 à 9 999 habitants",
          "POP_10000_29999", "10 000 à 29 999 habitants",
          "POP_30000_PLUS", "30 000 habitants et plus",
          "STAFF_LT_10", "Moins de 10 salariés",
          "STAFF_10_249", "10 à 249 salariés",
          "STAFF_250_4999", "250 à 4 999 salariés",
          "STAFF_5000_PLUS", "5 000 salariés et plus",
          "NOT_APPLICABLE", "Sans objet (particuliers)",
          "UNKNOWN", "Taille non renseignée");

  private static final Map<String, String> RSIT =
      Map.ofEntries(
          Map.entry("abusive-content", "Contenus abusifs"),
          Map.entry("malicious-code", "Code malveillant"),
          Map.entry("information-gathering", "Collecte d’informations"),
          Map.entry("intrusion-attempts", "Tentatives d’intrusion"),
          Map.entry("intrusions", "Intrusions"),
          Map.entry("availability", "Disponibilité"),
          Map.entry("information-content-security", "Atteinte aux données"),
          Map.entry("fraud", "Fraude"),
          Map.entry("vulnerable", "Vulnérabilités"),
          Map.entry("other", "Autres"),
          Map.entry("test", "Test"),
          Map.entry("UNKNOWN", "Classe non déterminée"));

  private static final Map<String, String> SEVERITIES =
      Map.of(
          "P1", "P1 (critique)",
          "P2", "P2 (haute)",
          "P3", "P3 (moyenne)",
          "P4", "P4 (basse)",
          "UNKNOWN", "Gravité non déterminée");

  private Labels() {}

  public static String category(String code) {
    return CATEGORIES.getOrDefault(code, code);
  }

  public static String sizeBand(String code) {
    return SIZE_BANDS.getOrDefault(code, code);
  }

  /** The RSIT class in French (the method page names the taxonomy). */
  public static String rsitClass(String code) {
    return RSIT.getOrDefault(code, code);
  }

  public static String severity(String code) {
    return SEVERITIES.getOrDefault(code, code);
  }

  /** {@code 2025-03} → « Mars 2025 ». */
  /** « janvier » for 1. */
  public static String monthName(int month) {
    return MONTHS[month - 1];
  }

  public static String month(String period) {
    int year = Integer.parseInt(period.substring(0, 4));
    int month = Integer.parseInt(period.substring(5, 7));
    String name = MONTHS[month - 1];
    return Character.toUpperCase(name.charAt(0)) + name.substring(1) + " " + year;
  }

  /** « 6 décembre 2026 ». */
  public static String date(LocalDate date) {
    return date.getDayOfMonth()
        + (date.getDayOfMonth() == 1 ? "er" : "")
        + " "
        + MONTHS[date.getMonthValue() - 1]
        + " "
        + date.getYear();
  }

  /** A count with a space between thousands: {@code 12 345}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
  }

  /** A count, or {@link #SECRET} when hidden ({@code null}). */
  public static String count(Long n) {
    return n == null ? SECRET : count(n.longValue());
  }

  /** A share as the statistics give it (0.412) in percent with one decimal: {@code 41,2 %}. */
  public static String percent(double share) {
    return String.format(Locale.FRANCE, "%.1f", share * 100).replace('\u00a0', ' ') + " %";
  }

  /** A share, or {@link #SECRET} when hidden ({@code null}). */
  public static String percent(Double share) {
    return share == null ? SECRET : percent(share.doubleValue());
  }

  /** Minutes as the statistics give them: {@code 45 min}; {@link #SECRET} when hidden. */
  public static String minutes(Integer minutes) {
    return minutes == null ? SECRET : count(minutes.longValue()) + " min";
  }

  /** The publication lag in words: « 30 jours », « 36 heures ». */
  public static String lag(Duration lag) {
    if (lag.toHours() % 24 == 0) {
      long days = lag.toDays();
      return days + (days > 1 ? " jours" : " jour");
    }
    long hours = lag.toHours();
    return hours + (hours > 1 ? " heures" : " heure");
  }
}
