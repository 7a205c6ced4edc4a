package fr.vigie.stats;

/**
 * Whether a closed ticket's incident was detected before any impact or handled after it (the {@code
 * prevented} flag recorded at closure, DOMAIN.md §8); {@code NOT_CLOSED} until then.
 */
public enum Prevention {
  PREVENTED,
  AFTER_IMPACT,
  NOT_CLOSED
}
