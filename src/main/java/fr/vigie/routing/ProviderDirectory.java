package fr.vigie.routing;

import fr.vigie.audit.Audit;
import fr.vigie.clocks.WeeklyHours;
import fr.vigie.db.Database;
import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.notify.WebhookGuard;
import fr.vigie.routing.internal.Fields;
import fr.vigie.routing.internal.ProviderSpec;
import fr.vigie.routing.internal.ProviderStore;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.RsitTaxonomy;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The provider directory: checks what a coordinator writes, field by field, and keeps it. A SIREN
 * names one provider; a second provider with the same SIREN is a conflict. Every write is audited
 * in its own transaction (DESIGN.md §9).
 */
@Singleton
public final class ProviderDirectory {

  private final WebhookGuard webhooks;

  private static final Pattern SIREN = Pattern.compile("[0-9]{9}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]+");

  private final Database database;
  private final ProviderStore store;
  private final Clock clock;
  private final Audit audit;

  ProviderDirectory(
      Database database, ProviderStore store, Clock clock, Audit audit, WebhookGuard webhooks) {
    this.webhooks = webhooks;
    this.database = database;
    this.store = store;
    this.clock = clock;
    this.audit = audit;
  }

  public Provider create(ProviderRequest request, String actor) {
    ProviderSpec spec = check(request, null);
    return database.inTransaction(
        c -> {
          long id =
              store.insert(c, spec, clock.instant()).orElseThrow(ProviderDirectory::sirenTaken);
          Provider created = store.get(c, id).orElseThrow();
          audit.record(c, actor, "PROVIDER_CREATED", "provider:" + id, details(created));
          return created;
        });
  }

  /** What the audit log keeps of a provider: no secret, no address. */
  private static Map<String, Object> details(Provider p) {
    return Map.of(
        "siren", p.siren(),
        "active", p.active(),
        "capacity", p.capacity(),
        "version", p.version());
  }

  /** Replaces a provider; empty when there is none with this id. 412 when the version is stale. */
  public Optional<Provider> update(
      long id, ProviderRequest request, Integer expectedVersion, String actor) {
    return database.inTransaction(
        c -> {
          Optional<ProviderStore.Secret> current = store.lockSecret(c, id);
          if (current.isEmpty()) {
            return Optional.empty();
          }
          if (expectedVersion != null && expectedVersion != current.get().version()) {
            throw new ProblemException(
                HttpStatus.PRECONDITION_FAILED,
                "This provider changed since you read it (now version "
                    + current.get().version()
                    + ").");
          }
          ProviderSpec spec = check(request, current.get().webhookSecret());
          if (!store.update(c, id, spec, clock.instant())) {
            throw sirenTaken();
          }
          Provider updated = store.get(c, id).orElseThrow();
          audit.record(c, actor, "PROVIDER_UPDATED", "provider:" + id, details(updated));
          return Optional.of(updated);
        });
  }

  public Optional<Provider> get(long id) {
    return database.read(c -> store.get(c, id));
  }

  public Page<Provider> page(Page.Request page, Boolean active) {
    return database.read(
        c ->
            new Page<>(
                store.page(c, page.page(), page.size(), active),
                page.page(),
                page.size(),
                store.count(c, active)));
  }

  private static ProblemException sirenTaken() {
    return new ProblemException(
        HttpStatus.CONFLICT,
        "A provider with this SIREN is already in the directory.",
        List.of(new fr.vigie.http.Problem.FieldError("siren", "already in the directory")));
  }

