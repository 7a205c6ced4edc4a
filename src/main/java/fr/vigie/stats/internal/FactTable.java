package fr.vigie.stats.internal;

import fr.vigie.stats.Dimension;
import java.util.Arrays;
import java.util.List;

/**
 * The facts in columns of primitive arrays, about 40 bytes a ticket: a year of a million tickets is
 * scanned in milliseconds, where PostgreSQL needs 230 ms for a bare GROUP BY and 2.3 s with
 * distinct victims and medians (ops/bench/RESULTS.md, "Statistics"). Rows are kept ordered by
 * victim so that one pass counts distinct victims: a victim's rows are next to each other.
 *
 * <p>{@link FactMirror} guards it: changes under its write lock, questions under its read lock;
 * {@link #prepare} is synchronized, so the first question after a change prepares the table while
 * the others wait.
 */
public final class FactTable {

  private static final Dimension[] DIMENSIONS = Dimension.values();

  final Dictionary[] dictionaries = new Dictionary[DIMENSIONS.length];
  int size;
  long[] ticketIds = new long[1024];
  int[] victims = new int[1024];
  int[] months = new int[1024];
  byte[][] codes = new byte[DIMENSIONS.length][1024];
  boolean[] counted = new boolean[1024];
  int[] firstContact = new int[1024];
  int[] providerEngagement = new int[1024];
  short[] slaMet = new short[1024];
  short[] slaBreached = new short[1024];
  int[] orientations = new int[1024];

  /** Whether the row's victim has other rows (set when the rows are put in victim order). */
  boolean[] repeated = new boolean[1024];

  /**
   * The counted rows with a first-contact time, by increasing time, with their own copy of the
   * columns a question reads; the same for provider engagement. Reading them in order finds every
   * group's median in one sequential pass (reading the rows through an index in that order was half
   * of a question's time at a million facts: a cache miss per row).
   */
  ByDuration firstContactOrder = ByDuration.EMPTY;

  ByDuration providerEngagementOrder = ByDuration.EMPTY;

  /** Durations in increasing order, and per entry the month and codes of its row. */
  static final class ByDuration {
    static final ByDuration EMPTY = new ByDuration(new int[0], new int[0], new byte[0][]);

    final int size;
    final int[] values;
    final int[] months;
    final byte[][] codes;

    ByDuration(int[] values, int[] months, byte[][] codes) {
      this.size = values.length;
      this.values = values;
      this.months = months;
      this.codes = codes;
    }
  }

  private final LongIntMap rowOfTicket = new LongIntMap(1024);
  private final LongIntMap victimOfKey = new LongIntMap(1024);
  private boolean orderedByVictim = true;
  private boolean durationsSorted = true;

  public FactTable() {
    for (Dimension d : DIMENSIONS) {
      dictionaries[d.ordinal()] = new Dictionary(d.vocabulary().orElse(List.of()));
    }
  }

  public int size() {
    return size;
  }

