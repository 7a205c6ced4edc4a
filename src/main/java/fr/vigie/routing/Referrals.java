package fr.vigie.routing;

import fr.vigie.audit.Audit;
import fr.vigie.clocks.BusinessCalendar;
import fr.vigie.clocks.WeeklyHours;
import fr.vigie.db.Database;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.notify.Outbox;
import fr.vigie.routing.ReferralOptions.Option;
import fr.vigie.routing.RoutingRules.Candidate;
import fr.vigie.routing.RoutingRules.Decision;
import fr.vigie.routing.internal.ContractStore;
import fr.vigie.routing.internal.ProviderStore;
import fr.vigie.routing.internal.ReferralReader;
import fr.vigie.routing.internal.ReferralStore;
import fr.vigie.routing.internal.TicketFacts;
import fr.vigie.tickets.Activity;
import fr.vigie.tickets.TicketStatus;
import fr.vigie.tickets.Tickets;
import fr.vigie.tickets.VictimType;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Referrals from proposal to completion (DESIGN.md §6). Every change is one transaction: the
 * referral row, the ticket's status and timeline, the provider's rotation and the notifications to
 * send. A contract referral that is declined or expires goes to the next available rank by itself;
 * when no rank is left the ticket goes back to the analyst with a shortlist, and when nobody is
 * eligible it is flagged and the coordinators are told.
 *
 * <p>Locks are always taken referral first, then ticket, so a provider's answer and the sweeper
 * never deadlock.
 */
@Singleton
public final class Referrals {

  static final String SYSTEM = "vigie";

  private final Database database;
  private final Clock clock;
  private final BusinessCalendar calendar;
  private final RoutingSettings settings;
  private final ProviderStore providers;
  private final ContractStore contracts;
  private final ReferralStore referrals;
  private final ReferralReader reader;
  private final Tickets tickets;
  private final Activity activity;
  private final Outbox outbox;
  private final JsonMapper json;
  private final Audit audit;
  private final ReasonTexts texts;

  Referrals(
      Database database,
      Clock clock,
      BusinessCalendar calendar,
      RoutingSettings settings,
      ProviderStore providers,
      ContractStore contracts,
      ReferralStore referrals,
      ReferralReader reader,
      Tickets tickets,
      Activity activity,
      Outbox outbox,
      JsonMapper json,
      Audit audit,
      ReasonTexts texts) {
    this.texts = texts;
    this.database = database;
    this.clock = clock;
    this.calendar = calendar;
    this.settings = settings;
    this.providers = providers;
    this.contracts = contracts;
    this.referrals = referrals;
    this.reader = reader;
    this.tickets = tickets;
    this.activity = activity;
    this.outbox = outbox;
    this.json = json;
    this.audit = audit;
  }

  /**
   * The options for a ticket, stored as shown and audited (the stored shortlist is a write); empty
   * when there is no such ticket.
   */
  public Optional<ReferralOptions> options(String reference, String actor) {
    return database.inTransaction(
        c -> {
          Optional<TicketFacts> found = TicketFacts.read(c, reference, false);
          if (found.isEmpty()) {
            return Optional.empty();
          }
          TicketFacts t = found.get();
          Instant now = clock.instant();
          Decision decision = decide(c, t, now);
          long shortlist = store(c, t, decision, actor, now, null);
          audit.record(
              c,
              actor,
              "REFERRAL_OPTIONS_SHOWN",
              "ticket:" + t.reference(),
              Map.of("shortlist", shortlist, "mode", decision.mode().name()));
          if (decision.mode() == RoutingMode.NONE
              && referrals.live(c, t.id()).isEmpty()
              && recommendation(t).recommended()) {
            flag(c, t, now, Reason.of(Reason.Code.GAP_RECOMMENDED));
          }
          return Optional.of(answer(c, t, decision, shortlist));
        });
  }

  public List<Referral> ofTicket(String reference) {
    return database.read(
        c -> {
          TicketFacts t =
              TicketFacts.read(c, reference, false)
                  .orElseThrow(() -> ProblemException.notFound("Ticket"));
          return reader.ofTicket(c, t.id());
        });
  }

