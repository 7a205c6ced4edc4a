package fr.vigie.routing.internal;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.Texts;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Field checks shared by providers and contracts: each problem is added with its field path. */
public final class Fields {

  public static final Pattern DEPARTEMENT = Pattern.compile("[0-9]{2}|2A|2B|97[1-6]");
  static final int MAX_LIST = 200;

  private final List<FieldError> errors = new ArrayList<>();

  public List<FieldError> errors() {
    return errors;
  }

  public void add(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  /** Required one-line text of at most {@code max} characters, stripped. */
  public String text(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      add(field, "is required");
      return null;
    }
    String problem = Texts.problem(value, max, false);
    if (problem != null) {
      add(field, problem);
      return null;
    }
    return value.strip();
  }

  public <T> T required(String field, T value) {
    if (value == null) {
      add(field, "is required");
    }
    return value;
  }

  public LocalDate date(String field, String value) {
    if (value == null) {
      add(field, "is required");
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      add(field, "expected an ISO date such as 2027-06-30");
      return null;
    }
  }

  public String departement(String field, String value) {
    if (value == null) {
      add(field, "is required");
      return null;
    }
    String code = value.strip().toUpperCase(Locale.ROOT);
    if (!DEPARTEMENT.matcher(code).matches()) {
      add(field, "expected a département code such as 29, 2A or 974");
      return null;
    }
    return code;
  }

  /** A non-empty list of distinct département codes. */
  public List<String> departements(String field, List<String> values) {
    List<String> out = new ArrayList<>();
    if (list(field, values)) {
      for (int i = 0; i < values.size(); i++) {
        String code = departement(field + "[" + i + "]", values.get(i));
        if (code != null && !out.contains(code)) {
          out.add(code);
        }
      }
    }
    return out;
  }

  /** A non-empty list of names of {@code type}, without repeats. */
  public <E extends Enum<E>> List<String> names(String field, List<String> values, Class<E> type) {
    Set<String> out = new LinkedHashSet<>();
    if (list(field, values)) {
      for (int i = 0; i < values.size(); i++) {
        E value = name(field + "[" + i + "]", values.get(i), type);
        if (value != null) {
          out.add(value.name());
        }
      }
    }
    return List.copyOf(out);
  }

  public <E extends Enum<E>> E name(String field, String value, Class<E> type) {
    if (value == null) {
      add(field, "is required");
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return e;
      }
    }
    add(field, "expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
    return null;
  }

  boolean list(String field, List<?> values) {
    if (values == null || values.isEmpty()) {
      add(field, "at least one");
      return false;
    }
    if (values.size() > MAX_LIST) {
      add(field, "at most " + MAX_LIST);
      return false;
    }
    return true;
  }
}
