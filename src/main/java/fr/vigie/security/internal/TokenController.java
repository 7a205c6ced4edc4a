package fr.vigie.security.internal;

import fr.vigie.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import java.util.Map;
import java.util.Set;

/**
 * The session's other ends besides {@code POST /login}: a refresh token buys a new pair of tokens
 * ({@code POST /oauth/access_token}, RFC 6749 §6, the token rotated), and {@code POST /logout} ends
 * every session of the caller. Errors are problem documents like everywhere else (Micronaut's own
 * refresh endpoint answers OAuth error bodies and is switched off).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class TokenController {

  private static final Set<String> FIELDS = Set.of("grant_type", "refresh_token");

  private final Sessions sessions;
  private final Users users;
  private final RefreshTokens refreshTokens;
  private final AccessRefreshTokenGenerator generator;

  TokenController(
      Sessions sessions,
      Users users,
      RefreshTokens refreshTokens,
      AccessRefreshTokenGenerator generator) {
    this.sessions = sessions;
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.generator = generator;
  }

  @Post("/oauth/access_token")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
  HttpResponse<AccessRefreshToken> refresh(@Nullable @Body Map<String, Object> body) {
    if (body == null) {
      throw ProblemException.malformed("refresh_token", "is required");
    }
    for (String field : body.keySet()) {
      if (!FIELDS.contains(field)) {
        throw ProblemException.malformed(field.length() <= 64 ? field : "body", "unknown field");
      }
    }
    if (!"refresh_token".equals(body.get("grant_type"))) {
      throw ProblemException.malformed("grant_type", "must be refresh_token");
    }
    Object token = body.get("refresh_token");
    if (!(token instanceof String text) || text.isEmpty()) {
      throw ProblemException.malformed("refresh_token", "is required");
    }
    return refreshTokens
        .validate(text)
        .flatMap(sessions::refresh)
        .map(Sessions::authentication)
        .flatMap(generator::generate)
        .map(HttpResponse::ok)
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.UNAUTHORIZED,
                    "The refresh token is unknown, expired, used or revoked: log in again."));
  }

  /** Ends every session of the caller: its access and refresh tokens stop working at once. */
  @Post("/logout")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  HttpResponse<Void> logout(Authentication who) {
    users.logout(who.getName());
    return HttpResponse.noContent();
  }
}
