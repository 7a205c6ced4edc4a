package fr.vigie.routing;

import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import fr.vigie.routing.internal.ContractStore;
import fr.vigie.routing.internal.Fields;
import fr.vigie.tickets.VictimType;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Public contracts: checked field by field, their ranked providers must exist; audited. */
@Singleton
public final class Contracts {

  static final int MAX_RANKS = 20;

  private final Database database;
  private final ContractStore store;
  private final Clock clock;
  private final Audit audit;

  Contracts(Database database, ContractStore store, Clock clock, Audit audit) {
    this.database = database;
    this.store = store;
    this.clock = clock;
    this.audit = audit;
  }

  public Contract create(ContractRequest r, String actor) {
    Fields f = new Fields();
    String name = f.text("name", r.name(), 200);
    List<String> departements = f.departements("departements", r.departements());
    List<String> types = f.names("victimTypes", r.victimTypes(), VictimType.class);
    LocalDate from = f.date("validFrom", r.validFrom());
    LocalDate until = f.date("validUntil", r.validUntil());
    if (from != null && until != null && until.isBefore(from)) {
      f.add("validUntil", "on or after validFrom");
    }
    List<Long> ids = new ArrayList<>();
    if (r.providerIds() == null || r.providerIds().isEmpty()) {
      f.add("providerIds", "at least one provider, rank 1 first");
    } else if (r.providerIds().size() > MAX_RANKS) {
      f.add("providerIds", "at most " + MAX_RANKS + " ranks");
    } else {
      for (int i = 0; i < r.providerIds().size(); i++) {
        Long id = r.providerIds().get(i);
        if (id == null) {
          f.add("providerIds[" + i + "]", "is required");
        } else if (ids.contains(id)) {
          f.add("providerIds[" + i + "]", "listed twice");
        } else {
          ids.add(id);
        }
      }
    }
    if (!f.errors().isEmpty()) {
      throw ProblemException.invalid(f.errors());
    }
    return database.inTransaction(
        c -> {
          List<Long> missing = store.missingProviders(c, ids);
          if (!missing.isEmpty()) {
            Fields unknown = new Fields();
            for (Long id : missing) {
              unknown.add("providerIds[" + ids.indexOf(id) + "]", "no such provider");
            }
            throw ProblemException.invalid(unknown.errors());
          }
          long id = store.insert(c, name, departements, types, ids, from, until, clock.instant());
          audit.record(
              c,
              actor,
              "CONTRACT_CREATED",
              "contract:" + id,
              java.util.Map.of(
                  "providerIds",
                  ids,
                  "validFrom",
                  from.toString(),
                  "validUntil",
                  until.toString()));
          return store.get(c, id).orElseThrow();
        });
  }

  public Optional<Contract> get(long id) {
    return database.read(c -> store.get(c, id));
  }

  public Page<Contract> page(Page.Request page) {
    return database.read(
        c ->
            new Page<>(
                store.page(c, page.page(), page.size()), page.page(), page.size(), store.count(c)));
  }
}