  /**
   * Adds the fact, or replaces the one of the same ticket. A new ticket of a new victim (or of the
   * victim of the last row) is appended without breaking the victim order, and one without any
   * duration yet (a new report) leaves the duration views as they are: a busy desk's new reports do
   * not make the next question rebuild the table.
   */
  public void put(Fact fact) {
    int row = rowOfTicket.get(fact.ticketId());
    boolean newRow = row < 0;
    if (newRow) {
      row = size++;
      ensureCapacity(size);
      ticketIds[row] = fact.ticketId();
      rowOfTicket.put(fact.ticketId(), row);
    }
    int victim = victimOfKey.get(fact.victimKey());
    boolean newVictim = victim < 0;
    if (newVictim) {
      victim = victimOfKey.size();
      victimOfKey.put(fact.victimKey(), victim);
    }
    if (newRow) {
      victims[row] = victim;
      boolean afterItsVictim = row > 0 && victims[row - 1] == victim;
      repeated[row] = afterItsVictim;
      if (afterItsVictim) {
        repeated[row - 1] = true;
      } else if (!newVictim) {
        orderedByVictim = false;
      }
      durationsSorted &=
          !fact.counted()
              || (fact.firstContactMinutes() < 0 && fact.providerEngagementMinutes() < 0);
      months[row] = fact.month();
      for (Dimension d : DIMENSIONS) {
        codes[d.ordinal()][row] = (byte) dictionaries[d.ordinal()].code(fact.values()[d.ordinal()]);
      }
      counted[row] = fact.counted();
      firstContact[row] = fact.firstContactMinutes();
      providerEngagement[row] = fact.providerEngagementMinutes();
      slaMet[row] = (short) fact.slaMet();
      slaBreached[row] = (short) fact.slaBreached();
      orientations[row] = fact.orientations();
      return;
    }
    if (victims[row] != victim) {
      victims[row] = victim;
      orderedByVictim = false;
    }
    // The duration views copy the month, codes and counted flag: they are rebuilt when any of
    // those or a duration changes (a fact read again unchanged keeps them).
    boolean same =
        orderedByVictim
            && months[row] == fact.month()
            && counted[row] == fact.counted()
            && firstContact[row] == fact.firstContactMinutes()
            && providerEngagement[row] == fact.providerEngagementMinutes();
    months[row] = fact.month();
    for (Dimension d : DIMENSIONS) {
      byte code = (byte) dictionaries[d.ordinal()].code(fact.values()[d.ordinal()]);
      same &= codes[d.ordinal()][row] == code;
      codes[d.ordinal()][row] = code;
    }
    counted[row] = fact.counted();
    durationsSorted &= same;
    firstContact[row] = fact.firstContactMinutes();
    providerEngagement[row] = fact.providerEngagementMinutes();
    slaMet[row] = (short) fact.slaMet();
    slaBreached[row] = (short) fact.slaBreached();
    orientations[row] = fact.orientations();
  }

  /** The code of a dimension's value in row {@code row} (0…254). */
  int code(Dimension d, int row) {
    return codes[d.ordinal()][row] & 0xFF;
  }

  Dictionary dictionary(Dimension d) {
    return dictionaries[d.ordinal()];
  }

  int victimCount() {
    return victimOfKey.size();
  }

  /**
   * Makes the table ready to scan after changes: each victim's rows next to each other (a counting
   * sort on the victim, linear), and the rows with a duration listed by increasing duration, so
   * that one pass finds every group's median. A query calls it first; in a steady state it does
   * nothing.
   */
  synchronized void prepare() {
    orderByVictim();
    if (!durationsSorted) {
      firstContactOrder = byDuration(firstContact);
      providerEngagementOrder = byDuration(providerEngagement);
      durationsSorted = true;
    }
  }

  private ByDuration byDuration(int[] durations) {
    int[] rows = rowsByValue(durations);
    int n = rows.length;
    int[] values = new int[n];
    int[] m = new int[n];
    byte[][] c = new byte[codes.length][n];
    for (int j = 0; j < n; j++) {
      int row = rows[j];
      values[j] = durations[row];
      m[j] = months[row];
      for (int d = 0; d < codes.length; d++) {
        c[d][j] = codes[d][row];
      }
    }
    return new ByDuration(values, m, c);
  }

