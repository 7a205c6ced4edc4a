package fr.vigie.routing;

import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import java.util.Arrays;
import java.util.List;

/**
 * How a provider ends an engagement: the victim's systems are back ({@code RESOLVED}), partly
 * ({@code PARTIALLY_RESOLVED}), or the provider stops ({@code ABANDONED}, the referral becomes
 * ABANDONED and the analyst finds someone else).
 */
public enum ReferralOutcome {
  RESOLVED,
  PARTIALLY_RESOLVED,
  ABANDONED;

  ReferralState state() {
    return this == ABANDONED ? ReferralState.ABANDONED : ReferralState.COMPLETED;
  }

  static ReferralOutcome parse(String value) {
    for (ReferralOutcome o : values()) {
      if (o.name().equals(value)) {
        return o;
      }
    }
    throw ProblemException.invalid(
        List.of(
            new FieldError(
                "outcome",
                value == null
                    ? "is required: " + Arrays.toString(values())
                    : "expected one of " + Arrays.toString(values()))));
  }
}
