package fr.vigie.testing;

import fr.vigie.routing.Provider;
import fr.vigie.routing.ProviderDirectory;
import fr.vigie.routing.ProviderRequest;
import fr.vigie.triage.RsitTaxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds providers for tests: by default an active ExpertCyber firm of Finistère (29) serving every
 * victim type and RSIT class, on call 24/7, with room for 10 cases; each test changes what it
 * tests.
 */
public final class Providers {

  private String name = "Prestataire " + ThreadLocalRandom.current().nextInt(1_000_000);
  private final List<ProviderRequest.Label> labels = new ArrayList<>();
  private List<String> departements = List.of("29");
  private String base = "29";
  private List<String> victimTypes =
      List.of(
          "COMMUNE",
          "EPCI",
          "DEPARTEMENT",
          "REGION",
          "ETABLISSEMENT_PUBLIC",
          "ENTREPRISE",
          "ASSOCIATION",
          "PARTICULIER");
  private List<String> rsitClasses = List.copyOf(RsitTaxonomy.classes());
  private int capacity = 10;
  private boolean onCall = true;
  private List<String> hours = List.of();
  private String webhookUrl;
  private String webhookSecret;
  private String email = "contact@prestataire.example";

  public static Providers provider() {
    return new Providers();
  }

  public Providers name(String value) {
    name = value;
    return this;
  }

  public Providers label(String kind, String validUntil) {
    labels.add(new ProviderRequest.Label(kind, validUntil));
    return this;
  }

  public Providers departements(String base, String... covered) {
    this.base = base;
    departements = List.of(covered);
    return this;
  }

  public Providers victimTypes(String... types) {
    victimTypes = List.of(types);
    return this;
  }

  public Providers rsitClasses(String... classes) {
    rsitClasses = List.of(classes);
    return this;
  }

  public Providers capacity(int value) {
    capacity = value;
    return this;
  }

  public Providers businessHoursOnly(String... entries) {
    onCall = false;
    hours = List.of(entries);
    return this;
  }

  public Providers webhook(String url, String secret) {
    webhookUrl = url;
    webhookSecret = secret;
    return this;
  }

  public Providers email(String value) {
    email = value;
    return this;
  }

  public ProviderRequest request() {
    return new ProviderRequest(
        name,
        String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000)),
        labels.isEmpty() ? List.of(new ProviderRequest.Label("EXPERTCYBER", "2099-12-31")) : labels,
        departements,
        base,
        victimTypes,
        rsitClasses,
        capacity,
        onCall,
        hours,
        email,
        webhookUrl,
        webhookSecret,
        true);
  }

  public Provider create(ProviderDirectory directory) {
    return directory.create(request(), "test:fixture");
  }
}
