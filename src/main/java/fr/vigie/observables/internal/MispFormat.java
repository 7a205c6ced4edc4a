package fr.vigie.observables.internal;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MISP event in MISP core format ({@code {"Event": {…}}}): attributes typed and categorised as
 * MISP's describeTypes lists them, {@code to_ids} for what a sensor can block, TLP and PAP tags,
 * RSIT tags, the victims as category and département tags. Never a name, a contact or free text.
 */
public final class MispFormat {

  private MispFormat() {}

  /** MISP type and category of an observable; null when MISP has none for it. */
  static String[] typeAndCategory(String type, String value) {
    return switch (type) {
      case "DOMAIN" -> new String[] {"domain", "Network activity"};
      case "URL" -> new String[] {"url", "Network activity"};
      case "IP" -> new String[] {"ip-dst", "Network activity"};
      case "EMAIL" -> new String[] {"email-src", "Payload delivery"};
      case "PHONE" -> new String[] {"phone-number", "Other"};
      case "IBAN" -> new String[] {"iban", "Financial fraud"};
      case "HASH" -> new String[] {Normalizer.hashAlgorithm(value), "Payload delivery"};
      default -> null;
    };
  }

  public static Map<String, Object> attribute(ObservableStore.Row o) {
    String[] tc = typeAndCategory(o.type(), o.value());
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("uuid", o.uuid().toString());
    a.put("type", tc[0]);
    a.put("category", tc[1]);
    a.put("value", o.value());
    a.put(
        "to_ids",
        !o.flags().contains("PRIVATE_ADDRESS") && !List.of("PHONE", "IBAN").contains(o.type()));
    // 5: the event's distribution decides.
    a.put("distribution", "5");
    a.put("timestamp", String.valueOf(o.addedAt().getEpochSecond()));
    List<Map<String, Object>> tags = new ArrayList<>();
    tags.add(Map.of("name", o.tlp().mispTag()));
    for (String flag : o.flags()) {
      if ("HOMOGRAPH".equals(flag)) {
        tags.add(Map.of("name", "vigie:flag=\"homograph\""));
      }
    }
    a.put("Tag", tags);
    return a;
  }

  /** Whether MISP has a type for this observable. */
  public static boolean exportable(ObservableStore.Row o) {
    return o.value() != null && typeAndCategory(o.type(), o.value()) != null;
  }

  public static Map<String, Object> event(ExportInput in) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("uuid", in.eventUuid().toString());
    e.put("info", in.title());
    e.put("date", in.created().atOffset(ZoneOffset.UTC).toLocalDate().toString());
    e.put("timestamp", String.valueOf(in.lastSeen().getEpochSecond()));
    e.put("threat_level_id", "2");
    e.put("analysis", "1");
    // 1: this community; 0 (the organisation only) when the recipients are named by hand.
    e.put("distribution", in.recipients().isEmpty() ? "1" : "0");
    e.put("published", false);
    e.put("Orgc", Map.of("name", in.organisation()));
    List<Map<String, Object>> tags = new ArrayList<>();
    tags.add(Map.of("name", in.tlp().mispTag()));
    tags.add(Map.of("name", "PAP:" + in.pap()));
    for (String rsit : in.rsit()) {
      tags.add(Map.of("name", rsit));
    }
    for (ExportInput.Victim v : in.victims()) {
      tags.add(Map.of("name", "vigie:victim-category=\"" + v.category() + "\""));
      if (v.departement() != null) {
        tags.add(Map.of("name", "vigie:departement=\"" + v.departement() + "\""));
      }
    }
    for (String r : in.recipients()) {
      tags.add(Map.of("name", "vigie:recipient=\"" + r + "\""));
    }
    e.put("Tag", tags.stream().distinct().toList());
    List<Map<String, Object>> attributes = new ArrayList<>();
    for (ObservableStore.Row o : in.observables()) {
      if (exportable(o)) {
        attributes.add(attribute(o));
      }
    }
    e.put("Attribute", attributes);
    return Map.of("Event", e);
  }
}
