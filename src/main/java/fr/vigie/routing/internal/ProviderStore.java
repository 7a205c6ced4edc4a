package fr.vigie.routing.internal;

import fr.vigie.routing.LabelKind;
import fr.vigie.routing.Provider;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of the provider directory. Labels live in their own table, written with the provider. */
@jakarta.inject.Singleton
public final class ProviderStore {

  /** Columns of {@link #map}, the live engagements and the labels included. */
  static final String SELECT =
      """
      SELECT p.id, p.name, p.siren, p.departements, p.base_departement, p.victim_types,
        p.rsit_classes, p.capacity, p.on_call_247, p.opening_hours, p.email, p.webhook_url,
        p.webhook_secret IS NOT NULL, p.active,
        (SELECT count(*) FROM referral r WHERE r.provider_id = p.id
           AND r.state IN ('PROPOSED', 'ACCEPTED', 'ENGAGED')),
        p.last_referred_at, p.referral_count, p.version,
        ARRAY(SELECT l.kind FROM provider_label l WHERE l.provider_id = p.id ORDER BY l.kind),
        ARRAY(SELECT l.valid_until::text FROM provider_label l WHERE l.provider_id = p.id
           ORDER BY l.kind)
      FROM provider p
      """;

  /** The current secret and version of a provider, its row locked. */
  public record Secret(String webhookSecret, int version) {}

  /** Empty when the SIREN is taken. */
  public Optional<Long> insert(Connection c, ProviderSpec p, Instant now) throws SQLException {
    try (var s =
        c.prepareStatement(
            """
            INSERT INTO provider (name, siren, departements, base_departement, victim_types,
              rsit_classes, capacity, on_call_247, opening_hours, email, webhook_url,
              webhook_secret, active, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (siren) DO NOTHING RETURNING id
            """)) {
      int i = bind(c, s, p);
      s.setObject(i++, now.atOffset(ZoneOffset.UTC));
      s.setObject(i, now.atOffset(ZoneOffset.UTC));
      try (var rows = s.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        long id = rows.getLong(1);
        writeLabels(c, id, p.labels());
        return Optional.of(id);
      }
    }
  }

