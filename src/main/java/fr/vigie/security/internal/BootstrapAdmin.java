package fr.vigie.security.internal;

import fr.vigie.security.PasswordPolicy;
import fr.vigie.security.Role;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the {@code admin} user on first start (DESIGN.md §2) with {@code
 * VIGIE_BOOTSTRAP_ADMIN_PASSWORD}, or with a random password printed once to the log. There is no
 * default password, and a configured one must pass the {@link PasswordPolicy}. Several instances
 * starting together create it once.
 */
@Singleton
final class BootstrapAdmin
    implements ApplicationEventListener<StartupEvent>, io.micronaut.core.order.Ordered {

  /**
   * Before any other start-up listener that may create accounts (the demo data): this one only acts
   * on an empty table, and the order of unordered listeners is not defined.
   */
  static final int ORDER = -100;

  private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);

  private final Users users;
  private final String configured;

  BootstrapAdmin(Users users, @Nullable @Value("${vigie.bootstrap.admin-password:}") String pw) {
    this.users = users;
    this.configured = pw;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    if (users.count() > 0) {
      return;
    }
    boolean generated = configured == null || configured.isBlank();
    String password = generated ? PasswordPolicy.randomPassword() : configured;
    if (!generated) {
      var problems = PasswordPolicy.check("password", "admin", password);
      if (!problems.isEmpty()) {
        throw new IllegalStateException(
            "VIGIE_BOOTSTRAP_ADMIN_PASSWORD is refused: " + problems.get(0).message());
      }
    }
    if (users
        .create("vigie:bootstrap", "admin", password, List.of(Role.ADMIN), null, null)
        .isEmpty()) {
      return;
    }
    if (generated) {
      LOG.warn(
          "Created user 'admin' with the one-time generated password: {}"
              + " (set VIGIE_BOOTSTRAP_ADMIN_PASSWORD to choose it; this is printed only once)",
          password);
    } else {
      LOG.info("Created user 'admin' with the password from VIGIE_BOOTSTRAP_ADMIN_PASSWORD");
    }
  }
}
