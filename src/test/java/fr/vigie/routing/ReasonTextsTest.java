package fr.vigie.routing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.routing.ReferralOptions.Gap;
import fr.vigie.routing.RoutingRules.Candidate;
import fr.vigie.routing.RoutingRules.Case;
import fr.vigie.routing.RoutingRules.Decision;
import fr.vigie.tickets.ImpactLevel;
import fr.vigie.tickets.Severity;
import fr.vigie.tickets.TicketKind;
import fr.vigie.tickets.VictimType;
import fr.vigie.web.Messages;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Routing's reasons keep their English sentences for the API and are said in French on the pages,
 * every code from the one catalogue (DESIGN.md §12).
 */
class ReasonTextsTest {

  static final Messages MESSAGES = new Messages();
  static final ReasonTexts FRENCH = new ReasonTexts(MESSAGES, ZoneId.of("Europe/Paris"));
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  static final Instant MORNING = Instant.parse("2026-11-23T09:00:00Z");

  /** Words of the English sentences that must not be left on a French page. */
  static final Pattern ENGLISH =
      Pattern.compile(
          "\\b(rank|ranked|of|does not|valid on|valid until|engagements open|expired on|based in"
              + "|covers|from|never|last referred|on call|declined|abandoned|inactive|holds"
              + "|shortlist|victims|the|and|an incident|impact below|provider|is|no|not)\\b"
              + "|T\\d\\d:\\d\\d|\\d{4}-\\d\\d-\\d\\d|PRIS_|EXPERTCYBER|ETABLISSEMENT_|ENTREPRISE"
              + "|ASSOCIATION\\b");

  /** One reason of every code, its arguments as routing gives them. */
  static Reason sample(Reason.Code code) {
    List<Object> args = new ArrayList<>();
    if (code == Reason.Code.LABELS_EXPIRED) {
      return new Reason(
          code, List.of("2026-11-23", "EXPERTCYBER", "2026-11-22", "PRIS_ELEVE", "2026-01-31"));
    }
    for (Reason.Arg kind : code.args()) {
      args.add(
          switch (kind) {
            case TEXT -> "29";
            case DATE -> TODAY;
            case INSTANT -> MORNING;
            case LABEL -> LabelKind.PRIS_ELEVE;
            case VICTIM_TYPE -> VictimType.ETABLISSEMENT_PUBLIC;
            case RSIT_CLASS -> "availability";
          });
    }
    return Reason.of(code, args.toArray());
  }

  @ParameterizedTest
  @EnumSource(Reason.Code.class)
  void everyCodeIsSaidInFrenchFromTheCatalogue(Reason.Code code) {
    assertThat(MESSAGES.find(ReasonTexts.PREFIX + code)).as(code.name()).isNotNull();
    String french = FRENCH.say(sample(code));
    assertThat(french)
        .as(code.name())
        .isNotBlank()
        .doesNotContain("{")
        .isNotEqualTo(sample(code).english());
    assertThat(ENGLISH.matcher(french).find()).as("%s: %s", code, french).isFalse();
  }

  @Test
  void argumentsAreSaidInFrenchAndParisTime() {
    assertThat(FRENCH.say(Reason.of(Reason.Code.CONTRACT_RANK, 1, "Marché 29")))
        .isEqualTo("rang 1 du marché public « Marché 29 »");
    assertThat(FRENCH.say(Reason.of(Reason.Code.LABEL_VALID, LabelKind.PRIS_ELEVE, TODAY)))
        .isEqualTo("PRIS (niveau élevé), valide jusqu'au 23 nov. 2026");
    assertThat(FRENCH.say(Reason.declined(MORNING)))
        .isEqualTo("a refusé ce ticket le 23 nov. 2026 à 10:00");
    assertThat(FRENCH.say(sample(Reason.Code.LABELS_EXPIRED)))
        .isEqualTo(
            "aucun label valide le 23 nov. 2026 (ExpertCyber expiré le 22 nov. 2026,"
                + " PRIS (niveau élevé) expiré le 31 janv. 2026)");
    assertThat(FRENCH.say(Reason.of(Reason.Code.VICTIM_TYPE_NOT_SERVED, VictimType.ASSOCIATION)))
        .isEqualTo("n'accompagne pas ce type de victime (Association)");
    assertThat(FRENCH.say(Reason.of(Reason.Code.RSIT_CLASS_NOT_HANDLED, "availability")))
        .isEqualTo("ne traite pas la classe RSIT « Disponibilité »");
  }