  /**
   * Proposes the ticket to {@code providerId}, which must be among its options now. 404 for an
   * unknown ticket, 409 when the ticket cannot be referred or already has a live referral, 422 when
   * the provider is not an option (with the reasons it is excluded).
   */
  public Referral propose(String reference, Long providerId, String actor) {
    if (providerId == null) {
      throw ProblemException.invalid(List.of(new FieldError("providerId", "is required")));
    }
    return database.inTransaction(
        c -> {
          TicketFacts t =
              TicketFacts.read(c, reference, true)
                  .orElseThrow(() -> ProblemException.notFound("Ticket"));
          if (t.status() != TicketStatus.QUALIFIED && t.status() != TicketStatus.REFERRED) {
            throw new ProblemException(
                HttpStatus.CONFLICT,
                "A "
                    + t.status()
                    + " ticket cannot be referred; qualify it first (QUALIFIED or REFERRED).",
                List.of(new FieldError("status", t.status().name())));
          }
          Optional<ReferralStore.Row> live = referrals.live(c, t.id());
          if (live.isPresent()) {
            throw new ProblemException(
                HttpStatus.CONFLICT,
                "This ticket already has a "
                    + live.get().state()
                    + " referral ("
                    + live.get().id()
                    + "); a victim is never sent to two providers at once.");
          }
          Instant now = clock.instant();
          Decision decision = decide(c, t, now);
          Option chosen =
              decision.options().stream()
                  .filter(o -> o.providerId() == providerId)
                  .findFirst()
                  .orElseThrow(() -> notAnOption(decision, providerId));
          if (decision.mode() == RoutingMode.CONTRACT && chosen != decision.options().get(0)) {
            throw ProblemException.invalid(
                List.of(
                    new FieldError(
                        "providerId",
                        "the public contract sends this ticket to its first available rank, "
                            + decision.options().get(0).name()
                            + " (rank "
                            + decision.options().get(0).rank()
                            + ")")));
          }
          long shortlist = store(c, t, decision, actor, now, providerId);
          long id = proposeIn(c, t, decision, chosen, shortlist, actor, now);
          return reader.get(c, id).orElseThrow();
        });
  }

  /** Provider user's answers. {@code providerId} is the caller's provider; others get a 404. */
  public Referral accept(long id, long providerId, String actor, String note) {
    return answer(id, providerId, actor, ReferralState.ACCEPTED, note, null);
  }

  public Referral decline(long id, long providerId, String actor, String note) {
    return answer(id, providerId, actor, ReferralState.DECLINED, note, null);
  }

  public Referral engaged(long id, long providerId, String actor, String note) {
    return answer(id, providerId, actor, ReferralState.ENGAGED, note, null);
  }

  public Referral complete(long id, long providerId, String actor, String note, String outcome) {
    return answer(id, providerId, actor, null, note, outcome);
  }

