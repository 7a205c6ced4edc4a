package fr.vigie.security;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.security.internal.Users;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Creates and lists staff accounts, refusing weak or inconsistent ones with field errors. */
@Singleton
public final class UserService {

  static final int MIN_PASSWORD = 12;
  static final int MAX_PASSWORD = 128;

  private final Users users;

  UserService(Users users) {
    this.users = users;
  }

  /** A new account as an administrator submits it; roles are names of {@link Role}. */
  @io.micronaut.serde.annotation.Serdeable
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = false)
  public record NewUser(String username, String password, List<String> roles, Long providerId) {}

  public StaffUser create(NewUser request) {
    List<FieldError> errors = new ArrayList<>();
    if (request.username() == null || !request.username().matches("[a-z0-9][a-z0-9._-]{2,63}")) {
      errors.add(
          new FieldError(
              "username", "3 to 64 lower-case letters, digits, dots, dashes or underscores"));
    }
    errors.addAll(checkPassword("password", request.password()));
    List<Role> roles = parseRoles(request.roles(), errors);
    boolean provider = roles.contains(Role.PROVIDER);
    if (provider && request.providerId() == null) {
      errors.add(new FieldError("providerId", "required for a PROVIDER user"));
    } else if (!provider && request.providerId() != null) {
      errors.add(new FieldError("providerId", "only a PROVIDER user is bound to a provider"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return users
        .create(request.username(), request.password(), roles, request.providerId())
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.CONFLICT,
                    "This username is taken.",
                    List.of(new FieldError("username", "already exists"))));
  }

  public List<StaffUser> page(int page, int size) {
    return users.page(page, size);
  }

  public long count() {
    return users.count();
  }

  static List<FieldError> checkPassword(String field, String password) {
    if (password == null
        || password.codePointCount(0, password.length()) < MIN_PASSWORD
        || password.length() > MAX_PASSWORD) {
      return List.of(
          new FieldError(
              field, "between " + MIN_PASSWORD + " and " + MAX_PASSWORD + " characters"));
    }
    return List.of();
  }

  private static List<Role> parseRoles(List<String> names, List<FieldError> errors) {
    if (names == null || names.isEmpty()) {
      errors.add(new FieldError("roles", "at least one role"));
      return List.of();
    }
    List<Role> roles = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      try {
        Role role = Role.valueOf(String.valueOf(names.get(i)));
        if (!roles.contains(role)) {
          roles.add(role);
        }
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "roles[" + i + "]",
                "unknown role; expected one of ANALYST, COORDINATOR, PROVIDER, OFFICIAL, ADMIN"));
      }
    }
    return roles;
  }
}