  public Optional<Secret> lockSecret(Connection c, long id) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT webhook_secret, version FROM provider WHERE id = ? FOR UPDATE")) {
      s.setLong(1, id);
      try (var rows = s.executeQuery()) {
        return rows.next()
            ? Optional.of(new Secret(rows.getString(1), rows.getInt(2)))
            : Optional.empty();
      }
    }
  }

  /** False when the new SIREN belongs to another provider. */
  public boolean update(Connection c, long id, ProviderSpec p, Instant now) throws SQLException {
    try (var taken = c.prepareStatement("SELECT 1 FROM provider WHERE siren = ? AND id <> ?")) {
      taken.setString(1, p.siren());
      taken.setLong(2, id);
      try (var rows = taken.executeQuery()) {
        if (rows.next()) {
          return false;
        }
      }
    }
    try (var s =
        c.prepareStatement(
            """
            UPDATE provider SET name = ?, siren = ?, departements = ?, base_departement = ?,
              victim_types = ?, rsit_classes = ?, capacity = ?, on_call_247 = ?,
              opening_hours = ?, email = ?, webhook_url = ?, webhook_secret = ?, active = ?,
              updated_at = ?, version = version + 1
            WHERE id = ?
            """)) {
      int i = bind(c, s, p);
      s.setObject(i++, now.atOffset(ZoneOffset.UTC));
      s.setLong(i, id);
      s.executeUpdate();
    }
    try (var s = c.prepareStatement("DELETE FROM provider_label WHERE provider_id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
    writeLabels(c, id, p.labels());
    return true;
  }

  public Optional<Provider> get(Connection c, long id) throws SQLException {
    try (var s = c.prepareStatement(SELECT + " WHERE p.id = ?")) {
      s.setLong(1, id);
      try (var rows = s.executeQuery()) {
        return rows.next() ? Optional.of(map(rows)) : Optional.empty();
      }
    }
  }

  public List<Provider> page(Connection c, int page, int size, Boolean active) throws SQLException {
    try (var s =
        c.prepareStatement(
            SELECT
                + " WHERE (?::boolean IS NULL OR p.active = ?::boolean)"
                + " ORDER BY p.name, p.id LIMIT ? OFFSET ?")) {
      s.setObject(1, active);
      s.setObject(2, active);
      s.setInt(3, size);
      s.setLong(4, (long) page * size);
      List<Provider> out = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          out.add(map(rows));
        }
      }
      return out;
    }
  }

  public long count(Connection c, Boolean active) throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT count(*) FROM provider WHERE (?::boolean IS NULL OR active = ?::boolean)")) {
      s.setObject(1, active);
      s.setObject(2, active);
      try (var rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** Every provider with its live engagements, for a routing decision. */
  public List<Provider> all(Connection c) throws SQLException {
    return page(c, 0, Integer.MAX_VALUE, null);
  }

  /** Rotation: the provider was just proposed a case. */
  public void referred(Connection c, long id, Instant now) throws SQLException {
    try (var s =
        c.prepareStatement(
            "UPDATE provider SET last_referred_at = ?, referral_count = referral_count + 1"
                + " WHERE id = ?")) {
      s.setObject(1, now.atOffset(ZoneOffset.UTC));
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  private static int bind(Connection c, java.sql.PreparedStatement s, ProviderSpec p)
      throws SQLException {
    int i = 1;
    s.setString(i++, p.name());
    s.setString(i++, p.siren());
    s.setArray(i++, c.createArrayOf("text", p.departements().toArray()));
    s.setString(i++, p.baseDepartement());
    s.setArray(i++, c.createArrayOf("text", p.victimTypes().toArray()));
    s.setArray(i++, c.createArrayOf("text", p.rsitClasses().toArray()));
    s.setInt(i++, p.capacity());
    s.setBoolean(i++, p.onCall247());
    s.setArray(i++, c.createArrayOf("text", p.openingHours().toArray()));
    s.setString(i++, p.email());
    s.setString(i++, p.webhookUrl());
    s.setString(i++, p.webhookSecret());
    s.setBoolean(i++, p.active());
    return i;
  }

  private static void writeLabels(Connection c, long id, Map<LabelKind, LocalDate> labels)
      throws SQLException {
    if (labels.isEmpty()) {
      return;
    }
    try (var s =
        c.prepareStatement(
            "INSERT INTO provider_label (provider_id, kind, valid_until) VALUES (?, ?, ?)")) {
      for (var e : labels.entrySet()) {
        s.setLong(1, id);
        s.setString(2, e.getKey().name());
        s.setDate(3, Date.valueOf(e.getValue()));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  static Provider map(ResultSet rows) throws SQLException {
    String[] kinds = strings(rows.getArray(19));
    String[] until = strings(rows.getArray(20));
    List<Provider.Label> labels = new ArrayList<>();
    for (int i = 0; i < kinds.length; i++) {
      labels.add(new Provider.Label(LabelKind.valueOf(kinds[i]), LocalDate.parse(until[i])));
    }
    labels.sort(java.util.Comparator.comparing(Provider.Label::kind));
    OffsetDateTime last = rows.getObject(16, OffsetDateTime.class);
    return new Provider(
        rows.getLong(1),
        rows.getString(2),
        rows.getString(3),
        labels,
        Arrays.asList(strings(rows.getArray(4))),
        rows.getString(5),
        Arrays.asList(strings(rows.getArray(6))),
        Arrays.asList(strings(rows.getArray(7))),
        rows.getInt(8),
        rows.getBoolean(9),
        Arrays.asList(strings(rows.getArray(10))),
        rows.getString(11),
        rows.getString(12),
        rows.getBoolean(13),
        rows.getBoolean(14),
        rows.getInt(15),
        last == null ? null : last.toInstant(),
        rows.getInt(17),
        rows.getInt(18));
  }

  static String[] strings(Array array) throws SQLException {
    return array == null ? new String[0] : (String[]) array.getArray();
  }
}
