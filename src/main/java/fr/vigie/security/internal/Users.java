package fr.vigie.security.internal;

import fr.vigie.security.Role;
import fr.vigie.security.StaffUser;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Account operations behind the public services: hashing happens here, never elsewhere. */
@Singleton
public final class Users {

  private final UserStore store;
  private final Clock clock;

  Users(UserStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Optional<StaffUser> create(
      String username, String password, List<Role> roles, Long providerId) {
    return store.insert(
        username, PasswordHasher.hash(password), roles, providerId, clock.instant());
  }

  public List<StaffUser> page(int page, int size) {
    return store.page(page, size);
  }

  public long count() {
    return store.count();
  }

  /** The enabled user whose password matches, with constant work whether or not it exists. */
  Optional<StaffUser> authenticate(String username, String password) {
    Optional<UserStore.Row> row = store.byUsername(username);
    if (row.isEmpty()) {
      PasswordHasher.burnDecoy(password);
      return Optional.empty();
    }
    boolean ok = PasswordHasher.matches(password, row.get().passwordHash());
    return ok && row.get().user().enabled() ? Optional.of(row.get().user()) : Optional.empty();
  }
}
