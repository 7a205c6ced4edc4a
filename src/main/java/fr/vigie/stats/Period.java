package fr.vigie.stats;

/** How long one column of the statistics lasts: never shorter than a month (DESIGN.md §8). */
public enum Period {
  MONTH(1),
  QUARTER(3),
  YEAR(12);

  private final int months;

  Period(int months) {
    this.months = months;
  }

  /** The period of a month, numbered from year 0: {@code year * 12 + month - 1} for MONTH. */
  public int of(int monthIndex) {
    return Math.floorDiv(monthIndex, months);
  }

  /** The first month (numbered from year 0) of period {@code index}. */
  public int firstMonth(int index) {
    return index * months;
  }

  /** How the period is written: {@code 2025-03}, {@code 2025-Q1}, {@code 2025}. */
  public String label(int index) {
    int first = firstMonth(index);
    int year = Math.floorDiv(first, 12);
    return switch (this) {
      case MONTH -> String.format("%04d-%02d", year, first % 12 + 1);
      case QUARTER -> String.format("%04d-Q%d", year, first % 12 / 3 + 1);
      case YEAR -> String.format("%04d", year);
    };
  }
}
