package fr.vigie.audit;

import fr.vigie.audit.internal.AuditReader;
import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The audit log for administrators: read it with filters, and check that nobody edited it. */
@Controller("/api/v1/audit")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuditController {

  private final AuditReader reader;
  private final AuditCheck check;

  AuditController(AuditReader reader, AuditCheck check) {
    this.reader = reader;
    this.check = check;
  }

  /** Newest first; filters combine ({@code from} inclusive, {@code to} exclusive). */
  @Get
  Page<AuditEntry> list(
      @Nullable @QueryValue String actor,
      @Nullable @QueryValue String action,
      @Nullable @QueryValue String target,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to,
      @QueryValue(defaultValue = "0") String page,
      @QueryValue(defaultValue = "50") String size) {
    Page.Request request = Page.Request.parse(page, size);
    if (action != null && !action.matches("[A-Z][A-Z0-9_]{1,63}")) {
      throw ProblemException.malformed("action", "an upper-case action name, e.g. TICKET_VIEWED");
    }
    AuditReader.Filter filter =
        new AuditReader.Filter(
            text("actor", actor),
            action,
            text("target", target),
            time("from", from),
            time("to", to));
    return new Page<>(
        reader.page(filter, request.page(), request.size()),
        request.page(),
        request.size(),
        reader.count(filter));
  }

  /** See {@link AuditCheck}. */
  @Get("/verify")
  Verification verify() {
    return check.verifyNow();
  }

  private static String text(String field, String value) {
    if (value == null) {
      return null;
    }
    String problem = value.isEmpty() ? "must not be empty" : Texts.problem(value, 200, false);
    if (problem != null) {
      throw ProblemException.malformed(field, problem);
    }
    return value;
  }

  private static Instant time(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      if (value.length() <= 64) {
        return OffsetDateTime.parse(value).toInstant();
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw ProblemException.malformed(
        field, "an RFC 3339 date-time with an offset, e.g. 2026-11-20T08:00:00Z");
  }
}
