package fr.vigie.stats.internal.report;

import java.util.List;

/**
 * One part of the yearly report: a title, a sentence saying what is counted, a table and, when
 * {@code chart} is set, a bar chart of the lines' {@link Line#bar()} drawn above the table.
 *
 * @param widths each column's share of the page width, or {@code null}: the first column takes two
 *     fifths, the others share the rest
 */
public record Section(
    String title,
    String intro,
    List<String> columns,
    float[] widths,
    List<Line> lines,
    boolean chart,
    boolean newPage) {

  /**
   * A line of the table: its label and its cells as printed. For the chart: the line's value
   * ({@code bar}), or {@code secret} when it is under statistical secrecy (drawn hatched, labelled
   * {@link Labels#SECRET}); a {@code total} line is printed in bold and left out of the chart.
   */
  public record Line(String label, List<String> values, long bar, boolean secret, boolean total) {

    public static Line of(String label, List<String> values) {
      return new Line(label, values, 0, false, false);
    }
  }
}
