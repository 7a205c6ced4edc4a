package fr.vigie.observables;

import io.micronaut.context.annotation.Value;
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

  CampaignSettings(
      @Value("${vigie.campaigns.threshold:${vigie.campaign.threshold:3}}") int threshold,
      @Value("${vigie.campaigns.window:${vigie.campaign.window:7d}}") Duration window) {
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
