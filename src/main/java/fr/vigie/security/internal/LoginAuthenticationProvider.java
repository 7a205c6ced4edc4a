package fr.vigie.security.internal;

import fr.vigie.security.Role;
import fr.vigie.security.StaffUser;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code POST /login}: checks a local user's bcrypt password on the blocking executor (the check is
 * slow on purpose) and puts the roles and, for a provider user, the provider id in the token.
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
    if (username.length() > 64 || password.length() > 128) {
      return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }
    return users
        .authenticate(username, password)
        .map(LoginAuthenticationProvider::success)
        .orElseGet(
            () ->
                AuthenticationResponse.failure(
                    AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
  }

  private static AuthenticationResponse success(StaffUser user) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("uid", user.id());
    if (user.providerId() != null) {
      attributes.put("providerId", user.providerId());
    }
    return AuthenticationResponse.success(
        user.username(), user.roles().stream().map(Role::name).toList(), attributes);
  }
}
