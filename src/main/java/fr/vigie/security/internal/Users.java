package fr.vigie.security.internal;

import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.security.Role;
import fr.vigie.security.StaffUser;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Account operations behind the public services: hashing happens here, never elsewhere, and every
 * change of an account is audited in its own transaction.
 */
@Singleton
public final class Users {

  private final UserStore store;
  private final Database database;
  private final Clock clock;
  private final Audit audit;
  private final SecuritySettings settings;

  Users(UserStore store, Database database, Clock clock, Audit audit, SecuritySettings settings) {
    this.store = store;
    this.database = database;
    this.clock = clock;
    this.audit = audit;
    this.settings = settings;
  }

  /** Creates an account; empty when the username is taken. */
  public Optional<StaffUser> create(
      String actor,
      String username,
      String password,
      List<Role> roles,
      Long providerId,
      String email) {
    String hash = PasswordHasher.hash(password);
    return database.inTransaction(
        c -> {
          Optional<StaffUser> user =
              store.insert(c, username, hash, roles, providerId, email, clock.instant());
          if (user.isPresent()) {
            audit.record(c, actor, "USER_CREATED", "user:" + username, accountDetails(user.get()));
          }
          return user;
        });
  }

  public Optional<StaffUser> byId(long id) {
    return database.read(c -> store.byId(c, id, false)).map(UserStore.Row::user);
  }

  /**
   * An administrator's change. A change of roles, provider, enabled state or password ends the
   * user's sessions (their tokens carry what they could do before). Refuses (409) to leave no
   * enabled administrator. Empty when there is no such user.
   */
  public Optional<StaffUser> update(
      String actor,
      long id,
      List<Role> roles,
      Long providerId,
      boolean enabled,
      String email,
      String newPassword) {
    String hash = newPassword == null ? null : PasswordHasher.hash(newPassword);
    return database.inTransaction(
        c -> {
          Optional<UserStore.Row> current = store.byId(c, id, true);
          if (current.isEmpty()) {
            return Optional.empty();
          }
          StaffUser before = current.get().user();
          boolean stillAdmin = enabled && roles.contains(Role.ADMIN);
          if (!stillAdmin && before.roles().contains(Role.ADMIN) && before.enabled()) {
            // Serialises concurrent demotions: each counts the others after taking its lock.
            c.createStatement().execute("LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE");
            if (store.otherEnabledAdmins(c, id) == 0) {
              throw new ProblemException(
                  HttpStatus.CONFLICT,
                  "This is the last enabled administrator: create another one first.",
                  List.of(new FieldError(enabled ? "roles" : "enabled", "last administrator")));
            }
          }
          boolean endSessions =
              hash != null
                  || enabled != before.enabled()
                  || !roles.equals(before.roles())
                  || !java.util.Objects.equals(providerId, before.providerId());
          store.update(
              c, id, roles, providerId, enabled, email, hash, endSessions, clock.instant());
          StaffUser after = store.byId(c, id, false).orElseThrow().user();
          Map<String, Object> details = accountDetails(after);
          details.put("passwordReset", hash != null);
          details.put("sessionsEnded", endSessions);
          audit.record(c, actor, "USER_UPDATED", "user:" + after.username(), details);
          return Optional.of(after);
        });
  }

  public List<StaffUser> page(int page, int size) {
    return store.page(page, size);
  }

  public long count() {
    return store.count();
  }

  /** A successful login: the user and the session version its tokens will carry. */
  record Login(StaffUser user, int tokenVersion) {}

  /**
   * The enabled, unlocked user whose password matches, with the same bcrypt work whether or not it
   * exists or is locked. Failures of an existing account count towards its lockout.
   */
  Optional<Login> authenticate(String username, String password) {
    Optional<UserStore.Row> row = store.byUsername(username);
    if (row.isEmpty()) {
      // Not audited: what was typed as a username may be anything, a password included.
      PasswordHasher.burnDecoy(password);
      return Optional.empty();
    }
    boolean matches = PasswordHasher.matches(password, row.get().passwordHash());
    StaffUser user = row.get().user();
    Instant now = clock.instant();
    String target = "user:" + user.username();
    if (user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
      audit.record(user.username(), "LOGIN_REFUSED_LOCKED", target, Map.of());
      return Optional.empty();
    }
    if (!matches) {
      database.inTransaction(
          c -> {
            boolean locked =
                store.recordFailure(
                    c, user.id(), now, settings.window, settings.maxFailures, settings.lockFor);
            audit.record(c, user.username(), "LOGIN_FAILED", target, Map.of());
            if (locked) {
              audit.record(
                  c,
                  "vigie",
                  "ACCOUNT_LOCKED",
                  target,
                  Map.of("until", now.plus(settings.lockFor).toString()));
            }
            return null;
          });
      return Optional.empty();
    }
    if (!user.enabled()) {
      audit.record(user.username(), "LOGIN_REFUSED_DISABLED", target, Map.of());
      return Optional.empty();
    }
    database.inTransaction(
        c -> {
          store.clearFailures(c, user.id());
          audit.record(c, user.username(), "LOGIN_SUCCEEDED", target, Map.of());
          return null;
        });
    return Optional.of(new Login(user, row.get().tokenVersion()));
  }

  /** Ends every session of {@code username} (logout); false for an identity with no account. */
  public boolean logout(String username) {
    return database.inTransaction(
        c -> {
          Optional<UserStore.Row> row = store.byUsername(c, username, true);
          if (row.isEmpty()) {
            return false;
          }
          store.endSessions(c, row.get().user().id(), clock.instant());
          audit.record(c, username, "LOGGED_OUT", "user:" + username, Map.of());
          return true;
        });
  }

  Optional<Integer> sessionVersion(String username) {
    return store.sessionVersion(username);
  }

  private static Map<String, Object> accountDetails(StaffUser user) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("roles", user.roles().stream().map(Role::name).toList());
    details.put("providerId", user.providerId());
    details.put("enabled", user.enabled());
    return details;
  }
}
