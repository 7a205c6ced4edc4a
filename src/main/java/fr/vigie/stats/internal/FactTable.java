package fr.vigie.stats.internal;

import fr.vigie.stats.Dimension;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The facts in columns of primitive arrays: about 43 bytes a ticket, 160 with the indexes and the
 * sorted copies below (measured at a million facts before the victim keys were kept: 145 MB of
 * heap; the keys add 8 bytes a ticket and 8 a repeated victim's row, about 11 MB). A year of a
 * million tickets is scanned in milliseconds, where PostgreSQL needs 230 ms for a bare GROUP BY and
 * 2.3 s with distinct victims and medians (ops/bench/RESULTS.md, "Statistics"). Rows stay where
 * they were added; distinct victims are counted as tickets minus the repeats, and only victims with
 * several tickets can repeat: their rows are copied, grouped by victim, into {@link #repeats}
 * (about a third of the rows, read sequentially), rebuilt (linear) when one of them changes or a
 * victim gets another ticket.
 *
 * <p>{@link FactMirror} guards it: changes under its write lock, questions under its read lock;
 * {@link #prepare} is synchronized, so the first question after a change prepares the table while
 * the others wait.
 */
public final class FactTable {

  private static final Dimension[] DIMENSIONS = Dimension.values();

  final Dictionary[] dictionaries = new Dictionary[DIMENSIONS.length];
  int size;
  int[] victims = new int[1024];

  /**
   * Each row's victim key (the keyed hash of V7, never shown): summed over a group's distinct
   * victims, it is the group's cell key ({@link CellKey}), so the same victims always get the same
   * noise.
   */
  long[] keys = new long[1024];

  int[] months = new int[1024];
  byte[][] codes = new byte[DIMENSIONS.length][1024];
  boolean[] counted = new boolean[1024];
  int[] firstContact = new int[1024];
  int[] providerEngagement = new int[1024];
  short[] slaMet = new short[1024];
  short[] slaBreached = new short[1024];
  int[] orientations = new int[1024];

  /**
   * The rows of the victims with more than one row, each victim's rows next to each other: their
   * victim, its key, month, codes, counted flag and orientations.
   */
  Repeats repeats = Repeats.EMPTY;

  static final class Repeats {
    static final Repeats EMPTY =
        new Repeats(new int[0], new long[0], new int[0], new byte[0][], new boolean[0], new int[0]);

    final int size;
    final int[] victims;
    final long[] keys;
    final int[] months;
    final byte[][] codes;
    final boolean[] counted;
    final int[] orientations;

    Repeats(
        int[] victims,
        long[] keys,
        int[] months,
        byte[][] codes,
        boolean[] counted,
        int[] orientations) {
      this.size = victims.length;
      this.victims = victims;
      this.keys = keys;
      this.months = months;
      this.codes = codes;
      this.counted = counted;
      this.orientations = orientations;
    }
  }

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

  private final LongSupplier sequence;
  private final Map<Integer, Long> yearVersions = new HashMap<>();
  private final LongIntMap rowOfTicket = new LongIntMap(1024);
  private final LongIntMap victimOfKey = new LongIntMap(1024);
  private int[] rowsOfVictim = new int[1024];
  private boolean repeatsListed = true;
  private boolean durationsSorted = true;

  public FactTable() {
    this(new AtomicLong()::incrementAndGet);
  }

  /**
   * A table whose {@link #version}s are drawn from {@code sequence}: a copy that replaces another
   * one draws from the same sequence, so no year's version ever repeats.
   */
  public FactTable(LongSupplier sequence) {
    this.sequence = sequence;
    for (Dimension d : DIMENSIONS) {
      dictionaries[d.ordinal()] = new Dictionary(d.vocabulary().orElse(List.of()));
    }
  }

  public int size() {
    return size;
  }

  /**
   * Adds the fact, or replaces the one of the same ticket. A new report (no duration yet) of a
   * victim never seen before changes nothing else: the next question does not rebuild anything.
   */
  public void put(Fact fact) {
    int row = rowOfTicket.get(fact.ticketId());
    boolean newRow = row < 0;
    if (newRow) {
      row = size++;
      ensureCapacity(size);
      rowOfTicket.put(fact.ticketId(), row);
      victims[row] = -1;
    }
    int victim = victimOfKey.get(fact.victimKey());
    if (victim < 0) {
      victim = victimOfKey.size();
      victimOfKey.put(fact.victimKey(), victim);
      if (victim == rowsOfVictim.length) {
        rowsOfVictim = Arrays.copyOf(rowsOfVictim, victim * 2);
      }
    }
    boolean changed =
        newRow
            || victims[row] != victim
            || slaMet[row] != (short) fact.slaMet()
            || slaBreached[row] != (short) fact.slaBreached()
            || orientations[row] != fact.orientations();
    int oldMonth = months[row];
    if (victims[row] != victim) {
      if (victims[row] >= 0 && --rowsOfVictim[victims[row]] >= 1) {
        repeatsListed = false; // the old victim loses a repeated row
      }
      victims[row] = victim;
      keys[row] = fact.victimKey();
      if (++rowsOfVictim[victim] >= 2) {
        repeatsListed = false;
      }
    }
    // The duration views copy the month, codes and counted flag: they are rebuilt when any of
    // those or a duration changes for a row they hold or should hold (a fact read again
    // unchanged, or a new report without durations, keeps them).
    boolean inViews =
        !newRow && counted[row] && (firstContact[row] >= 0 || providerEngagement[row] >= 0);
    boolean intoViews =
        fact.counted()
            && (fact.firstContactMinutes() >= 0 || fact.providerEngagementMinutes() >= 0);
    // Where the row counts (month, counted flag, codes) and its durations, unchanged?
    boolean samePlace = !newRow && months[row] == fact.month() && counted[row] == fact.counted();
    boolean sameDurations =
        !newRow
            && firstContact[row] == fact.firstContactMinutes()
            && providerEngagement[row] == fact.providerEngagementMinutes();
    months[row] = fact.month();
    for (Dimension d : DIMENSIONS) {
      byte code = (byte) dictionaries[d.ordinal()].code(fact.values()[d.ordinal()]);
      samePlace &= codes[d.ordinal()][row] == code;
      codes[d.ordinal()][row] = code;
    }
    counted[row] = fact.counted();
    boolean same = samePlace && sameDurations;
    durationsSorted &= same || !(inViews || intoViews);
    // The repeats' copy holds no durations: a first contact recorded does not re-list it.
    repeatsListed &=
        rowsOfVictim[victim] < 2 || (samePlace && orientations[row] == fact.orientations());
    if (changed || !same) {
      touch(fact.month());
      if (!newRow) {
        touch(oldMonth); // the year it leaves, when its month moved
      }
    }
    firstContact[row] = fact.firstContactMinutes();
    providerEngagement[row] = fact.providerEngagementMinutes();
    slaMet[row] = (short) fact.slaMet();
    slaBreached[row] = (short) fact.slaBreached();
    orientations[row] = fact.orientations();
  }

  /** Marks the year of {@code month} changed. */
  private void touch(int month) {
    yearVersions.put(Math.floorDiv(month, 12), sequence.getAsLong());
  }

  /**
   * The version of a year's facts: it changes whenever one of them changes (0 for a year without
   * any fact yet). Answers about one year can be kept while it stays the same.
   */
  public long version(int year) {
    return yearVersions.getOrDefault(year, 0L);
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
   * Makes the table ready to scan after changes: the rows of repeated victims listed by victim (a
   * counting sort, linear), and the counted rows with a duration by increasing duration. A question
   * calls it first; in a steady state it does nothing.
   */
  synchronized void prepare() {
    if (!repeatsListed) {
      repeats = listRepeats();
      repeatsListed = true;
    }
    if (!durationsSorted) {
      firstContactOrder = byDuration(firstContact);
      providerEngagementOrder = byDuration(providerEngagement);
      durationsSorted = true;
    }
  }

  /** The rows of victims with two rows or more, grouped by victim (a counting sort). */
  private Repeats listRepeats() {
    int victimCount = victimCount();
    int[] start = new int[victimCount + 1];
    for (int v = 0; v < victimCount; v++) {
      start[v + 1] = start[v] + (rowsOfVictim[v] >= 2 ? rowsOfVictim[v] : 0);
    }
    int n = start[victimCount];
    int[] rows = new int[n];
    for (int i = 0; i < size; i++) {
      int v = victims[i];
      if (rowsOfVictim[v] >= 2) {
        rows[start[v]++] = i;
      }
    }
    return new Repeats(
        pick(victims, rows),
        pick(keys, rows),
        pick(months, rows),
        pick(codes, rows),
        pick(counted, rows),
        pick(orientations, rows));
  }

  private ByDuration byDuration(int[] durations) {
    int[] rows = rowsByValue(durations);
    return new ByDuration(pick(durations, rows), pick(months, rows), pick(codes, rows));
  }

  /** {@code column[rows[0]], column[rows[1]], …}. */
  private static int[] pick(int[] column, int[] rows) {
    int[] out = new int[rows.length];
    for (int j = 0; j < rows.length; j++) {
      out[j] = column[rows[j]];
    }
    return out;
  }

  private static long[] pick(long[] column, int[] rows) {
    long[] out = new long[rows.length];
    for (int j = 0; j < rows.length; j++) {
      out[j] = column[rows[j]];
    }
    return out;
  }

  private static boolean[] pick(boolean[] column, int[] rows) {
    boolean[] out = new boolean[rows.length];
    for (int j = 0; j < rows.length; j++) {
      out[j] = column[rows[j]];
    }
    return out;
  }

  private static byte[][] pick(byte[][] columns, int[] rows) {
    byte[][] out = new byte[columns.length][rows.length];
    for (int d = 0; d < columns.length; d++) {
      byte[] column = columns[d];
      for (int j = 0; j < rows.length; j++) {
        out[d][j] = column[rows[j]];
      }
    }
    return out;
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

  private void ensureCapacity(int needed) {
    if (needed <= victims.length) {
      return;
    }
    int capacity = Math.max(needed, victims.length + (victims.length >> 1)); // 1.5×: less slack
    victims = Arrays.copyOf(victims, capacity);
    keys = Arrays.copyOf(keys, capacity);
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
  }
}
