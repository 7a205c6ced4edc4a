package fr.vigie.stats.internal.report;

import fr.vigie.web.Messages;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

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

  /**
   * The codes' French names come from the one catalogue the dashboard reads ({@code stats.*} keys
   * of {@code fr/vigie/web/messages.properties}), so the PDF and the pages say the same words.
   */
  private static final Messages CATALOGUE = new Messages();

  private Labels() {}

  public static String category(String code) {
    return say("stats.victimCategory.", code);
  }

  public static String sizeBand(String code) {
    return say("stats.sizeBand.", code);
  }

  /** The RSIT class in French (the method page names the taxonomy). */
  public static String rsitClass(String code) {
    return say("stats.rsitClass.", code);
  }

  public static String severity(String code) {
    return say("stats.severity.", code);
  }

  private static String say(String prefix, String code) {
    String text = CATALOGUE.find(prefix + code);
    return text == null ? code : text;
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
