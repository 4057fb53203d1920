package io.github.adjoint.tape;

import java.util.Arrays;

/** A last-in first-out stack of ints: trip counts and overwritten indices. See {@link DoubleTape}. */
public final class IntTape extends Tapes {
  private int[] values;

  public IntTape() {
    this(16);
  }

  public IntTape(int initialCapacity) {
    values = new int[Math.max(1, initialCapacity)];
  }

  public void push(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, Tapes.grow(values.length));
    }
    values[size++] = value;
  }

  public int pop() {
    return values[top()];
  }
}
