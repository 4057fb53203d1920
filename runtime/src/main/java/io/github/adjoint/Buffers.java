package io.github.adjoint;

import java.util.Arrays;

/**
 * Arrays that generated code keeps across calls, so a steady-state call allocates nothing: local
 * arrays of a {@link Differentiable} method, their adjoints, and the gradient fields of array
 * parameters. Each method returns the buffer it is given when the shape fits, else a new one.
 */
public final class Buffers {
  private Buffers() {}

  /** {@code new double[n]}, reusing {@code buffer} (zeroed) when it has length n. */
  public static double[] zeroed(double[] buffer, int n) {
    if (buffer == null || buffer.length != n) {
      return new double[n];
    }
    Arrays.fill(buffer, 0.0);
    return buffer;
  }

  /**
   * An array of length n for generated code that writes every entry before it reads one: {@code
   * buffer} as it is (not zeroed) when it has length n, else {@code new double[n]}.
   */
  public static double[] ofLength(double[] buffer, int n) {
    return buffer != null && buffer.length == n ? buffer : new double[n];
  }

  /** {@code new double[n][m]}, reusing {@code buffer} (zeroed) when it has that shape. */
  public static double[][] zeroed(double[][] buffer, int n, int m) {
    if (buffer == null || buffer.length != n) {
      return new double[n][m];
    }
    for (int i = 0; i < n; i++) {
      double[] row = zeroed(buffer[i], m);
      if (row != buffer[i]) {
        buffer[i] = row; // stored only when replaced: a reference store costs a GC barrier
      }
    }
    return buffer;
  }

  /**
   * {@code buffer} if it holds at least {@code n} entries (contents kept), else a new array of
   * {@code max(n, 0)}: one entry per pass of a loop, written before it is read.
   */
  public static double[] atLeast(double[] buffer, int n) {
    return buffer != null && buffer.length >= n ? buffer : new double[Math.max(n, 0)];
  }

  /** The int form of {@link #atLeast(double[], int)}: a loop's saved indices, one per pass. */
  public static int[] atLeast(int[] buffer, int n) {
    return buffer != null && buffer.length >= n ? buffer : new int[Math.max(n, 0)];
  }

  /** A zeroed array of {@code like}'s length (null when {@code like} is). */
  public static double[] zeroedLike(double[] buffer, double[] like) {
    return like == null ? null : zeroed(buffer, like.length);
  }

  /** A zeroed matrix of {@code like}'s shape, rows of their own lengths (null rows stay null). */
  public static double[][] zeroedLike(double[][] buffer, double[][] like) {
    if (like == null) {
      return null;
    }
    double[][] result = buffer == null || buffer.length != like.length ? new double[like.length][] : buffer;
    for (int i = 0; i < like.length; i++) {
      double[] row = zeroedLike(result[i], like[i]);
      if (row != result[i]) {
        result[i] = row;
      }
    }
    return result;
  }

  /**
   * A gradient of {@code like}'s shape: {@code gradient} itself, keeping what it holds, when the
   * shape fits, else a new zeroed array.
   */
  public static double[] shaped(double[] gradient, double[] like) {
    if (like == null) {
      return null;
    }
    return gradient != null && gradient.length == like.length ? gradient : new double[like.length];
  }

  /** The matrix form of {@link #shaped(double[], double[])}: rows that changed shape start at 0. */
  public static double[][] shaped(double[][] gradient, double[][] like) {
    if (like == null) {
      return null;
    }
    double[][] result =
        gradient != null && gradient.length == like.length ? gradient : new double[like.length][];
    for (int i = 0; i < like.length; i++) {
      double[] row = shaped(result[i], like[i]);
      if (row != result[i]) {
        result[i] = row; // stored only when replaced: a reference store costs a GC barrier
      }
    }
    return result;
  }

  /** {@code target += scale * source}, element by element: a callee's array gradient, scaled. */
  public static void addScaled(double[] target, double scale, double[] source) {
    for (int i = 0; i < target.length; i++) {
      target[i] += scale * source[i];
    }
  }

  /** The matrix form of {@link #addScaled(double[], double, double[])}, row by row. */
  public static void addScaled(double[][] target, double scale, double[][] source) {
    for (int i = 0; i < target.length; i++) {
      addScaled(target[i], scale, source[i]);
    }
  }

  /**
   * Zeroes {@code gradient[from..]}: the entries a loop of {@code from} passes did not assign (none
   * when {@code from} is at least the length, all when it is negative).
   */
  public static void zeroFrom(double[] gradient, int from) {
    if (gradient != null && from < gradient.length) {
      Arrays.fill(gradient, Math.max(from, 0), gradient.length, 0.0);
    }
  }

  /** The matrix form of {@link #zeroFrom(double[], int)}: rows {@code from..} zeroed whole. */
  public static void zeroFrom(double[][] gradient, int from) {
    if (gradient != null) {
      for (int i = Math.max(from, 0); i < gradient.length; i++) {
        zero(gradient[i]);
      }
    }
  }

  public static void zero(double[] gradient) {
    if (gradient != null) {
      Arrays.fill(gradient, 0.0);
    }
  }

  public static void zero(double[][] gradient) {
    if (gradient != null) {
      for (double[] row : gradient) {
        zero(row);
      }
    }
  }
}
