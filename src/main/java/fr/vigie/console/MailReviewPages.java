package fr.vigie.console;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.mail.MailReviews;
import fr.vigie.security.BrowserSessions;
import fr.vigie.web.Chrome;
import fr.vigie.web.StaffChrome;
import fr.vigie.web.StaffPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/courriels}: the e-mails that named a ticket from another address than its
 * contact's, waiting for an analyst (DESIGN.md §13): « Joindre au ticket » makes the text the
 * victim's message, « Écarter » sets it aside with a reason; both through {@link MailReviews}, as
 * the API's {@code POST /api/v1/mail/reviews/{id}/accept|dismiss}.
 */
@Controller("/console/courriels")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public final class MailReviewPages {

  /** Reviews shown at once, oldest decisions first being the analysts' to-do. */
  static final int SHOWN = 50;

  private final StaffPages staff;
  private final MailReviews reviews;
  private final BrowserSessions sessions;
  private final ConsoleTexts texts;

  MailReviewPages(
      StaffPages staff, MailReviews reviews, BrowserSessions sessions, ConsoleTexts texts) {
    this.staff = staff;
    this.reviews = reviews;
    this.sessions = sessions;
    this.texts = texts;
  }

  /** The page's model. */
  public record MailView(
      Chrome chrome,
      StaffChrome staff,
      List<Row> rows,
      long pending,
      @Nullable String done,
      List<String> errors,
      @Nullable Long failed) {}

  /** A waiting e-mail: its ticket, when, why it waits, who wrote, what. */
  public record Row(
      long id,
      String reference,
      String receivedAt,
      String reason,
      String sender,
      String subject,
      String text,
      int attachments) {}

  @Get
  MutableHttpResponse<?> list(
      HttpRequest<?> request, @Nullable Authentication who, @Nullable @QueryValue String fait) {
    var refused = staff.refusal(request, who, ConsoleController.ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    String done = fait != null && fait.matches("[a-z]{1,20}") ? fait : null;
    return page(who, HttpStatus.OK, done, List.of(), null);
  }

  @Post("/{id}/{action}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> decide(
      HttpRequest<?> request,
      @Nullable Authentication who,
      @PathVariable String id,
      @PathVariable String action,
      @Body byte[] body) {
    var refused = staff.refusal(request, who, ConsoleController.ROLES);
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, List<String>> form = StaffPages.form(body);
    if (!sessions.formAccepted(request, who, StaffPages.one(form, BrowserSessions.FIELD))) {
      return staff.forgedForm(who);
    }
    if (!id.matches("[1-9][0-9]{0,17}") || !List.of("joindre", "ecarter").contains(action)) {
      return missing(who);
    }
    long review = Long.parseLong(id);
    try {
      if (action.equals("joindre")) {
        reviews.accept(review, who.getName());
      } else {
        reviews.dismiss(review, StaffPages.one(form, "motif"), who.getName());
      }
    } catch (ProblemException e) {
      if (e.status() == HttpStatus.NOT_FOUND) {
        return missing(who);
      }
      String error =
          e.status() == HttpStatus.CONFLICT
              ? texts.get("console.error.mail.decided")
              : e.errors().stream().map(FieldError::field).anyMatch("reason"::equals)
                  ? texts.get("console.error.mail.reason")
                  : texts.get("console.error.generic");
      return page(
          who,
          e.status() == HttpStatus.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY,
          null,
          List.of(error),
          review);
    }
    String done = action.equals("joindre") ? "joint" : "ecarte";
    return staff
        .pages()
        .secure(
            HttpResponse.seeOther(URI.create("/console/courriels?fait=" + done + "#resultat")),
            false);
  }

  private MutableHttpResponse<?> missing(Authentication who) {
    return staff.forbidden(who, "Ce courriel n'existe pas, ou plus.").status(HttpStatus.NOT_FOUND);
  }

  private MutableHttpResponse<?> page(
      Authentication who, HttpStatus status, String done, List<String> errors, Long failed) {
    List<Row> rows =
        reviews.page(0, SHOWN, true, who.getName()).stream()
            .map(
                r ->
                    new Row(
                        r.id(),
                        r.reference(),
                        texts.dateTime(r.receivedAt()),
                        texts.say("console.mail.reason", r.reason()),
                        r.sender() == null ? "—" : r.sender(),
                        r.subject() == null ? "" : r.subject(),
                        r.text() == null ? "" : r.text(),
                        r.attachments()))
            .toList();
    MailView view =
        new MailView(
            staff.pages().chrome(),
            staff.chrome(who),
            rows,
            reviews.count(true),
            done == null ? null : texts.say("console.done.mail", done),
            errors,
            failed);
    return staff.pages().page(status, "console/mail", view, false);
  }
}
