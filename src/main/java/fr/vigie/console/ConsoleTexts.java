package fr.vigie.console;

import fr.vigie.CsirtSettings;
import fr.vigie.web.Messages;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The console's words and times: codes said from the one catalogue ({@code console.*} keys of
 * {@link Messages}), times in the desk's zone, deadlines as « dans 25 min » beside « à 14:35 ».
 */
@Singleton
final class ConsoleTexts {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.FRENCH);

  private final Messages messages;
  private final ZoneId zone;
  private final Clock clock;

  ConsoleTexts(Messages messages, CsirtSettings csirt, Clock clock) {
    this.messages = messages;
    this.zone = csirt.zone();
    this.clock = clock;
  }

  /** The French text of {@code prefix.code}, or the code itself when the catalogue has none. */
  String say(String prefix, Object code) {
    if (code == null) {
      return "";
    }
    String text = messages.find(prefix + "." + code);
    return text == null ? String.valueOf(code) : text;
  }

  String factor(String english) {
    return messages.factor(english);
  }

  String get(String key, Object... args) {
    return messages.get(key, args);
  }

  Instant now() {
    return clock.instant();
  }

  ZoneId zone() {
    return zone;
  }

  /** « 23 nov. 2026 à 07:45 ». */
  String dateTime(Instant at) {
    return at == null ? "" : Messages.dateTime(at.atZone(zone));
  }

  /** « à 14:35 » today, « le 23 nov. 2026 à 07:45 » otherwise (Paris time). */
  String when(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    if (local.toLocalDate().equals(clock.instant().atZone(zone).toLocalDate())) {
      return "à " + TIME.format(local);
    }
    return "le " + Messages.dateTime(local);
  }

  /** « dans 25 min », « dans 3 h 05 », « dans 4 j », or « en retard de 10 min ». */
  String relative(Instant due) {
    Duration left = Duration.between(clock.instant(), due);
    boolean late = left.isNegative();
    String amount = amount(left.abs());
    return late ? "en retard de " + amount : "dans " + amount;
  }

  boolean overdue(Instant due) {
    return due != null && due.isBefore(clock.instant());
  }

  private static String amount(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 60) {
      return Math.max(minutes, 1) + " min";
    }
    if (minutes < 48 * 60) {
      return String.format(Locale.FRENCH, "%d h %02d", minutes / 60, minutes % 60);
    }
    return d.toDays() + " j";
  }
}
