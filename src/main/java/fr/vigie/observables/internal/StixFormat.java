package fr.vigie.observables.internal;

import fr.vigie.observables.Tlp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A STIX 2.1 bundle: the CSIRT's identity, the TLP 2.0 marking definitions used, one indicator per
 * observable with a STIX pattern, the cyber-observables (deterministic ids, as STIX 2.1 §2.9 asks)
 * and one observed-data per ticket, tied together by a report whose only words about the victims
 * are their category and département ({@code x_vigie_victims}). Phone numbers and IBANs have no
 * STIX cyber-observable: they go to MISP only.
 */
public final class StixFormat {

  /** STIX 2.1's namespace for the UUIDv5 of cyber-observable ids. */
  static final UUID SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

  /** OASIS's TLP 2.0 extension and the identity that publishes its marking definitions. */
  static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

  static final String TLP2_AUTHOR = "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01";

  private StixFormat() {}

  static String timestamp(Instant t) {
    return DateTimeFormatter.ISO_INSTANT
        .format(t.truncatedTo(ChronoUnit.MILLIS))
        .replaceFirst("(:[0-9]{2})Z$", "$1.000Z");
  }

  /** UUIDv5 (RFC 4122 §4.3) of {@code name} in {@code namespace}. */
  static UUID uuid5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      java.nio.ByteBuffer ns = java.nio.ByteBuffer.allocate(16);
      ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
      sha1.update(ns.array());
      byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h, 0, 16);
      return new UUID(b.getLong(), b.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** JSON string literal (the values are normalised, still escaped for safety). */
  static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (ch < 0x20) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A STIX pattern string literal: quote and backslash escaped (STIX 2.1 §9.4). */
  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** The cyber-observable of an observable and the pattern that matches it; null if none. */
  record Sco(Map<String, Object> object, String pattern) {}

  static Sco sco(ObservableStore.Row o) {
    String v = o.value();
    String type;
    String property = "value";
    Map<String, Object> sco = new LinkedHashMap<>();
    String idSource;
    String pattern;
    switch (o.type()) {
      case "DOMAIN" -> type = "domain-name";
      case "URL" -> type = "url";
      case "IP" -> type = v.contains(":") ? "ipv6-addr" : "ipv4-addr";
      case "EMAIL" -> type = "email-addr";
      case "HASH" -> {
        type = "file";
        property = null;
      }
      default -> {
        return null;
      }
    }
    sco.put("type", type);
    sco.put("spec_version", "2.1");
    if (property != null) {
      idSource = "{\"value\":" + json(v) + "}";
      pattern = "[" + type + ":value = " + literal(v) + "]";
      sco.put("id", type + "--" + uuid5(SCO_NAMESPACE, idSource));
      sco.put("value", v);
    } else {
      String algorithm =
          switch (Normalizer.hashAlgorithm(v)) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            default -> "SHA-512";
          };
      idSource = "{\"hashes\":{" + json(algorithm) + ":" + json(v) + "}}";
      pattern = "[file:hashes." + literal(algorithm) + " = " + literal(v) + "]";
      sco.put("id", "file--" + uuid5(SCO_NAMESPACE, idSource));
      sco.put("hashes", Map.of(algorithm, v));
    }
    return new Sco(sco, pattern);
  }

  static Map<String, Object> marking(Tlp tlp) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "marking-definition");
    m.put("spec_version", "2.1");
    m.put("id", tlp.stixMarkingId());
    m.put("created", "2022-10-01T00:00:00.000Z");
    m.put("created_by_ref", TLP2_AUTHOR);
    m.put("name", tlp.label());
    m.put(
        "extensions",
        Map.of(
            TLP2_EXTENSION,
            Map.of(
                "extension_type",
                "property-extension",
                "tlp_2_0",
                tlp.name().toLowerCase(java.util.Locale.ROOT).replace('_', '+'))));
    return m;
  }

  public static Map<String, Object> bundle(ExportInput in, Instant now) {
    String created = timestamp(in.created());
    String identity = "identity--" + uuid5(SCO_NAMESPACE, "vigie-csirt:" + in.organisation());
    List<Map<String, Object>> objects = new ArrayList<>();
    Map<String, Object> id = new LinkedHashMap<>();
    id.put("type", "identity");
    id.put("spec_version", "2.1");
    id.put("id", identity);
    id.put("created", "2026-01-01T00:00:00.000Z");
    id.put("modified", "2026-01-01T00:00:00.000Z");
    id.put("name", in.organisation());
    id.put("identity_class", "organization");
    id.put("sectors", List.of("government-regional"));
    objects.add(id);
    Set<Tlp> used = EnumSet.of(in.tlp());
    List<String> reportRefs = new ArrayList<>();
    Map<Long, List<String>> scoByTicket = new LinkedHashMap<>();
    Map<String, Map<String, Object>> scos = new LinkedHashMap<>();
    for (ObservableStore.Row o : in.observables()) {
      Sco sco = o.value() == null ? null : sco(o);
      if (sco == null) {
        continue;
      }
      used.add(o.tlp());
      String scoId = (String) sco.object().get("id");
      scos.putIfAbsent(scoId, sco.object());
      scoByTicket.computeIfAbsent(o.ticketId(), k -> new ArrayList<>()).add(scoId);
      Map<String, Object> indicator = new LinkedHashMap<>();
      indicator.put("type", "indicator");
      indicator.put("spec_version", "2.1");
      indicator.put("id", "indicator--" + o.uuid());
      indicator.put("created_by_ref", identity);
      indicator.put("created", timestamp(o.addedAt()));
      indicator.put("modified", timestamp(o.addedAt()));
      indicator.put("name", o.type().toLowerCase(java.util.Locale.ROOT) + " " + o.value());
      indicator.put(
          "indicator_types",
          List.of(
              o.flags().contains("PRIVATE_ADDRESS") ? "anomalous-activity" : "malicious-activity"));
      indicator.put("pattern", sco.pattern());
      indicator.put("pattern_type", "stix");
      indicator.put("valid_from", timestamp(o.addedAt()));
      indicator.put("object_marking_refs", List.of(o.tlp().stixMarkingId()));
      if (!o.tags().isEmpty()) {
        indicator.put("labels", o.tags());
      }
      objects.add(indicator);
      reportRefs.add((String) indicator.get("id"));
    }
    objects.addAll(scos.values());
    for (ExportInput.Victim v : in.victims()) {
      // One observed-data per victim's ticket: what that ticket saw.
      List<String> mine = scoRefsOf(in, v, scoByTicket);
      if (mine.isEmpty()) {
        continue;
      }
      Map<String, Object> od = new LinkedHashMap<>();
      od.put("type", "observed-data");
      od.put("spec_version", "2.1");
      od.put("id", "observed-data--" + uuid5(in.eventUuid(), "observed:" + v.reference()));
      od.put("created_by_ref", identity);
      od.put("created", timestamp(v.seen()));
      od.put("modified", timestamp(v.seen()));
      od.put("first_observed", timestamp(v.seen()));
      od.put("last_observed", timestamp(v.seen()));
      od.put("number_observed", 1);
      od.put("object_refs", mine);
      od.put("object_marking_refs", List.of(in.tlp().stixMarkingId()));
      objects.add(od);
      reportRefs.add((String) od.get("id"));
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("type", "report");
    report.put("spec_version", "2.1");
    report.put("id", "report--" + in.eventUuid());
    report.put("created_by_ref", identity);
    report.put("created", created);
    report.put("modified", timestamp(now));
    report.put("name", in.title());
    report.put("report_types", List.of("threat-report"));
    report.put("published", timestamp(now));
    if (!in.rsit().isEmpty()) {
      report.put("labels", in.rsit());
    }
    List<Map<String, Object>> victims = new ArrayList<>();
    for (ExportInput.Victim v : in.victims()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("category", v.category());
      if (v.departement() != null) {
        x.put("departement", v.departement());
      }
      victims.add(x);
    }
    report.put("x_vigie_victims", victims);
    report.put("x_vigie_pap", "PAP:" + in.pap());
    if (!in.recipients().isEmpty()) {
      report.put("x_vigie_recipients", in.recipients());
    }
    report.put("object_refs", reportRefs.isEmpty() ? List.of(identity) : reportRefs);
    report.put("object_marking_refs", List.of(in.tlp().stixMarkingId()));
    objects.add(report);
    for (Tlp tlp : used) {
      objects.add(marking(tlp));
    }
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("type", "bundle");
    bundle.put("id", "bundle--" + UUID.randomUUID());
    bundle.put("objects", objects);
    return bundle;
  }

  private static List<String> scoRefsOf(
      ExportInput in, ExportInput.Victim v, Map<Long, List<String>> scoByTicket) {
    for (ObservableStore.Row o : in.observables()) {
      if (v.reference().equals(in.references().get(o.ticketId()))) {
        return scoByTicket.getOrDefault(o.ticketId(), List.of()).stream().distinct().toList();
      }
    }
    return List.of();
  }
}
