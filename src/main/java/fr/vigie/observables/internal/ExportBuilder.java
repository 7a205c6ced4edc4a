package fr.vigie.observables.internal;

import fr.vigie.observables.Tlp;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Gathers what a ticket's or a campaign's export may carry. An observable's TLP is the stricter of
 * its own and its ticket's; AMBER+STRICT and RED observables are left out unless recipients are
 * named, and so is anything that is not a normalised, unretracted technical value.
 */
public final class ExportBuilder {

  /** Namespace of Vigie's event UUIDs: one subject, one event, whatever exports it. */
  static final UUID EVENTS = UUID.fromString("3f0c2f5e-6d0b-5a3e-9a63-8b7f0e2c1d44");

  private ExportBuilder() {}

  public static UUID eventUuid(String organisation, String subject) {
    return StixFormat.uuid5(EVENTS, organisation + "|" + subject);
  }

  record TicketRow(
      long id,
      String reference,
      String category,
      String departement,
      Instant created,
      Tlp tlp,
      String rsit) {}

  private static List<TicketRow> tickets(Connection c, String where, Object key)
      throws SQLException {
    try (var s =
        c.prepareStatement(
            "SELECT t.id, t.reference, v.type, v.departement, t.created_at, t.tlp, t.rsit_class,"
                + " t.rsit_type FROM ticket t JOIN victim v ON v.ticket_id = t.id WHERE "
                + where
                + " ORDER BY t.created_at, t.id")) {
      s.setObject(1, key);
      List<TicketRow> out = new ArrayList<>();
      try (var r = s.executeQuery()) {
        while (r.next()) {
          Tlp tlp = Tlp.parse(r.getString(6));
          out.add(
              new TicketRow(
                  r.getLong(1),
                  r.getString(2),
                  Categories.of(r.getString(3)),
                  r.getString(4),
                  r.getObject(5, OffsetDateTime.class).toInstant(),
                  tlp == null ? Tlp.AMBER : tlp,
                  r.getString(7) == null
                      ? null
                      : "rsit:" + r.getString(7) + "=\"" + r.getString(8) + "\""));
        }
      }
      return out;
    }
  }

  /** Thrown when the subject itself is AMBER+STRICT or RED and nobody is named. */
  public static final class RecipientsRequired extends RuntimeException {
    public RecipientsRequired(Tlp tlp) {
      super(tlp.label());
    }
  }

  public static Optional<ExportInput> forTicket(
      Connection c, String reference, List<String> recipients, String organisation, String pap)
      throws SQLException {
    List<TicketRow> rows = tickets(c, "t.reference = ?", reference);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    TicketRow t = rows.get(0);
    if (!t.tlp().shareable() && recipients.isEmpty()) {
      throw new RecipientsRequired(t.tlp());
    }
    return Optional.of(
        build(
            c,
            "ticket:" + reference,
            "Vigie " + reference,
            rows,
            t.tlp(),
            recipients,
            organisation,
            pap));
  }

  public static Optional<ExportInput> forCampaign(
      Connection c, long id, List<String> recipients, String organisation, String pap)
      throws SQLException {
    try (var s = c.prepareStatement("SELECT 1 FROM campaign WHERE id = ?")) {
      s.setLong(1, id);
      try (var r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
      }
    }
    List<TicketRow> rows =
        tickets(c, "t.id IN (SELECT ticket_id FROM campaign_ticket WHERE campaign_id = ?)", id);
    return Optional.of(
        build(
            c,
            "campaign:" + id,
            "Vigie campagne " + id,
            rows,
            Tlp.AMBER,
            recipients,
            organisation,
            pap));
  }

  private static ExportInput build(
      Connection c,
      String subject,
      String name,
      List<TicketRow> tickets,
      Tlp base,
      List<String> recipients,
      String organisation,
      String pap)
      throws SQLException {
    Map<Long, TicketRow> byId = new LinkedHashMap<>();
    Map<Long, String> references = new LinkedHashMap<>();
    for (TicketRow t : tickets) {
      byId.put(t.id(), t);
      references.put(t.id(), t.reference());
    }
    Tlp tlp = base;
    List<ObservableStore.Row> kept = new ArrayList<>();
    for (ObservableStore.Row o : ObservableStore.rows(c, new ArrayList<>(byId.keySet()))) {
      if (o.value() == null || o.retractedAt() != null || "OTHER".equals(o.type())) {
        continue;
      }
      Tlp effective = CampaignReader.stricter(o.tlp(), byId.get(o.ticketId()).tlp());
      if (!effective.shareable() && recipients.isEmpty()) {
        continue;
      }
      tlp = CampaignReader.stricter(tlp, effective);
      kept.add(
          new ObservableStore.Row(
              o.id(),
              o.uuid(),
              o.ticketId(),
              o.type(),
              o.raw(),
              o.value(),
              o.problem(),
              o.flags(),
              effective,
              o.tags(),
              o.source(),
              o.addedBy(),
              o.addedAt(),
              o.retractedAt(),
              o.retractedBy(),
              o.retractionReason()));
    }
    List<ExportInput.Victim> victims = new ArrayList<>();
    List<String> rsit = new ArrayList<>();
    for (TicketRow t : tickets) {
      victims.add(
          new ExportInput.Victim(t.reference(), t.category(), t.departement(), t.created()));
      if (t.rsit() != null && !rsit.contains(t.rsit())) {
        rsit.add(t.rsit());
      }
    }
    Instant first = tickets.isEmpty() ? Instant.EPOCH : tickets.get(0).created();
    Instant last = tickets.isEmpty() ? Instant.EPOCH : tickets.get(tickets.size() - 1).created();
    for (ObservableStore.Row o : kept) {
      if (o.addedAt().isAfter(last)) {
        last = o.addedAt();
      }
    }
    String where =
        victims.stream()
            .map(v -> v.category() + (v.departement() == null ? "" : " (" + v.departement() + ")"))
            .distinct()
            .reduce((a, b) -> a + ", " + b)
            .orElse("");
    String title = name + (rsit.isEmpty() ? "" : " — " + String.join(", ", rsit)) + " — " + where;
    return new ExportInput(
        subject,
        title,
        eventUuid(organisation, subject),
        first,
        first,
        last,
        tlp,
        pap,
        rsit,
        victims,
        kept,
        references,
        recipients,
        organisation);
  }
}