  /** Every field checked; 422 naming each wrong one. {@code keptSecret} is the current secret. */
  ProviderSpec check(ProviderRequest r, String keptSecret) {
    Fields f = new Fields();
    String name = f.text("name", r.name(), 200);
    String siren = r.siren() == null ? null : r.siren().strip();
    if (siren == null || !SIREN.matcher(siren).matches()) {
      f.add("siren", "expected 9 digits");
    }
    Map<LabelKind, LocalDate> labels = new EnumMap<>(LabelKind.class);
    if (r.labels() != null) {
      if (r.labels().size() > LabelKind.values().length) {
        f.add("labels", "at most one entry per kind");
      } else {
        for (int i = 0; i < r.labels().size(); i++) {
          ProviderRequest.Label label = r.labels().get(i);
          String at = "labels[" + i + "]";
          if (label == null) {
            f.add(at, "is required");
            continue;
          }
          LabelKind kind = f.name(at + ".kind", label.kind(), LabelKind.class);
          LocalDate until = f.date(at + ".validUntil", label.validUntil());
          if (kind != null && until != null && labels.put(kind, until) != null) {
            f.add(at + ".kind", "listed twice");
          }
        }
      }
    }
    List<String> departements = f.departements("departements", r.departements());
    String base = f.departement("baseDepartement", r.baseDepartement());
    List<String> victimTypes = f.names("victimTypes", r.victimTypes(), VictimType.class);
    List<String> classes = new ArrayList<>();
    if (r.rsitClasses() == null || r.rsitClasses().isEmpty()) {
      f.add("rsitClasses", "at least one");
    } else if (r.rsitClasses().size() > RsitTaxonomy.classes().size()) {
      f.add("rsitClasses", "at most " + RsitTaxonomy.classes().size());
    } else {
      for (int i = 0; i < r.rsitClasses().size(); i++) {
        String c = r.rsitClasses().get(i);
        if (c == null || !RsitTaxonomy.classes().contains(c)) {
          f.add("rsitClasses[" + i + "]", "expected an RSIT class such as malicious-code");
        } else if (!classes.contains(c)) {
          classes.add(c);
        }
      }
    }
    Integer capacity = f.required("capacity", r.capacity());
    if (capacity != null && (capacity < 1 || capacity > 10_000)) {
      f.add("capacity", "from 1 to 10000 concurrent engagements");
    }
    Boolean onCall = f.required("onCall247", r.onCall247());
    List<String> hours = r.openingHours() == null ? List.of() : r.openingHours();
    if (hours.size() > 14) {
      f.add("openingHours", "at most 14 entries");
    } else {
      for (int i = 0; i < hours.size(); i++) {
        String entry = hours.get(i);
        try {
          if (entry == null || Texts.problem(entry, 40, false) != null) {
            throw new IllegalArgumentException("expected e.g. 'MON-FRI 09:00-18:00'");
          }
          WeeklyHours.parse(List.of(entry));
        } catch (IllegalArgumentException e) {
          f.add("openingHours[" + i + "]", e.getMessage());
        }
      }
    }
    String email = r.email() == null ? null : r.email().strip();
    if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
      f.add("email", "expected an e-mail address");
    }
    String url = r.webhookUrl() == null || r.webhookUrl().isBlank() ? null : r.webhookUrl().strip();
    String secret = r.webhookSecret();
    if (url != null) {
      String problem =
          url.length() > 2000 ? "at most 2000 characters" : webhooks.problemOnSave(url);
      if (problem != null) {
        f.add("webhookUrl", problem);
      }
      if (secret == null) {
        secret = keptSecret;
      }
      if (secret == null) {
        f.add("webhookSecret", "required with a webhookUrl (16 to 200 characters)");
      } else if (secret.length() < 16
          || secret.length() > 200
          || Texts.problem(secret, 200, false) != null) {
        f.add("webhookSecret", "16 to 200 characters, no control characters");
      }
    } else {
      if (secret != null) {
        f.add("webhookSecret", "only with a webhookUrl");
      }
      secret = null;
    }
    if (!f.errors().isEmpty()) {
      throw ProblemException.invalid(f.errors());
    }
    return new ProviderSpec(
        name,
        siren,
        labels,
        departements,
        base,
        victimTypes,
        classes,
        capacity,
        onCall,
        hours.stream().map(String::strip).toList(),
        email,
        url,
        secret,
        r.active() == null || r.active());
  }
}
