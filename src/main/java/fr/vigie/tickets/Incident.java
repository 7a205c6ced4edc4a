package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** The facts of the incident as the victim reported them; unknown answers stay null. */
@Serdeable
public record Incident(
    Threat threat,
    OffsetDateTime discoveredAt,
    @Nullable Boolean ongoing,
    @Nullable Boolean attackerStillPresent,
    @Nullable ServiceImpact serviceImpact,
    List<AffectedService> affectedServices,
    @Nullable Scope scope,
    @Nullable PersonalData personalData,
    @Nullable Boolean dataExfiltrated,
    @Nullable Boolean ransomDemanded,
    @Nullable FundsTransfer fundsTransferred,
    @Nullable String description,
    List<Observable> observables) {

  /** Money that left the victim's account: the bank recall window starts at {@code at}. */
  @Serdeable
  public record FundsTransfer(BigDecimal amountEur, OffsetDateTime at) {}

  /** A technical trace (domain, address, hash…) given by the victim. */
  @Serdeable
  public record Observable(ObservableType type, String value) {}
}