  @Test
  void theEnglishIsWhatTheApiAlwaysSaid() {
    Candidate firm =
        new Candidate(
            1,
            "A",
            false,
            Map.of(
                LabelKind.PRIS_ELEVE,
                TODAY.minusDays(1),
                LabelKind.EXPERTCYBER,
                TODAY.minusDays(2)),
            Set.of("35"),
            "35",
            Set.of(VictimType.ENTREPRISE),
            Set.of("fraud"),
            2,
            2,
            false,
            null);
    Case c =
        new Case(
            "29",
            VictimType.ASSOCIATION,
            "availability",
            Severity.P1,
            TODAY,
            Map.of(1L, Reason.expired(MORNING)));
    Decision d = RoutingRules.decide(c, List.of(firm), List.of());
    assertThat(d.excluded().get(0).reasons())
        .containsExactly(
            "did not answer in time on this ticket (expired at 2026-11-23T09:00:00Z)",
            "inactive",
            "no label valid on 2026-11-23 (EXPERTCYBER expired on 2026-11-21, PRIS_ELEVE expired"
                + " on 2026-11-22)",
            "does not cover département 29",
            "does not serve ASSOCIATION victims",
            "does not handle RSIT class availability",
            "no free capacity (2 of 2 engagements open)",
            "a P1 needs a provider on call now; this one is closed and has no 24/7 service");
    assertThat(FRENCH.say(d.excluded().get(0).why()))
        .isEqualTo(
            "n'a pas répondu à temps sur ce ticket (proposition expirée le 23 nov. 2026 à 10:00) ;"
                + " inactif ; aucun label valide le 23 nov. 2026 (ExpertCyber expiré le 21 nov."
                + " 2026, PRIS (niveau élevé) expiré le 22 nov. 2026) ; n'intervient pas dans le"
                + " département 29 ; n'accompagne pas ce type de victime (Association) ; ne traite"
                + " pas la classe RSIT « Disponibilité » ; aucune capacité libre (engagements en"
                + " cours : 2 sur 2) ; une P1 demande un prestataire joignable maintenant ;"
                + " celui-ci est fermé et n'a pas d'astreinte 24 h/24");
    assertThat(RoutingRules.recommend(true, TicketKind.INCIDENT, ImpactLevel.I2, null).reason())
        .isEqualTo("an incident with impact I2 and no known IT provider");
    assertThat(RoutingRules.recommend(true, TicketKind.INCIDENT, ImpactLevel.I3, true).reason())
        .isEqualTo("an incident with impact I3");
  }

  @Test
  void storedSentencesAreReadBackAndOnlyThose() {
    assertThat(Reason.parse("referred to Armor Cyber (22)"))
        .contains(new Reason(Reason.Code.REFERRED_TO, List.of("Armor Cyber (22)")));
    assertThat(FRENCH.stored("no eligible provider is left after a refusal"))
        .isEqualTo("plus aucun prestataire éligible après un refus");
    assertThat(FRENCH.stored("the referral fell through"))
        .isEqualTo("l'orientation n'a pas abouti");
    assertThat(FRENCH.stored("Pas de réponse du standard")).isEqualTo("Pas de réponse du standard");
    Gap gap = Gap.of(MORNING, Reason.of(Reason.Code.GAP_RECOMMENDED).english());
    assertThat(gap.why()).isEqualTo(Reason.of(Reason.Code.GAP_RECOMMENDED));
    assertThat(Gap.of(MORNING, "something else").why()).isNull();
  }

  @Test
  void aNameIsSaidAsItIsWritten() {
    Reason odd = Reason.of(Reason.Code.CONTRACT_RANK, 2, "Marché {1} $1 l'été");
    assertThat(odd.english()).isEqualTo("rank 2 of public contract 'Marché {1} $1 l'été'");
    assertThat(FRENCH.say(odd)).isEqualTo("rang 2 du marché public « Marché {1} $1 l'été »");
  }
}
