package fr.vigie.stats;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Statistical secrecy settings (DESIGN.md §8): {@code vigie.stats.k}, the fewest distinct victims a
 * published cell may have (default 5; never below 3, INSEE's rule, checked at start-up), and {@code
 * vigie.stats.publication-lag}, how long after its end a period is published (default 30 days:
 * {@code 30d}, {@code 720h} or ISO-8601 {@code P30D}), so that a mairie hit last week is not in
 * this month's figures while the press still talks about it.
 */
@ConfigurationProperties("vigie.stats")
public record StatsSettings(
    @Bindable(defaultValue = "5") int k, @Bindable(defaultValue = "30d") Duration publicationLag) {}
