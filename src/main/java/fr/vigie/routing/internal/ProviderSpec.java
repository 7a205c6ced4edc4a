package fr.vigie.routing.internal;

import fr.vigie.routing.LabelKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A provider checked field by field, ready to be written. */
public record ProviderSpec(
    String name,
    String siren,
    Map<LabelKind, LocalDate> labels,
    List<String> departements,
    String baseDepartement,
    List<String> victimTypes,
    List<String> rsitClasses,
    int capacity,
    boolean onCall247,
    List<String> openingHours,
    String email,
    String webhookUrl,
    String webhookSecret,
    boolean active) {}
