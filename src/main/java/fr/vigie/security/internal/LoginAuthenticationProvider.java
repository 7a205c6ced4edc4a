package fr.vigie.security.internal;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.security.Role;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /login}: checks a local user's bcrypt password on the blocking executor (the check is
 * slow on purpose), counting failures towards a lockout, and puts in the token the roles, the
 * provider id of a provider user, and the session version ({@code sv}) that logout bumps.
 */
@Singleton
final class LoginAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {

  private final Users users;

  LoginAuthenticationProvider(Users users) {
    this.users = users;
  }

  @Override
  public @NonNull AuthenticationResponse authenticate(
      @Nullable HttpRequest<B> request,
      @NonNull AuthenticationRequest<String, String> authenticationRequest) {
    String username = String.valueOf(authenticationRequest.getIdentity());
    String password = String.valueOf(authenticationRequest.getSecret());
    // A JSON body is refused earlier (fr.vigie.http.StrictJsonReader); a form body arrives here.
    for (var field : Map.of("username", username, "password", password).entrySet()) {
      if (Texts.characters(field.getValue(), false) != null) {
        throw ProblemException.invalid(
            List.of(new FieldError(field.getKey(), Texts.characters(field.getValue(), false))));
      }
    }
    if (username.length() > 64 || password.length() > 128) {
      return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }
    // Locked, disabled, unknown or wrong: one answer, so the answer tells nothing about accounts.
    return users
        .authenticate(username, password)
        .map(LoginAuthenticationProvider::success)
        .orElseGet(
            () ->
                AuthenticationResponse.failure(
                    AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
  }

  static AuthenticationResponse success(Users.Login login) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("uid", login.user().id());
    attributes.put(SessionValidator.VERSION_CLAIM, login.tokenVersion());
    if (login.user().providerId() != null) {
      attributes.put("providerId", login.user().providerId());
    }
    return AuthenticationResponse.success(
        login.user().username(),
        login.user().roles().stream().map(Role::name).toList(),
        attributes);
  }
}
