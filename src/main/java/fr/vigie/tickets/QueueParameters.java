package fr.vigie.tickets;

import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the queue's query parameters, refusing unknown values by name (400). */
final class QueueParameters {

  private QueueParameters() {}

  static TicketQuery parse(
      List<String> status,
      String severity,
      String kind,
      String assignee,
      String unassigned,
      String departement,
      String threat,
      String q,
      String sort,
      Page.Request page) {
    Set<TicketStatus> statuses = EnumSet.noneOf(TicketStatus.class);
    if (status != null) {
      for (String value : status) {
        for (String one : value.split(",")) {
          if (!one.isBlank()) {
            statuses.add(value("status", one.strip(), TicketStatus.class));
          }
        }
      }
    }
    if (departement != null && !departement.matches("[0-9]{2}|2A|2B|97[1-6]")) {
      throw ProblemException.malformed("departement", "a département code, e.g. 29, 2A, 974");
    }
    if (assignee != null && !assignee.matches("[a-z0-9][a-z0-9._-]{2,63}")) {
      throw ProblemException.malformed("assignee", "a username");
    }
    String text = q == null ? null : q.strip();
    if (text != null && (text.isEmpty() || text.length() > 100 || text.indexOf(0) >= 0)) {
      throw ProblemException.malformed("q", "1 to 100 characters: a reference or a victim name");
    }
    return new TicketQuery(
        statuses.isEmpty() ? TicketQuery.OPEN : statuses,
        severity == null ? null : value("severity", severity, Severity.class),
        kind == null ? null : value("kind", kind, TicketKind.class),
        assignee,
        "true".equals(unassigned),
        departement,
        threat == null ? null : value("threat", threat, Threat.class),
        text,
        sort == null
            ? TicketQuery.Sort.DUE
            : value("sort", sort.toUpperCase(Locale.ROOT), TicketQuery.Sort.class),
        page);
  }

  private static <E extends Enum<E>> E value(String field, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.malformed(
          field, "unknown value; expected one of " + Arrays.toString(type.getEnumConstants()));
    }
  }
}
