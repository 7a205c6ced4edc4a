package fr.vigie.console.admin;

import fr.vigie.http.ProblemException;
import fr.vigie.web.Messages;
import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A posted form of the administration pages, and the services' refusals in French: each field the
 * service names ({@code labels[0].validUntil}) is shown with its French text ({@code
 * admin.error.labels}), once per field, in the order of the form.
 */
public final class Fields {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRANCE);

  private final Map<String, List<String>> values;

  private Fields(Map<String, List<String>> values) {
    this.values = values;
  }

  /** A field the page names: the input's id to link to and the French text. */
  public record Error(String field, String text) {}

  static Fields parse(byte[] body) {
    return new Fields(fr.vigie.web.StaffPages.form(body));
  }

  @Nullable
  String one(String name) {
    List<String> all = values.get(name);
    return all == null || all.isEmpty() ? null : all.get(0);
  }

  /** The stripped value, or null when blank. */
  @Nullable
  String text(String name) {
    String value = one(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of()).stream()
        .filter(v -> !v.isBlank())
        .map(String::strip)
        .toList();
  }

  /** A whole number, or null when absent; a non-number is refused by the service as absent. */
  @Nullable
  Integer integer(String name) {
    String value = text(name);
    if (value == null || !value.matches("\\d{1,6}")) {
      return null;
    }
    return Integer.valueOf(value);
  }

  /** What was typed, to fill the form again (several values of one name joined by commas). */
  Map<String, String> values() {
    Map<String, String> typed = new LinkedHashMap<>();
    values.forEach(
        (name, list) -> {
          if (!name.equals("jeton") && !name.startsWith("motDePasse")) {
            typed.put(name, String.join(",", list));
          }
        });
    return typed;
  }

  /** "29, 22 ,35" as a list; empty for null. */
  static List<String> list(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return List.of(text.split("\\s*[,;]\\s*")).stream()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  static String date(LocalDate day) {
    return DAY.format(day);
  }

  static List<Error> errors(ProblemException e, Messages messages) {
    Set<String> roots = new LinkedHashSet<>();
    for (var error : e.errors()) {
      roots.add(error.field().replaceAll("[\\[.].*", ""));
    }
    List<Error> errors = new ArrayList<>();
    for (String root : roots) {
      String text = messages.find("admin.error." + root);
      errors.add(new Error(root, text != null ? text : messages.get("admin.error.other")));
    }
    if (errors.isEmpty()) {
      errors.add(new Error("", messages.get("admin.error.other")));
    }
    return errors;
  }
}
