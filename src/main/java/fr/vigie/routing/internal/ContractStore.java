package fr.vigie.routing.internal;

import fr.vigie.routing.Contract;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL of public contracts and their ranks. */
@jakarta.inject.Singleton
public final class ContractStore {

  private static final String SELECT =
      """
      SELECT k.id, k.name, k.departements, k.victim_types, k.valid_from, k.valid_until,
        ARRAY(SELECT r.provider_id FROM public_contract_rank r WHERE r.contract_id = k.id
          ORDER BY r.rank),
        ARRAY(SELECT p.name FROM public_contract_rank r JOIN provider p ON p.id = r.provider_id
          WHERE r.contract_id = k.id ORDER BY r.rank)
      FROM public_contract k
      """;

  public List<Long> missingProviders(Connection c, List<Long> ids) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT x FROM unnest(?::bigint[]) x WHERE NOT EXISTS"
                + " (SELECT 1 FROM provider p WHERE p.id = x)")) {
      s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      List<Long> out = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(rows.getLong(1));
        }
      }
      return out;
    }
  }

  public long insert(
      Connection c,
      String name,
      List<String> departements,
      List<String> types,
      List<Long> providers,
      LocalDate from,
      LocalDate until,
      Instant now)
      throws SQLException {
    long id;
    try (var s =
        c.prepareStatement(
            "INSERT INTO public_contract (name, departements, victim_types, valid_from,"
                + " valid_until, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
      s.setString(1, name);
      s.setArray(2, c.createArrayOf("text", departements.toArray()));
      s.setArray(3, c.createArrayOf("text", types.toArray()));
      s.setDate(4, Date.valueOf(from));
      s.setDate(5, Date.valueOf(until));
      s.setObject(6, now.atOffset(ZoneOffset.UTC));
      try (var rows = s.executeQuery()) {
        rows.next();
        id = rows.getLong(1);
      }
    }
    try (var s =
        c.prepareStatement(
            "INSERT INTO public_contract_rank (contract_id, rank, provider_id) VALUES (?, ?, ?)")) {
      for (int i = 0; i < providers.size(); i++) {
        s.setLong(1, id);
        s.setInt(2, i + 1);
        s.setLong(3, providers.get(i));
        s.addBatch();
      }
      s.executeBatch();
    }
    return id;
  }

  public Optional<Contract> get(Connection c, long id) throws SQLException {
    try (var s = c.prepareStatement(SELECT + " WHERE k.id = ?")) {
      s.setLong(1, id);
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(map(rows)) : Optional.empty();
      }
    }
  }

  public List<Contract> page(Connection c, int page, int size) throws SQLException {
    try (var s = c.prepareStatement(SELECT + " ORDER BY k.id LIMIT ? OFFSET ?")) {
      s.setInt(1, size);
      s.setLong(2, (long) page * size);
      List<Contract> out = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(map(rows));
        }
      }
      return out;
    }
  }

  public long count(Connection c) throws SQLException {
    try (var s = c.prepareStatement("SELECT count(*) FROM public_contract");
        var rows = s.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * Contracts in force on {@code today} covering this département and victim type, oldest first.
   */
  public List<Contract> covering(Connection c, String departement, String type, LocalDate today)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            SELECT
                + " WHERE ? = ANY (k.departements) AND ? = ANY (k.victim_types)"
                + " AND k.valid_from <= ? AND k.valid_until >= ? ORDER BY k.valid_from, k.id")) {
      s.setString(1, departement);
      s.setString(2, type);
      s.setDate(3, Date.valueOf(today));
      s.setDate(4, Date.valueOf(today));
      List<Contract> out = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(map(rows));
        }
      }
      return out;
    }
  }

  private static Contract map(ResultSet rows) throws SQLException {
    Long[] ids = (Long[]) rows.getArray(7).getArray();
    String[] names = (String[]) rows.getArray(8).getArray();
    List<Contract.Rank> ranks = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      ranks.add(new Contract.Rank(i + 1, ids[i], names[i]));
    }
    return new Contract(
        rows.getLong(1),
        rows.getString(2),
        Arrays.asList((String[]) rows.getArray(3).getArray()),
        Arrays.asList((String[]) rows.getArray(4).getArray()),
        ranks,
        rows.getDate(5).toLocalDate(),
        rows.getDate(6).toLocalDate());
  }
}
