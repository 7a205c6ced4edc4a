package fr.vigie.clocks;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;
import java.util.TreeSet;

/**
 * French public holidays of a year, computed (DESIGN.md §7): the eleven national ones, plus Good
 * Friday and 26 December in Alsace-Moselle (départements 57, 67, 68).
 */
public final class FrenchHolidays {

  private static final Set<MonthDay> FIXED =
      Set.of(
          MonthDay.of(1, 1),
          MonthDay.of(5, 1),
          MonthDay.of(5, 8),
          MonthDay.of(7, 14),
          MonthDay.of(8, 15),
          MonthDay.of(11, 1),
          MonthDay.of(11, 11),
          MonthDay.of(12, 25));
  private static final Set<String> ALSACE_MOSELLE = Set.of("57", "67", "68");

  private FrenchHolidays() {}

  public static boolean isAlsaceMoselle(String departement) {
    return departement != null && ALSACE_MOSELLE.contains(departement);
  }

  // The calendar asks for every day it walks through: compute each year once.
  private static final java.util.Map<String, Set<LocalDate>> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  public static Set<LocalDate> of(int year, boolean alsaceMoselle) {
    return CACHE.computeIfAbsent(year + "/" + alsaceMoselle, k -> compute(year, alsaceMoselle));
  }

  private static Set<LocalDate> compute(int year, boolean alsaceMoselle) {
    Set<LocalDate> days = new TreeSet<>();
    FIXED.forEach(d -> days.add(d.atYear(year)));
    LocalDate easter = easterSunday(year);
    days.add(easter.plusDays(1)); // lundi de Pâques
    days.add(easter.plusDays(39)); // Ascension
    days.add(easter.plusDays(50)); // lundi de Pentecôte
    if (alsaceMoselle) {
      days.add(easter.minusDays(2)); // Vendredi saint
      days.add(LocalDate.of(year, 12, 26)); // Saint-Étienne
    }
    return java.util.Collections.unmodifiableSet(days);
  }

  /** Easter Sunday of the Gregorian calendar (the Meeus/Jones/Butcher algorithm). */
  public static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }
}
