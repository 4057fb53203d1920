package io.github.adjoint.tape;

import java.util.Arrays;

/** A last-in first-out stack of longs. See {@link DoubleTape}. */
public final class LongTape {
  private long[] values;
  private int size;

  public LongTape() {
    this(16);
  }

  public LongTape(int initialCapacity) {
    values = new long[Math.max(1, initialCapacity)];
  }

  public void push(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, Tapes.grow(values.length));
    }
    values[size++] = value;
  }

  public long pop() {
    if (size == 0) {
      throw new IllegalStateException("pop from an empty tape: forward and reverse sweeps disagree");
    }
    return values[--size];
  }

  public int size() {
    return size;
  }

  public void clear() {
    size = 0;
  }
}
