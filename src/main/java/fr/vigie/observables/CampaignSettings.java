package fr.vigie.observables;

import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * When a wave becomes a campaign (DESIGN.md §14): {@code vigie.campaigns.threshold} tickets
 * (default 3; env {@code VIGIE_CAMPAIGN_THRESHOLD} or {@code VIGIE_CAMPAIGNS_THRESHOLD}) within
 * {@code vigie.campaigns.window} (default 7 days; {@code VIGIE_CAMPAIGN_WINDOW}).
 */
@Singleton
public final class CampaignSettings {

  private final int threshold;
  private final Duration window;

  CampaignSettings(io.micronaut.context.env.Environment env) {
    // Both spellings: the issue names VIGIE_CAMPAIGN_*, DESIGN.md the vigie.campaigns.* keys.
    int threshold =
        env.getProperty("vigie.campaigns.threshold", Integer.class)
            .or(() -> env.getProperty("vigie.campaign.threshold", Integer.class))
            .orElse(3);
    Duration window =
        env.getProperty("vigie.campaigns.window", Duration.class)
            .or(() -> env.getProperty("vigie.campaign.window", Duration.class))
            .orElse(Duration.ofDays(7));
    if (threshold < 2) {
      throw new IllegalArgumentException("vigie.campaigns.threshold must be at least 2");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("vigie.campaigns.window must be positive");
    }
    this.threshold = threshold;
    this.window = window;
  }

  public int threshold() {
    return threshold;
  }

  public Duration window() {
    return window;
  }
}
