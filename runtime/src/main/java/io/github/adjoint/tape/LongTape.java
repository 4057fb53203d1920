package io.github.adjoint.tape;

import java.util.Arrays;

/** A last-in first-out stack of longs. See {@link DoubleTape}. */
public final class LongTape extends Tapes {
  private long[] values;

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
    return values[top()];
  }
}
