package fr.vigie.stats.internal;

import java.util.Arrays;

/**
 * An open-addressing map from long to non-negative int, no boxing: filled up to three quarters, so
 * a million entries take 24 MB (2^21 slots of 12 bytes) and never twice that.
 */
final class LongIntMap {

  private static final int FREE = -1;
  private long[] keys;
  private int[] values;
  private int size;

  LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 4 / 3)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(values, FREE);
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or -1. */
  int get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (values[i] == FREE) {
        return -1;
      }
      if (keys[i] == key) {
        return values[i];
      }
    }
  }

  void put(long key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("values are non-negative");
    }
    if ((size + 1) * 4L > keys.length * 3L) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (values[i] == FREE) {
        keys[i] = key;
        values[i] = value;
        size++;
        return;
      }
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(values, FREE);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != FREE) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
