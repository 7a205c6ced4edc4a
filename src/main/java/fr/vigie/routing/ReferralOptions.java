package fr.vigie.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * Who can take a ticket, in order, and who cannot and why (DESIGN.md §6). {@code recommended} says
 * whether §6 proposes a referral for this ticket at all; an analyst may ask for one anyway. {@code
 * shortlistId} is the stored record of what was shown; {@code gap} is set while the ticket needs a
 * provider and nobody eligible is left. Every English sentence ({@code recommendation}, {@code
 * reasons}, the gap's {@code reason}) has its {@link Reason} beside it ({@code recommendationWhy},
 * {@code why}): a code and its arguments, which the pages say in French (DESIGN.md §12).
 */
@Serdeable
public record ReferralOptions(
    String reference,
    boolean recommended,
    String recommendation,
    RoutingMode mode,
    @Nullable Long contractId,
    @Nullable String contractName,
    List<Option> options,
    List<Exclusion> excluded,
    @Nullable Long shortlistId,
    @Nullable Gap gap,
    Reason recommendationWhy) {

  /** An eligible provider; {@code rank} is the contract's rank or the position in the shortlist. */
  @Serdeable
  public record Option(
      long providerId, String name, int rank, List<String> reasons, List<Reason> why) {

    static Option of(long providerId, String name, int rank, List<Reason> why) {
      return new Option(providerId, name, rank, Reason.english(why), List.copyOf(why));
    }
  }

  /** A provider that cannot take this ticket now, with every reason that rules it out. */
  @Serdeable
  public record Exclusion(long providerId, String name, List<String> reasons, List<Reason> why) {

    static Exclusion of(long providerId, String name, List<Reason> why) {
      return new Exclusion(providerId, name, Reason.english(why), List.copyOf(why));
    }
  }

  /**
   * The ticket was flagged: it needs a provider and none is eligible. {@code why} is null only for
   * a sentence routing no longer writes.
   */
  @Serdeable
  public record Gap(Instant flaggedAt, String reason, @Nullable Reason why) {

    public static Gap of(Instant flaggedAt, String reason) {
      return new Gap(flaggedAt, reason, Reason.parse(reason).orElse(null));
    }
  }
}
