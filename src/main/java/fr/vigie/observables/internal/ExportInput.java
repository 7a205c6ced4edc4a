package fr.vigie.observables.internal;

import fr.vigie.observables.Tlp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an export may say, already stripped of everything personal: the subject's reference, its
 * victims as category and département, its RSIT class, and the observables the TLP scope allows.
 */
public record ExportInput(
    String subject,
    String title,
    UUID eventUuid,
    Instant created,
    Instant firstSeen,
    Instant lastSeen,
    Tlp tlp,
    String pap,
    List<String> rsit,
    List<Victim> victims,
    List<ObservableStore.Row> observables,
    java.util.Map<Long, String> references,
    List<String> recipients,
    String organisation) {

  /** A victim as it may appear outside: its category and its département. */
  public record Victim(String reference, String category, String departement, Instant seen) {}
}
