package fr.vigie.stats.internal;

/**
 * The cell key method (ABS TableBuilder; Eurostat's guidance for the 2021 census; Thompson,
 * Broadfoot and Elazar 2013): the officials' cube publishes each count with a noise that depends
 * only on which victims are counted, so that two questions about the same victims always get the
 * same figure, and a difference of two answers carries two noises the official cannot know.
 *
 * <ul>
 *   <li>Record key: each victim's key ({@code stat_fact.victim_key}, the first 64 bits of a SHA-256
 *       keyed by the secret {@code stats-victim-key}; never shown to anyone).
 *   <li>Cell key: the sum of the keys of the entry's distinct victims modulo 2^64, mixed by
 *       MurmurHash3's finaliser (a bijection of 64-bit words) into a uniform 32-bit number. The
 *       same set of victims gives the same key whatever the question (filters, grouping, period);
 *       any other set gives an unrelated one.
 *   <li>Perturbation table: the key picks the noise in a two-sided geometric distribution of ratio
 *       {@value #RATIO} truncated to ±{@value #MAX_NOISE} — noise 0 in 43 % of the keys, ±1 in 34
 *       %, ±2 in 14 %, ±5 or more in 1.5 %, and ±{@value #MAX_NOISE} in at least one key of the
 *       2^32. A published count is the true count plus its noise. An entry is shown when both its
 *       count and its perturbed count are k or more: an entry not shown may have up to k + {@value
 *       #MAX_NOISE} − 1 victims, so hidden entries give no hard upper bound either.
 * </ul>
 *
 * <p>Why a long tail: with a bounded noise ±D, a population one victim larger than another whose
 * two noises fall at −D and +D is pinned exactly (the difference is then 1 − 2D, and only one
 * victim fits); the tail makes that the event of two noises at ±{@value #MAX_NOISE}, below 10^-16
 * for a pair of answers, while a noise beyond ±5 stays rare enough for the figures to be read.
 */
public final class CellKey {

  /** The largest noise, either way. */
  public static final int MAX_NOISE = 20;

  /** The chance of a noise n + 1 over that of n (n ≥ 0), the same each way. */
  static final double RATIO = 0.4;

  private static final long KEYS = 1L << 32;

  /** Per noise −MAX…MAX, the number of keys (of 2^32) giving it or a smaller one. */
  private static final long[] UPTO = new long[2 * MAX_NOISE + 1];

  static {
    double[] weight = new double[UPTO.length];
    double total = 0;
    for (int z = -MAX_NOISE; z <= MAX_NOISE; z++) {
      weight[z + MAX_NOISE] = Math.pow(RATIO, Math.abs(z));
      total += weight[z + MAX_NOISE];
    }
    long[] keys = new long[UPTO.length];
    long given = 0;
    for (int i = 0; i < keys.length; i++) {
      keys[i] = Math.max(1, Math.round(weight[i] / total * KEYS)); // every noise possible
      given += keys[i];
    }
    keys[MAX_NOISE] += KEYS - given; // rounding left to the most likely noise, 0
    long sum = 0;
    for (int i = 0; i < keys.length; i++) {
      sum += keys[i];
      UPTO[i] = sum;
    }
  }

  private CellKey() {}

  /** MurmurHash3's 64-bit finaliser: a bijection that spreads every bit of a sum of keys. */
  static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }

  /** The noise of an entry whose distinct victims' keys sum to {@code keySum}. */
  public static int noise(long keySum) {
    long u = mix(keySum) >>> 32;
    int lo = 0;
    int hi = UPTO.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < UPTO[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo - MAX_NOISE;
  }

  /** The perturbed count of {@code count} victims whose keys sum to {@code keySum}. */
  public static long perturb(long count, long keySum) {
    return count + noise(keySum);
  }

  /**
   * Whether an entry is shown: k victims or more, and a perturbed count of k or more. An entry of
   * fewer than k victims is never shown; one of k or a few more is hidden when its noise takes it
   * below k, so that an entry not shown has no hard bound below k + {@value #MAX_NOISE}.
   */
  public static boolean shown(long count, long perturbed, int k) {
    return count >= k && perturbed >= k;
  }

  /**
   * Whether {@code published} can be what is shown for {@code count} victims with some key: what an
   * official knows of a published count, since the keys are secret.
   */
  public static boolean possible(long published, long count, int k) {
    return count >= k && published >= k && Math.abs(published - count) <= MAX_NOISE;
  }

  /** Whether an entry of {@code count} victims can be hidden, with some key. */
  public static boolean possiblyHidden(long count, int k) {
    return count < k + MAX_NOISE;
  }

  /** The share of keys giving {@code noise}: the perturbation table, for documentation. */
  public static double probability(int noise) {
    if (Math.abs(noise) > MAX_NOISE) {
      return 0;
    }
    int i = noise + MAX_NOISE;
    return (double) (UPTO[i] - (i == 0 ? 0 : UPTO[i - 1])) / KEYS;
  }
}