  private Referral answer(
      long id, long providerId, String actor, ReferralState to, String note, String outcome) {
    Runnable[] afterwards = new Runnable[1];
    Referral done =
        database.inTransaction(
            c -> {
              ReferralStore.Row r =
                  referrals
                      .lock(c, id)
                      .filter(row -> row.providerId() == providerId)
                      .orElseThrow(() -> ProblemException.notFound("Referral"));
              // Checked once the referral is known to be the caller's: others learn nothing.
              String text = ReferralNotes.check(note, to == ReferralState.DECLINED);
              ReferralOutcome result = to == null ? ReferralOutcome.parse(outcome) : null;
              ReferralState target = to != null ? to : result.state();
              TicketFacts t = TicketFacts.read(c, r.ticketId(), true).orElseThrow();
              Instant now = clock.instant();
              if (r.state() == ReferralState.PROPOSED && !now.isBefore(r.respondBy())) {
                expire(c, r, t, now);
                afterwards[0] =
                    () -> {
                      throw new ProblemException(
                          HttpStatus.CONFLICT,
                          "This proposal expired at "
                              + r.respondBy()
                              + "; the case went to the next provider.");
                    };
                return null;
              }
              if (!allowed(r.state(), target)) {
                throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "A " + r.state() + " referral cannot become " + target + ".",
                    List.of(new FieldError("state", r.state().name())));
              }
              apply(c, r, t, target, text, result, actor, now);
              return reader.get(c, id).orElseThrow();
            });
    if (afterwards[0] != null) {
      afterwards[0].run();
    }
    return done;
  }

  static boolean allowed(ReferralState from, ReferralState to) {
    return switch (from) {
      case PROPOSED -> to == ReferralState.ACCEPTED || to == ReferralState.DECLINED;
      case ACCEPTED -> to == ReferralState.ENGAGED || to == ReferralState.ABANDONED;
      case ENGAGED -> to == ReferralState.COMPLETED || to == ReferralState.ABANDONED;
      default -> false;
    };
  }

  private void apply(
      Connection c,
      ReferralStore.Row r,
      TicketFacts t,
      ReferralState to,
      String note,
      ReferralOutcome outcome,
      String actor,
      Instant now)
      throws SQLException {
    String provider = providers.get(c, r.providerId()).orElseThrow().name();
    switch (to) {
      case ACCEPTED -> {
        Instant contactBy =
            settings.firstContact(t.severity()).dueFrom(calendar, now, t.alsaceMoselle());
        referrals.move(c, r.id(), to, now, contactBy, note, null);
        referrals.clearGap(c, t.id());
        activity.recordIn(
            c,
            t.reference(),
            actor,
            "REFERRAL_ACCEPTED",
            "referral",
            r.id(),
            "provider",
            provider,
            "contactBy",
            contactBy.toString());
        notifyStaff(c, t, r.id(), "REFERRAL_ACCEPTED", provider, now);
      }
      case DECLINED -> {
        referrals.move(c, r.id(), to, now, null, note, null);
        activity.recordIn(
            c,
            t.reference(),
            actor,
            "REFERRAL_DECLINED",
            "referral",
            r.id(),
            "provider",
            provider,
            "reason",
            note);
        afterRefusal(c, r, t, now);
      }
      case ENGAGED -> {
        referrals.move(c, r.id(), to, now, null, note, null);
        activity.recordIn(
            c, t.reference(), actor, "REFERRAL_ENGAGED", "referral", r.id(), "provider", provider);
        tickets.moveIn(
            c,
            t.reference(),
            TicketStatus.IN_PROGRESS,
            Reason.of(Reason.Code.PROVIDER_ENGAGED, provider).english(),
            actor);
      }
      default -> {
        referrals.move(c, r.id(), to, now, null, note, outcome.name());
        activity.recordIn(
            c,
            t.reference(),
            actor,
            to == ReferralState.COMPLETED ? "REFERRAL_COMPLETED" : "REFERRAL_ABANDONED",
            "referral",
            r.id(),
            "provider",
            provider,
            "outcome",
            outcome.name());
        notifyStaff(c, t, r.id(), "REFERRAL_" + to.name(), provider, now);
      }
    }
  }

  /**
   * The sweeper's work: proposals past their answer time expire (and cascade), late first contacts
   * are reported once. Returns how many referrals it handled.
   */
  public int sweep(int batch) {
    return database.inTransaction(
        c -> {
          Instant now = clock.instant();
          int handled = 0;
          for (long id : referrals.claimExpired(c, now, batch)) {
            ReferralStore.Row r = referrals.lock(c, id).orElseThrow();
            TicketFacts t = TicketFacts.read(c, r.ticketId(), true).orElseThrow();
            expire(c, r, t, now);
            handled++;
          }
          for (long id : referrals.claimContactLate(c, now, batch)) {
            ReferralStore.Row r = referrals.lock(c, id).orElseThrow();
            TicketFacts t = TicketFacts.read(c, r.ticketId(), false).orElseThrow();
            referrals.contactLateNotified(c, id);
            String provider = providers.get(c, r.providerId()).orElseThrow().name();
            activity.recordIn(
                c,
                t.reference(),
                SYSTEM,
                "REFERRAL_CONTACT_LATE",
                "referral",
                id,
                "provider",
                provider,
                "contactBy",
                r.contactBy().toString());
            notify(
                c,
                "referral:" + id + ":contact-late",
                "REFERRAL_CONTACT_LATE",
                t,
                Outbox.Recipient.role("COORDINATOR"),
                payload(t, "provider", provider, "contactBy", r.contactBy().toString()),
                now);
            handled++;
          }
          return handled;
        });
  }

  private void expire(Connection c, ReferralStore.Row r, TicketFacts t, Instant now)
      throws SQLException {
    referrals.move(c, r.id(), ReferralState.EXPIRED, now, null, null, null);
    String provider = providers.get(c, r.providerId()).orElseThrow().name();
    activity.recordIn(
        c,
        t.reference(),
        SYSTEM,
        "REFERRAL_EXPIRED",
        "referral",
        r.id(),
        "provider",
        provider,
        "respondBy",
        r.respondBy().toString());
    afterRefusal(c, r, t, now);
  }

  /** After a decline or an expiry: the next contract rank, or back to the analyst. */
  private void afterRefusal(Connection c, ReferralStore.Row r, TicketFacts t, Instant now)
      throws SQLException {
    Decision decision = decide(c, t, now);
    if ("CONTRACT".equals(r.mode()) && decision.mode() == RoutingMode.CONTRACT) {
      long shortlist = store(c, t, decision, SYSTEM, now, decision.options().get(0).providerId());
      proposeIn(c, t, decision, decision.options().get(0), shortlist, SYSTEM, now);
      return;
    }
    tickets.moveIn(
        c,
        t.reference(),
        TicketStatus.QUALIFIED,
        Reason.of(Reason.Code.FELL_THROUGH).english(),
        SYSTEM);
    long shortlist = store(c, t, decision, SYSTEM, now, null);
    if (decision.mode() == RoutingMode.NONE) {
      flag(c, t, now, Reason.of(Reason.Code.GAP_AFTER_REFUSAL));
    } else {
      activity.recordIn(
          c,
          t.reference(),
          SYSTEM,
          "REFERRAL_CHOICE_NEEDED",
          "mode",
          decision.mode().name(),
          "shortlist",
          shortlist);
      notify(
          c,
          "referral:" + r.id() + ":choice-needed",
          "REFERRAL_CHOICE_NEEDED",
          t,
          staff(t),
          payload(t, "mode", decision.mode().name()),
          now);
    }
  }

  private long proposeIn(
      Connection c,
      TicketFacts t,
      Decision decision,
      Option chosen,
      long shortlist,
      String actor,
      Instant now)
      throws SQLException {
    Instant respondBy = settings.acceptance(t.severity()).dueFrom(calendar, now, t.alsaceMoselle());
    boolean contract = decision.mode() == RoutingMode.CONTRACT;
    long id =
        referrals.insert(
            c,
            t.id(),
            chosen.providerId(),
            contract ? "CONTRACT" : "SHORTLIST",
            contract ? decision.contract().id() : null,
            contract ? chosen.rank() : null,
            shortlist,
            write(chosen.reasons()),
            actor,
            now,
            respondBy);
    providers.referred(c, chosen.providerId(), now);
    if (t.status() == TicketStatus.QUALIFIED) {
      tickets.moveIn(
          c,
          t.reference(),
          TicketStatus.REFERRED,
          Reason.of(Reason.Code.REFERRED_TO, chosen.name()).english(),
          actor);
    }
    activity.recordIn(
        c,
        t.reference(),
        actor,
        "REFERRAL_PROPOSED",
        "referral",
        id,
        "providerId",
        chosen.providerId(),
        "provider",
        chosen.name(),
        "mode",
        contract ? "CONTRACT" : "SHORTLIST",
        "rank",
        chosen.rank(),
        "respondBy",
        respondBy.toString(),
        "reasons",
        String.join("; ", chosen.reasons()));
    Map<String, Object> payload =
        payload(t, "referral", id, "provider", chosen.name(), "respondBy", respondBy.toString());
    Outbox.Recipient to = Outbox.Recipient.provider(chosen.providerId());
    outbox.add(
        c,
        "referral:" + id + ":proposed:email",
        Outbox.Channel.EMAIL,
        "REFERRAL_PROPOSED",
        t.id(),
        to,
        payload,
        now);
    if (providers.get(c, chosen.providerId()).orElseThrow().webhookUrl() != null) {
      outbox.add(
          c,
          "referral:" + id + ":proposed:webhook",
          Outbox.Channel.WEBHOOK,
          "REFERRAL_PROPOSED",
          t.id(),
          to,
          payload,
          now);
    }
    return id;
  }

  private void flag(Connection c, TicketFacts t, Instant now, Reason why) throws SQLException {
    String reason = why.english();
    if (referrals.flagGap(c, t.id(), now, reason)) {
      activity.recordIn(c, t.reference(), SYSTEM, "ROUTING_GAP", "reason", reason);
      notify(
          c,
          "routing-gap:" + t.id() + ":" + now.toEpochMilli(),
          "ROUTING_GAP",
          t,
          Outbox.Recipient.role("COORDINATOR"),
          // The coordinators' e-mail quotes it: in French (the timeline keeps the stored code).
          payload(t, "reason", texts.say(why)),
          now);
    }
  }

  Decision decide(Connection c, TicketFacts t, Instant now) throws SQLException {
    ZonedDateTime local = now.atZone(calendar.zone());
    LocalDate today = local.toLocalDate();
    List<Candidate> candidates = providers.all(c).stream().map(p -> candidate(p, local)).toList();
    List<RoutingRules.Contract> covering =
        t.departement() == null
            ? List.of()
            : contracts.covering(c, t.departement(), t.victimType().name(), today).stream()
                .map(
                    k ->
                        new RoutingRules.Contract(
                            k.id(),
                            k.name(),
                            k.providers().stream().map(Contract.Rank::providerId).toList()))
                .toList();
    return RoutingRules.decide(
        new RoutingRules.Case(
            t.departement(),
            t.victimType(),
            t.rsitClass(),
            t.severity(),
            today,
            referrals.tried(c, t.id())),
        candidates,
        covering);
  }

  private static Candidate candidate(Provider p, ZonedDateTime now) {
    Map<LabelKind, LocalDate> labels = new EnumMap<>(LabelKind.class);
    p.labels().forEach(l -> labels.put(l.kind(), l.validUntil()));
    boolean onCall =
        p.onCall247()
            || WeeklyHours.isOpen(
                WeeklyHours.parse(p.openingHours()), now.getDayOfWeek(), now.toLocalTime());
    return new Candidate(
        p.id(),
        p.name(),
        p.active(),
        labels,
        new HashSet<>(p.departements()),
        p.baseDepartement(),
        p.victimTypes().stream()
            .map(VictimType::valueOf)
            .collect(java.util.stream.Collectors.toCollection(HashSet::new)),
        new HashSet<>(p.rsitClasses()),
        p.capacity(),
        p.openEngagements(),
        onCall,
        p.lastReferredAt());
  }

  private long store(
      Connection c, TicketFacts t, Decision d, String actor, Instant now, Long chosen)
      throws SQLException {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("mode", d.mode().name());
    answer.put("contractId", d.contract() == null ? null : d.contract().id());
    answer.put("options", d.options());
    answer.put("excluded", d.excluded());
    answer.put("chosenProviderId", chosen);
    return referrals.saveShortlist(c, t.id(), now, actor, d.mode().name(), write(answer));
  }

  private ReferralOptions answer(Connection c, TicketFacts t, Decision d, long shortlist)
      throws SQLException {
    RoutingRules.Recommendation rec = recommendation(t);
    return new ReferralOptions(
        t.reference(),
        rec.recommended(),
        rec.reason(),
        d.mode(),
        d.contract() == null ? null : d.contract().id(),
        d.contract() == null ? null : d.contract().name(),
        d.options(),
        d.excluded(),
        shortlist,
        referrals.gap(c, t.id()).orElse(null),
        rec.why());
  }

  private static RoutingRules.Recommendation recommendation(TicketFacts t) {
    return RoutingRules.recommend(t.inConstituency(), t.kind(), t.impact(), t.hasItProvider());
  }

  private static ProblemException notAnOption(Decision d, long providerId) {
    String why =
        d.excluded().stream()
            .filter(e -> e.providerId() == providerId)
            .findFirst()
            .map(e -> "not eligible: " + String.join("; ", e.reasons()))
            .orElse("no such provider");
    return ProblemException.invalid(List.of(new FieldError("providerId", why)));
  }

  private void notifyStaff(
      Connection c, TicketFacts t, long referral, String topic, String provider, Instant now)
      throws SQLException {
    notify(
        c,
        "referral:" + referral + ":" + topic.toLowerCase(java.util.Locale.ROOT),
        topic,
        t,
        staff(t),
        payload(t, "provider", provider),
        now);
  }

  /** The ticket's assignee, or the coordinators when nobody is assigned. */
  private static Outbox.Recipient staff(TicketFacts t) {
    return t.assignee() == null
        ? Outbox.Recipient.role("COORDINATOR")
        : Outbox.Recipient.user(t.assignee());
  }

  private void notify(
      Connection c,
      String key,
      String topic,
      TicketFacts t,
      Outbox.Recipient to,
      Map<String, Object> payload,
      Instant now)
      throws SQLException {
    outbox.add(c, key, Outbox.Channel.EMAIL, topic, t.id(), to, payload, now);
  }

  /** What a message needs: the reference and the case's shape, never a name or a contact. */
  private static Map<String, Object> payload(TicketFacts t, Object... pairs) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("reference", t.reference());
    p.put("severity", t.severity() == null ? null : t.severity().name());
    p.put("victimType", t.victimType().name());
    p.put("departement", t.departement());
    for (int i = 0; i < pairs.length; i += 2) {
      p.put((String) pairs[i], pairs[i + 1] == null ? null : String.valueOf(pairs[i + 1]));
    }
    return p;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
