package io.github.adjoint.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A trainer's state, copied: the parameters' values, the optimizer's buffers and its step count.
 * Immutable: every array is copied in and out.
 *
 * <p>Entries are named like PyTorch's state: a parameter by its name ({@code w1}), a buffer by the
 * parameter's name, a dot and PyTorch's name for it ({@code w1.exp_avg}, {@code w1.exp_avg_sq},
 * {@code w1.max_exp_avg_sq}, {@code w1.momentum_buffer}, {@code w1.sum}, {@code w1.square_avg},
 * {@code w1.grad_avg}).
 *
 * @param function the function the trainer trains, as {@code Class.method}
 * @param optimizer the optimizer kind: {@code Sgd}, {@code AdaGrad}, {@code RmsProp}, {@code Adam}
 *     or {@code AdamW}
 * @param steps the number of steps taken
 * @param entries parameters and buffers, in a fixed order
 */
public record TrainerState(String function, String optimizer, long steps, List<Entry> entries) {

  /** The shape of an entry: what kind of value the parameter is. */
  public enum Kind {
    /** A {@code double}: one row of length 1. */
    SCALAR,
    /** A {@code double[]}: one row. */
    VECTOR,
    /** A {@code double[][]}, jagged or not: one row per row. */
    MATRIX
  }

  /**
   * One named value.
   *
   * @param name the parameter's name, or the parameter's name, a dot and the buffer's name
   * @param kind what the value is
   * @param rows the values, row by row (a scalar and a vector are one row)
   */
  public record Entry(String name, Kind kind, double[][] rows) {

    /** Copies {@code rows}. */
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      rows = deepCopy(rows);
      if (kind != Kind.MATRIX && rows.length != 1) {
        throw new IllegalArgumentException(name + ": a " + kind + " has one row, not " + rows.length);
      }
      if (kind == Kind.SCALAR && rows[0].length != 1) {
        throw new IllegalArgumentException(name + ": a scalar has one value, not " + rows[0].length);
      }
    }

    /** A scalar entry. */
    public static Entry scalar(String name, double value) {
      return new Entry(name, Kind.SCALAR, new double[][] {{value}});
    }

    /** A vector entry, copied. */
    public static Entry vector(String name, double[] values) {
      return new Entry(name, Kind.VECTOR, new double[][] {values});
    }

    /** A matrix entry, copied. */
    public static Entry matrix(String name, double[][] rows) {
      return new Entry(name, Kind.MATRIX, rows);
    }

    /** A copy of the values, row by row. */
    @Override
    public double[][] rows() {
      return deepCopy(rows);
    }

    /** The first NaN or infinite value, row by row, without copying; empty if all are finite. */
    public OptionalDouble firstNonFinite() {
      return TrainerState.firstNonFinite(rows);
    }

    /** The scalar's value. */
    public double scalar() {
      return rows[0][0];
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Entry e
          && name.equals(e.name)
          && kind == e.kind
          && Arrays.deepEquals(rows, e.rows);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, kind, Arrays.deepHashCode(rows));
    }

    @Override
    public String toString() {
      return name + "=" + Arrays.deepToString(rows);
    }
  }

  /**
   * A value that is NaN or infinite, and where.
   *
   * @param entry the entry's name, as in {@link #entries()}
   * @param value the value
   */
  public record NonFinite(String entry, double value) {}

  /** The first NaN or infinite value, entry by entry in order; empty if all are finite. */
  public Optional<NonFinite> firstNonFinite() {
    for (Entry e : entries) {
      OptionalDouble bad = e.firstNonFinite();
      if (bad.isPresent()) {
        return Optional.of(new NonFinite(e.name(), bad.getAsDouble()));
      }
    }
    return Optional.empty();
  }

  /** Copies the list of entries. */
  public TrainerState {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(optimizer, "optimizer");
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, was " + steps);
    }
    entries = Collections.unmodifiableList(new ArrayList<>(entries));
  }

  /**
   * The entry named {@code name}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public Entry entry(String name) {
    for (Entry e : entries) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException("the state of " + function + " (" + optimizer
        + ") has no entry " + name);
  }

  /**
   * Checks that this state belongs to {@code function} trained with {@code optimizer}.
   *
   * @throws IllegalArgumentException saying what differs
   */
  public void requireOrigin(String function, String optimizer) {
    if (!this.function.equals(function)) {
      throw new IllegalArgumentException("the state is of " + this.function + ", not " + function);
    }
    if (!this.optimizer.equals(optimizer)) {
      throw new IllegalArgumentException("the state is of the optimizer " + this.optimizer
          + ", the trainer uses " + optimizer);
    }
  }

  /** The first NaN or infinite value of {@code rows}, row by row; empty if all are finite. */
  static OptionalDouble firstNonFinite(double[][] rows) {
    for (double[] row : rows) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return OptionalDouble.of(v);
        }
      }
    }
    return OptionalDouble.empty();
  }

  private static double[][] deepCopy(double[][] rows) {
    double[][] copy = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      copy[i] = rows[i].clone();
    }
    return copy;
  }
}
