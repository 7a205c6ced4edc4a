package fr.vigie.web;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one catalogue of French texts people read on the pages (DESIGN.md §12): statuses,
 * orientations (name, reason, official link), deadline names, triage factors, form errors. The API
 * keeps its codes and English explanations; the pages say them in French from here ({@value
 * #RESOURCE}). Triage factors are sentences with numbers in them: the catalogue lists patterns
 * ({@code factor.N.pattern}) and their French wording ({@code factor.N.text}, with {@code $1}…).
 */
@Singleton
public final class Messages {

  static final String RESOURCE = "fr/vigie/web/messages.properties";
  private static final Locale FR = Locale.FRENCH;
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy 'à' HH:mm", FR);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", FR);

  private record Factor(Pattern pattern, String text) {}

  private final Properties texts = new Properties();
  private final List<Factor> factors = new ArrayList<>();

  /** Public for plain unit tests; the application has one, injected. */
  public Messages() {
    try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The message catalogue " + RESOURCE + " is missing.");
      }
      texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 1; texts.containsKey("factor." + i + ".pattern"); i++) {
      factors.add(
          new Factor(
              Pattern.compile(texts.getProperty("factor." + i + ".pattern")),
              texts.getProperty("factor." + i + ".text")));
    }
  }

  /** The text of {@code key} with its {@code {0}}… filled, or null when the key is unknown. */
  public String find(String key, Object... args) {
    String text = texts.getProperty(key);
    if (text == null) {
      return null;
    }
    return args.length == 0 ? text : new MessageFormat(text.replace("'", "''"), FR).format(args);
  }

  /** The text of {@code key}; an unknown key is a bug, not something to show. */
  public String get(String key, Object... args) {
    String text = find(key, args);
    if (text == null) {
      throw new IllegalArgumentException("No French text for " + key + " in " + RESOURCE);
    }
    return text;
  }

  /** A triage factor in French; one the catalogue does not know is left out rather than shown. */
  public String factor(String english) {
    for (Factor factor : factors) {
      Matcher m = factor.pattern().matcher(english);
      if (m.matches()) {
        return m.replaceAll(factor.text());
      }
    }
    return null;
  }

  /** « 23 nov. 2026 à 07:45 », in the desk's time zone. */
  public static String dateTime(OffsetDateTime at, ZoneId zone) {
    return at == null ? "" : DATE_TIME.format(at.atZoneSameInstant(zone));
  }

  public static String dateTime(ZonedDateTime at) {
    return at == null ? "" : DATE_TIME.format(at);
  }

  /** « 23 nov. 2026 ». */
  public static String date(LocalDate day) {
    return day == null ? "" : DATE.format(day);
  }
}
