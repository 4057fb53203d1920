package io.github.adjoint.tape;

import java.util.Arrays;

/**
 * A last-in first-out stack of doubles: the forward sweep of a loop pushes the values it
 * overwrites, the reverse sweep pops them. Primitive storage, no boxing; it grows by doubling and
 * keeps its capacity across calls, so a steady-state call allocates nothing.
 */
public final class DoubleTape extends Tapes {
  private double[] values;

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
    return values[top()];
  }
}
