package fr.vigie.intake.web;

import fr.vigie.http.ProblemException;
import fr.vigie.intake.FollowUpView;
import fr.vigie.intake.FollowUps;
import fr.vigie.intake.web.FormViews.FollowUpLoginView;
import fr.vigie.intake.web.FormViews.FollowUpPageView;
import fr.vigie.intake.web.FormViews.MessageView;
import fr.vigie.tickets.TicketDetail;
import fr.vigie.tickets.VictimMessage;
import fr.vigie.web.FieldProblem;
import fr.vigie.web.FormBody;
import fr.vigie.web.Messages;
import fr.vigie.web.Pages;
import fr.vigie.web.SignedState;
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
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /suivi}: the victim's follow-up page. The reference and token are posted (never in a URL,
 * so never in a log); once they match, a short-lived cookie bound to that report ({@value #COOKIE}:
 * the reference, an expiry and the token's hash, signed; {@code HttpOnly; Secure; SameSite=Strict})
 * keeps the page open for {@link #LIFETIME}. Messages are posted with an anti-forgery field derived
 * from the cookie.
 */
@Controller("/suivi")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class FollowUpPageController {

  static final String COOKIE = "vigie_suivi";
  static final Duration LIFETIME = Duration.ofMinutes(15);
  private static final String PURPOSE = "follow-up-cookie";

  private final FollowUps followUps;
  private final VictimTexts texts;
  private final Messages messages;
  private final Pages pages;
  private final SignedState signer;
  private final Clock clock;

  FollowUpPageController(
      FollowUps followUps,
      VictimTexts texts,
      Messages messages,
      Pages pages,
      SignedState signer,
      Clock clock) {
    this.followUps = followUps;
    this.texts = texts;
    this.messages = messages;
    this.pages = pages;
    this.signer = signer;
    this.clock = clock;
  }

  /** Binding of the cookie: which report, until when, and the hash of the token that opened it. */
  private record Binding(String reference, long expires, byte[] tokenHash) {}

  @Get
  MutableHttpResponse<?> show(HttpRequest<?> request) {
    Optional<String> cookie = request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
    Optional<TicketDetail> ticket = cookie.flatMap(this::bound).flatMap(this::ticket);
    if (ticket.isEmpty()) {
      return pages.page(
          "intake/followUpLogin", new FollowUpLoginView(pages.chrome(), null, List.of()));
    }
    return followUp(ticket.get(), cookie.get(), List.of(), null, false);
  }

  /**
   * Reference and token typed (or posted from the receipt): checked, then the page via a cookie.
   */
  @Post
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> open(@Body byte[] body) {
    Map<String, List<String>> posted = FormBody.parse(body);
    String reference = strip(FormBody.one(posted, "reference")).toUpperCase(java.util.Locale.ROOT);
    String token = strip(FormBody.one(posted, "code"));
    Optional<TicketDetail> ticket =
        reference.isEmpty() || token.isEmpty()
            ? Optional.empty()
            : followUps.find(reference, token);
    if (ticket.isEmpty()) {
      List<FieldProblem> problems =
          reference.isEmpty()
              ? List.of(new FieldProblem("f-reference", messages.get("error.followUp.reference")))
              : token.isEmpty()
                  ? List.of(new FieldProblem("f-code", messages.get("error.followUp.code")))
                  : List.of(
                      new FieldProblem("f-reference", messages.get("error.followUp.mismatch")));
      return pages.page(
          HttpStatus.OK,
          "intake/followUpLogin",
          new FollowUpLoginView(
              pages.chrome(), reference.length() > 40 ? null : reference, problems),
          false);
    }
    String value =
        signer.sign(
            PURPOSE,
            ticket.get().reference()
                + "|"
                + clock.instant().plus(LIFETIME).getEpochSecond()
                + "|"
                + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(FollowUps.tokenHash(token)));
    return pages.secure(
        HttpResponse.seeOther(URI.create("/suivi")).cookie(cookie(value, LIFETIME)), false);
  }

  /** A message from the victim to the desk. */
  @Post("/message")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  MutableHttpResponse<?> write(HttpRequest<?> request, @Body byte[] body) {
    Map<String, List<String>> posted = FormBody.parse(body);
    Optional<String> cookie = request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
    Optional<TicketDetail> ticket = cookie.flatMap(this::bound).flatMap(this::ticket);
    if (ticket.isEmpty()) {
      return pages.page(
          HttpStatus.OK,
          "intake/followUpLogin",
          new FollowUpLoginView(
              pages.chrome(),
              null,
              List.of(new FieldProblem("f-reference", messages.get("error.followUp.expired")))),
          false);
    }
    String csrf = FormBody.one(posted, "jeton");
    if (csrf == null || !csrf.equals(signer.mac("csrf", cookie.get()))) {
      throw new ProblemException(HttpStatus.FORBIDDEN, "The form is not from this page.");
    }
    String text = FormBody.one(posted, "message");
    try {
      followUps.write(ticket.get(), text);
    } catch (ProblemException e) {
      String kind = text == null || text.isBlank() ? "required" : "invalid";
      return followUp(
          ticket.get(),
          cookie.get(),
          List.of(new FieldProblem("f-message", messages.get("error.followUp.message." + kind))),
          text,
          false);
    }
    return followUp(ticket.get(), cookie.get(), List.of(), null, true);
  }

  /** Closes the page on this device: the cookie is deleted. */
  @Post("/fermer")
  MutableHttpResponse<?> close() {
    return pages.secure(
        HttpResponse.seeOther(URI.create("/suivi")).cookie(cookie("", Duration.ZERO)), false);
  }

  private MutableHttpResponse<?> followUp(
      TicketDetail ticket, String cookie, List<FieldProblem> problems, String draft, boolean sent) {
    FollowUpView view = followUps.view(ticket);
    List<MessageView> exchange =
        view.messages().stream()
            .map(
                m ->
                    new MessageView(
                        m.from() == VictimMessage.From.VICTIM
                            ? messages.get("message.from.victim")
                            : messages.get("message.from.csirt", pages.desk().name()),
                        texts.dateTime(m.at()),
                        m.text()))
            .toList();
    FollowUpPageView page =
        new FollowUpPageView(
            pages.chrome(),
            view.reference(),
            texts.status(view.status().name()),
            texts.dateTime(view.receivedAt()),
            texts.orientations(view.orientations()),
            texts.deadlines(view.deadlines()),
            exchange,
            signer.mac("csrf", cookie),
            problems,
            draft,
            sent);
    return pages.page("intake/followUp", page);
  }

  private Optional<Binding> bound(String cookie) {
    return signer
        .open(PURPOSE, cookie)
        .flatMap(
            text -> {
              String[] parts = text.split("\\|");
              if (parts.length != 3) {
                return Optional.empty();
              }
              try {
                long expires = Long.parseLong(parts[1]);
                if (expires < clock.instant().getEpochSecond()) {
                  return Optional.empty();
                }
                return Optional.of(
                    new Binding(parts[0], expires, Base64.getUrlDecoder().decode(parts[2])));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }

  private Optional<TicketDetail> ticket(Binding binding) {
    return followUps.findByHash(binding.reference(), binding.tokenHash());
  }

  private static Cookie cookie(String value, Duration maxAge) {
    return Cookie.of(COOKIE, value)
        .path("/suivi")
        .httpOnly(true)
        .secure(true)
        .sameSite(SameSite.Strict)
        .maxAge(maxAge);
  }

  private static String strip(@Nullable String s) {
    return s == null ? "" : s.strip();
  }
}
