package fr.vigie.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A referral as its provider sees it on the portal: only what the engagement needs. The victim's
 * name, type and commune and the incident's facts always (to judge a conflict of interest and
 * whether to accept); the contact person, the victim's own description and the analysts' notes
 * marked TLP CLEAR, GREEN or AMBER only while the provider holds the case (ACCEPTED or ENGAGED).
 * Never the reporter's follow-up token, other providers, or notes marked AMBER+STRICT or RED.
 */
@Serdeable
public record ProviderReferral(
    long id,
    String reference,
    ReferralState state,
    @Nullable String severity,
    Instant proposedAt,
    Instant respondBy,
    @Nullable Instant decidedAt,
    @Nullable Instant contactBy,
    @Nullable Instant engagedAt,
    @Nullable Instant endedAt,
    Victim victim,
    Incident incident,
    @Nullable Contact contact,
    List<Note> notes) {

  @Serdeable
  public record Victim(
      String type,
      String name,
      @Nullable String communeCode,
      @Nullable String departement,
      @Nullable Integer headcount) {}

  @Serdeable
  public record Incident(
      String threat,
      Instant discoveredAt,
      @Nullable Boolean ongoing,
      @Nullable String serviceImpact,
      List<String> affectedServices,
      @Nullable String scope,
      @Nullable String personalData,
      @Nullable Boolean ransomDemanded,
      @Nullable String description) {}

  @Serdeable
  public record Contact(
      @Nullable String name,
      @Nullable String role,
      @Nullable String email,
      @Nullable String phone) {}

  @Serdeable
  public record Note(Instant at, String tlp, String text) {}
}
