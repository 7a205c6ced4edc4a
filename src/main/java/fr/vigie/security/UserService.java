package fr.vigie.security;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.security.internal.Users;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates, changes and lists staff accounts, refusing weak or inconsistent ones with field errors.
 * Every change is audited with the administrator who made it.
 */
@Singleton
public final class UserService {

  static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
  static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

  private final Users users;

  UserService(Users users) {
    this.users = users;
  }

  /** A new account as an administrator submits it; roles are names of {@link Role}. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record NewUser(
      String username,
      String password,
      List<String> roles,
      @Nullable Long providerId,
      @Nullable String email) {

    @Creator
    public NewUser {}

    public NewUser(String username, String password, List<String> roles, Long providerId) {
      this(username, password, roles, providerId, null);
    }
  }

  /**
   * An administrator's change of an account: the whole of what may change ({@code roles}, {@code
   * providerId}, {@code enabled}, {@code email}); {@code password}, when given, resets it.
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record UserChange(
      @Nullable List<String> roles,
      @Nullable Long providerId,
      @Nullable Boolean enabled,
      @Nullable String email,
      @Nullable String password) {}

  /** Creates an account as the bootstrap or a test would: audited as {@code vigie}. */
  public StaffUser create(NewUser request) {
    return create("vigie", request);
  }

  public StaffUser create(String actor, NewUser request) {
    List<FieldError> errors = new ArrayList<>();
    if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
      errors.add(
          new FieldError(
              "username", "3 to 64 lower-case letters, digits, dots, dashes or underscores"));
    }
    errors.addAll(PasswordPolicy.check("password", request.username(), request.password()));
    List<Role> roles = parseRoles(request.roles(), errors);
    checkProvider(roles, request.providerId(), errors);
    String email = email(request.email(), errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return users
        .create(actor, request.username(), request.password(), roles, request.providerId(), email)
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.CONFLICT,
                    "This username is taken.",
                    List.of(new FieldError("username", "already exists"))));
  }

  /** Applies an administrator's change; empty when there is no such account. */
  public Optional<StaffUser> update(String actor, long id, UserChange change) {
    Optional<StaffUser> current = users.byId(id);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    List<FieldError> errors = new ArrayList<>();
    List<Role> roles = parseRoles(change.roles(), errors);
    if (change.enabled() == null) {
      errors.add(new FieldError("enabled", "is required"));
    }
    checkProvider(roles, change.providerId(), errors);
    String email = email(change.email(), errors);
    if (change.password() != null) {
      errors.addAll(PasswordPolicy.check("password", current.get().username(), change.password()));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return users.update(
        actor, id, roles, change.providerId(), change.enabled(), email, change.password());
  }

  public Optional<StaffUser> byId(long id) {
    return users.byId(id);
  }

  public List<StaffUser> page(int page, int size) {
    return users.page(page, size);
  }

  public long count() {
    return users.count();
  }

  private static void checkProvider(List<Role> roles, Long providerId, List<FieldError> errors) {
    boolean provider = roles.contains(Role.PROVIDER);
    if (provider && providerId == null) {
      errors.add(new FieldError("providerId", "required for a PROVIDER user"));
    } else if (!provider && providerId != null) {
      errors.add(new FieldError("providerId", "only a PROVIDER user is bound to a provider"));
    } else if (providerId != null && providerId <= 0) {
      errors.add(new FieldError("providerId", "a provider's id, 1 or more"));
    }
  }

  private static String email(String email, List<FieldError> errors) {
    if (email == null) {
      return null;
    }
    String trimmed = email.strip();
    String problem = Texts.problem(trimmed, 254, false);
    if (problem == null && !EMAIL.matcher(trimmed).matches()) {
      problem = "an e-mail address, e.g. gwenola@csirt.example";
    }
    if (problem != null) {
      errors.add(new FieldError("email", problem));
      return null;
    }
    return trimmed;
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
