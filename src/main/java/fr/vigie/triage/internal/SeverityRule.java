package fr.vigie.triage.internal;

import fr.vigie.tickets.Incident;
import fr.vigie.triage.Criticality;
import fr.vigie.triage.ImpactLevel;
import fr.vigie.triage.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The severity matrix of DESIGN.md §5 and its two modifiers, each explained. */
public final class SeverityRule {

  /** Rows I0…I4, columns C1…C4. */
  private static final Severity[][] MATRIX = {
    {Severity.P4, Severity.P4, Severity.P4, Severity.P4},
    {Severity.P4, Severity.P4, Severity.P3, Severity.P3},
    {Severity.P3, Severity.P3, Severity.P2, Severity.P2},
    {Severity.P2, Severity.P2, Severity.P1, Severity.P1},
    {Severity.P1, Severity.P1, Severity.P1, Severity.P1},
  };

  static final Duration BANK_RECALL_WINDOW = Duration.ofHours(72);

  private SeverityRule() {}

  public static Severity matrix(ImpactLevel impact, Criticality criticality) {
    return MATRIX[impact.ordinal()][criticality.ordinal()];
  }

  public static Severity assess(
      ImpactLevel impact,
      Criticality criticality,
      Incident incident,
      Instant reportedAt,
      List<String> factors) {
    Severity severity = matrix(impact, criticality);
    factors.add("severity " + severity + " from the matrix (" + impact + " × " + criticality + ")");
    if (Boolean.TRUE.equals(incident.attackerStillPresent()) && severity != Severity.P1) {
      severity = Severity.values()[severity.ordinal() - 1];
      factors.add("+1: attacker still present → " + severity);
    }
    Incident.FundsTransfer funds = incident.fundsTransferred();
    if (funds != null
        && severity != Severity.P1
        && !funds.at().toInstant().isBefore(reportedAt.minus(BANK_RECALL_WINDOW))) {
      severity = Severity.P1;
      factors.add("P1: funds transferred less than 72 h ago, the bank may still recall them");
    }
    return severity;
  }
}
