package fr.vigie.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A provider in the directory as staff read it. The webhook secret is never shown, only whether one
 * is set. {@code openEngagements} counts its live referrals (proposed, accepted, engaged).
 */
@Serdeable
public record Provider(
    long id,
    String name,
    String siren,
    List<Label> labels,
    List<String> departements,
    String baseDepartement,
    List<String> victimTypes,
    List<String> rsitClasses,
    int capacity,
    boolean onCall247,
    List<String> openingHours,
    String email,
    @Nullable String webhookUrl,
    boolean webhookSecretSet,
    boolean active,
    int openEngagements,
    @Nullable Instant lastReferredAt,
    int referralCount,
    int version) {

  @Serdeable
  public record Label(LabelKind kind, LocalDate validUntil) {}
}
