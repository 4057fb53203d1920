package io.github.adjoint.tape;

import java.util.Arrays;

/**
 * A last-in first-out stack of doubles that the reverse sweep of a loop pops what the forward
 * sweep pushed (overwritten values). Primitive storage, no boxing; it grows by doubling and keeps
 * its capacity across calls, so a steady-state call allocates nothing.
 */
public final class DoubleTape {
  private double[] values;
  private int size;

  public DoubleTape() {
    this(16);
  }

  public DoubleTape(int initialCapacity) {
    values = new double[Math.max(1, initialCapacity)];
  }

  public void push(double value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, Tapes.grow(values.length));
    }
    values[size++] = value;
  }

  public double pop() {
    if (size == 0) {
      throw new IllegalStateException("pop from an empty tape: forward and reverse sweeps disagree");
    }
    return values[--size];
  }

  public int size() {
    return size;
  }

  /** Empties the tape and keeps its capacity. */
  public void clear() {
    size = 0;
  }
}
