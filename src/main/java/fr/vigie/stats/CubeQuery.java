package fr.vigie.stats;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question to the cube, read from query parameters: {@code groupBy} (up to {@value #MAX_GROUP_BY}
 * dimensions, repeated or comma-separated), {@code period} ({@code MONTH}, {@code QUARTER}, {@code
 * YEAR}; default YEAR), {@code from} and {@code to} ({@code 2025}, {@code 2025-03} or {@code
 * 2025-Q1}, inclusive; default the latest published periods), and one filter per dimension ({@code
 * severity=P1,P2}). A parameter the cube does not know answers 400: a misspelt filter silently
 * ignored would publish figures for another population than the one asked for.
 *
 * @param fromMonth first month asked (year * 12 + month - 1), or null for the default
 * @param toMonth last month asked, or null for the default
 */
public record CubeQuery(
    List<Dimension> groupBy,
    Period period,
    Integer fromMonth,
    Integer toMonth,
    Map<Dimension, Set<String>> filters) {

  public static final int MAX_GROUP_BY = 3;
  static final int MAX_VALUES = 120;
  private static final Pattern WHEN =
      Pattern.compile("([0-9]{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?");

  /** Reads the parameters; every problem found is reported at once (400, naming each). */
  public static CubeQuery parse(Map<String, List<String>> parameters) {
    List<FieldError> errors = new ArrayList<>();
    List<Dimension> groupBy = new ArrayList<>();
    Period period = Period.YEAR;
    Integer from = null;
    Integer to = null;
    Map<Dimension, Set<String>> filters = new EnumMap<>(Dimension.class);
    for (var entry : parameters.entrySet()) {
      String name = entry.getKey();
      List<String> values = split(entry.getValue());
      switch (name) {
        case "groupBy" -> groupBy(values, groupBy, errors);
        case "period" -> period = period(values, errors);
        case "from" -> from = month(name, values, true, errors);
        case "to" -> to = month(name, values, false, errors);
        default -> filter(name, values, filters, errors);
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          io.micronaut.http.HttpStatus.BAD_REQUEST,
          "Some parameters are invalid; see errors.",
          errors);
    }
    return new CubeQuery(List.copyOf(groupBy), period, from, to, filters);
  }

  private static List<String> split(List<String> raw) {
    List<String> values = new ArrayList<>();
    for (String value : raw) {
      for (String one : value.split(",", -1)) {
        values.add(one.strip());
      }
    }
    return values;
  }

  private static void groupBy(
      List<String> values, List<Dimension> groupBy, List<FieldError> errors) {
    for (String value : values) {
      if (value.isEmpty()) {
        continue;
      }
      var d = Dimension.byParameter(value).filter(Dimension::inCube);
      if (d.isEmpty()) {
        errors.add(
            new FieldError("groupBy", "unknown dimension; expected some of " + parameterNames()));
        return;
      }
      if (groupBy.contains(d.get())) {
        errors.add(new FieldError("groupBy", "a dimension given twice: " + value));
        return;
      }
      groupBy.add(d.get());
    }
    if (groupBy.size() > MAX_GROUP_BY) {
      errors.add(new FieldError("groupBy", "at most " + MAX_GROUP_BY + " dimensions"));
    }
  }

  private static Period period(List<String> values, List<FieldError> errors) {
    if (values.size() == 1) {
      for (Period p : Period.values()) {
        if (p.name().equals(values.get(0).toUpperCase(Locale.ROOT))) {
          return p;
        }
      }
    }
    errors.add(new FieldError("period", "one of MONTH, QUARTER, YEAR"));
    return Period.YEAR;
  }

  /**
   * A month index: the first month of {@code 2025}, {@code 2025-03}, {@code 2025-Q2}, or the last.
   */
  private static Integer month(
      String field, List<String> values, boolean first, List<FieldError> errors) {
    Matcher m = values.size() == 1 ? WHEN.matcher(values.get(0)) : null;
    if (m == null || !m.matches()) {
      errors.add(new FieldError(field, "a year (2025), a month (2025-03) or a quarter (2025-Q1)"));
      return null;
    }
    int year = Integer.parseInt(m.group(1));
    if (year < 2000 || year > 2100) {
      errors.add(new FieldError(field, "a year between 2000 and 2100"));
      return null;
    }
    int firstMonth;
    int months;
    if (m.group(2) != null) {
      firstMonth = Integer.parseInt(m.group(2)) - 1;
      months = 1;
    } else if (m.group(3) != null) {
      firstMonth = (Integer.parseInt(m.group(3)) - 1) * 3;
      months = 3;
    } else {
      firstMonth = 0;
      months = 12;
    }
    return year * 12 + firstMonth + (first ? 0 : months - 1);
  }

  private static void filter(
      String name,
      List<String> values,
      Map<Dimension, Set<String>> filters,
      List<FieldError> errors) {
    var d = Dimension.byParameter(name).filter(Dimension::inCube);
    if (d.isEmpty()) {
      errors.add(
          new FieldError(
              name.length() > 64 ? name.substring(0, 64) + "…" : name,
              "unknown parameter; expected groupBy, period, from, to or a filter among "
                  + parameterNames()));
      return;
    }
    if (values.size() > MAX_VALUES) {
      errors.add(new FieldError(name, "at most " + MAX_VALUES + " values"));
      return;
    }
    Set<String> kept = new LinkedHashSet<>();
    for (String value : values) {
      if (!d.get().accepts(value)) {
        errors.add(
            new FieldError(
                name,
                d.get()
                    .vocabulary()
                    .map(v -> "unknown value; expected some of " + v)
                    .orElse(
                        d.get() == Dimension.REGION
                            ? "a région code (53) or UNKNOWN"
                            : "a département code (29, 2A, 974) or UNKNOWN")));
        return;
      }
      kept.add(value);
    }
    filters.computeIfAbsent(d.get(), x -> new TreeSet<>()).addAll(kept);
  }

  private static List<String> parameterNames() {
    return Dimension.cube().stream().map(Dimension::parameter).toList();
  }
}