  /**
   * The counted rows whose value is not negative, by increasing value (counting sort when it fits).
   */
  private int[] rowsByValue(int[] values) {
    int max = -1;
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (counted[i] && values[i] >= 0) {
        n++;
        max = Math.max(max, values[i]);
      }
    }
    int[] rows = new int[n];
    if (max < 1 << 22) {
      int[] start = new int[max + 2];
      for (int i = 0; i < size; i++) {
        if (counted[i] && values[i] >= 0) {
          start[values[i] + 1]++;
        }
      }
      for (int v = 0; v <= max; v++) {
        start[v + 1] += start[v];
      }
      for (int i = 0; i < size; i++) {
        if (counted[i] && values[i] >= 0) {
          rows[start[values[i]]++] = i;
        }
      }
      return rows;
    }
    long[] packed = new long[n];
    for (int i = 0, j = 0; i < size; i++) {
      if (counted[i] && values[i] >= 0) {
        packed[j++] = ((long) values[i] << 32) | i;
      }
    }
    Arrays.sort(packed);
    for (int j = 0; j < n; j++) {
      rows[j] = (int) packed[j];
    }
    return rows;
  }

  /** Each victim's rows next to each other: a counting sort on the victim, linear. */
  private void orderByVictim() {
    if (orderedByVictim) {
      return;
    }
    durationsSorted = false;
    int[] start = new int[victimCount() + 1];
    for (int i = 0; i < size; i++) {
      start[victims[i] + 1]++;
    }
    for (int v = 0; v < victimCount(); v++) {
      start[v + 1] += start[v];
    }
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[start[victims[i]]++] = i;
    }
    ticketIds = permute(ticketIds, order);
    victims = permute(victims, order);
    months = permute(months, order);
    for (int d = 0; d < codes.length; d++) {
      codes[d] = permute(codes[d], order);
    }
    counted = permute(counted, order);
    firstContact = permute(firstContact, order);
    providerEngagement = permute(providerEngagement, order);
    slaMet = permute(slaMet, order);
    slaBreached = permute(slaBreached, order);
    orientations = permute(orientations, order);
    for (int i = 0; i < size; i++) {
      rowOfTicket.put(ticketIds[i], i);
    }
    repeated = new boolean[ticketIds.length];
    for (int i = 1; i < size; i++) {
      if (victims[i] == victims[i - 1]) {
        repeated[i] = true;
        repeated[i - 1] = true;
      }
    }
    orderedByVictim = true;
  }

  private void ensureCapacity(int needed) {
    if (needed <= ticketIds.length) {
      return;
    }
    int capacity = Math.max(needed, ticketIds.length * 2);
    ticketIds = Arrays.copyOf(ticketIds, capacity);
    victims = Arrays.copyOf(victims, capacity);
    months = Arrays.copyOf(months, capacity);
    for (int d = 0; d < codes.length; d++) {
      codes[d] = Arrays.copyOf(codes[d], capacity);
    }
    counted = Arrays.copyOf(counted, capacity);
    firstContact = Arrays.copyOf(firstContact, capacity);
    providerEngagement = Arrays.copyOf(providerEngagement, capacity);
    slaMet = Arrays.copyOf(slaMet, capacity);
    slaBreached = Arrays.copyOf(slaBreached, capacity);
    orientations = Arrays.copyOf(orientations, capacity);
    repeated = Arrays.copyOf(repeated, capacity);
  }

  private long[] permute(long[] a, int[] order) {
    long[] b = new long[a.length];
    for (int i = 0; i < size; i++) {
      b[i] = a[order[i]];
    }
    return b;
  }

  private int[] permute(int[] a, int[] order) {
    int[] b = new int[a.length];
    for (int i = 0; i < size; i++) {
      b[i] = a[order[i]];
    }
    return b;
  }

  private short[] permute(short[] a, int[] order) {
    short[] b = new short[a.length];
    for (int i = 0; i < size; i++) {
      b[i] = a[order[i]];
    }
    return b;
  }

  private byte[] permute(byte[] a, int[] order) {
    byte[] b = new byte[a.length];
    for (int i = 0; i < size; i++) {
      b[i] = a[order[i]];
    }
    return b;
  }

  private boolean[] permute(boolean[] a, int[] order) {
    boolean[] b = new boolean[a.length];
    for (int i = 0; i < size; i++) {
      b[i] = a[order[i]];
    }
    return b;
  }
}
