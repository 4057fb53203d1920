package io.github.adjoint.processor.fuzz;

import io.github.adjoint.Dropout;
import io.github.adjoint.Functions;

/**
 * Forward-mode dual numbers for the fuzzer's twins: a value and a gradient vector, one tangent
 * direction per scalar input entry. Every operation computes its value with exactly the Java
 * operation the user's method performs (so twin values equal the method's bit for bit) and its
 * tangent with the textbook derivative.
 *
 * <p>Zeros are strong zeros: a term {@code tangent × partial} with a zero tangent adds nothing even
 * if the partial is infinite or NaN, and a zero partial passes nothing even of an infinite tangent
 * (sigmoid of an overflowed value). The reverse sweep's guard is the same rule seen from the other
 * end: a zero adjoint contributes nothing. That is the semantics the fence promises: a
 * value that does not influence the result (here: whose tangent is zero) never poisons the gradient.
 * A {@code null} gradient is the zero vector (constants and {@code @NoGrad} data).
 */
public final class Dual {
  public final double v;
  private final double[] g;
  /**
   * Per direction, the same sum as the tangent over the absolute values of its terms: how large
   * the numbers were that the tangent was summed from, so how much rounding it may carry.
   */
  private final double[] m;

  private Dual(double v, double[] g, double[] m) {
    this.v = v;
    this.g = g;
    this.m = m;
  }

  /** A constant: zero gradient. */
  public static Dual c(double v) {
    return new Dual(v, null, null);
  }

  /** The input entry {@code k} of {@code n}: tangent 1 in direction {@code k}. */
  public static Dual input(double v, int n, int k) {
    double[] g = new double[n];
    g[k] = 1.0;
    return new Dual(v, g, g.clone());
  }

  /** The magnitude of the terms the tangent in direction {@code k} was summed from. */
  public double magnitude(int k) {
    return m == null ? 0.0 : m[k];
  }

  /** The tangent in direction {@code k}. */
  public double d(int k) {
    return g == null ? 0.0 : g[k];
  }

  public static Dual[] array(int n) {
    Dual[] a = new Dual[n];
    java.util.Arrays.fill(a, c(0.0));
    return a;
  }

  public static Dual[][] matrix(int n, int m) {
    Dual[][] a = new Dual[n][];
    for (int i = 0; i < n; i++) {
      a[i] = array(m);
    }
    return a;
  }

  // ---- the chain rule ----------------------------------------------------------------------------

  /**
   * The size of the terms a tangent times {@code da} is summed from. A tangent that cancelled to
   * exactly 0 (x + |x| for x < 0) still carries its terms' size: the reverse sweep sums the same
   * terms in another order and keeps a rounding residue of that size (seed 163, program 605).
   * Only a structural zero (a constant, a zero partial) has none.
   */
  private static double magnitude(Dual a, int k, double da) {
    boolean none = a.m[k] == 0.0 || da == 0.0 || (a.g[k] == 0.0 && !Double.isFinite(da));
    return none ? 0.0 : a.m[k] * Math.abs(da);
  }

  private static Dual chain(double v, Dual a, double da) {
    if (a.g == null) {
      return c(v);
    }
    double[] g = new double[a.g.length];
    double[] m = new double[a.g.length];
    for (int k = 0; k < g.length; k++) {
      boolean zero = a.g[k] == 0.0 || da == 0.0;
      g[k] = zero ? 0.0 : a.g[k] * da;
      m[k] = magnitude(a, k, da);
    }
    return new Dual(v, g, m);
  }

  private static Dual chain(double v, Dual a, double da, Dual b, double db) {
    if (a.g == null) {
      return chain(v, b, db);
    }
    if (b.g == null) {
      return chain(v, a, da);
    }
    double[] g = new double[a.g.length];
    double[] m = new double[a.g.length];
    for (int k = 0; k < g.length; k++) {
      boolean zeroA = a.g[k] == 0.0 || da == 0.0;
      boolean zeroB = b.g[k] == 0.0 || db == 0.0;
      g[k] = (zeroA ? 0.0 : a.g[k] * da) + (zeroB ? 0.0 : b.g[k] * db);
      m[k] = magnitude(a, k, da) + magnitude(b, k, db);
    }
    return new Dual(v, g, m);
  }

  // ---- operators ---------------------------------------------------------------------------------

  public static Dual add(Dual a, Dual b) {
    return chain(a.v + b.v, a, 1.0, b, 1.0);
  }

  public static Dual sub(Dual a, Dual b) {
    return chain(a.v - b.v, a, 1.0, b, -1.0);
  }

  public static Dual mul(Dual a, Dual b) {
    return chain(a.v * b.v, a, b.v, b, a.v);
  }

  public static Dual div(Dual a, Dual b) {
    // -(a / b) / b, not -a / (b * b): b * b overflows for |b| > 1e154 where a / b is still exact
    // (a / a of a = 1e166: seed 173, program 7067).
    return chain(a.v / b.v, a, 1.0 / b.v, b, -(a.v / b.v) / b.v);
  }

  /**
   * Java's {@code %}: a - b * q with q the integer quotient the remainder was taken with, exact
   * (BigDecimal): trunc(a / b) of the rounded quotient is one off where a / b rounds up to an
   * integer (seed 163, program 3590: a - a % b is a multiple of b).
   */
  public static Dual rem(Dual a, Dual b) {
    double trunc;
    if (Double.isFinite(a.v) && Double.isFinite(b.v) && b.v != 0.0) {
      trunc = new java.math.BigDecimal(a.v).divide(new java.math.BigDecimal(b.v), 0, java.math.RoundingMode.DOWN)
          .doubleValue();
    } else {
      double q = a.v / b.v; // NaN, or infinite: the remainder is NaN anyway
      trunc = q < 0 ? Math.ceil(q) : Math.floor(q);
    }
    return chain(a.v % b.v, a, 1.0, b, -trunc);
  }

  public static Dual neg(Dual a) {
    return chain(-a.v, a, -1.0);
  }

  // ---- Math and Functions ------------------------------------------------------------------------

  public static Dual abs(Dual a) {
    return chain(Math.abs(a.v), a, Math.signum(a.v));
  }

  /** Ties go to the first operand, which is the one Math.max returns. */
  public static Dual max(Dual a, Dual b) {
    double z = Math.max(a.v, b.v);
    return a.v == z ? chain(z, a, 1.0) : chain(z, b, 1.0);
  }

  public static Dual min(Dual a, Dual b) {
    double z = Math.min(a.v, b.v);
    return a.v == z ? chain(z, a, 1.0) : chain(z, b, 1.0);
  }

  public static Dual sqrt(Dual a) {
    double z = Math.sqrt(a.v);
    return chain(z, a, 0.5 / z);
  }

  public static Dual cbrt(Dual a) {
    double z = Math.cbrt(a.v);
    return chain(z, a, 1.0 / (3.0 * z * z));
  }

  public static Dual exp(Dual a) {
    double z = Math.exp(a.v);
    return chain(z, a, z);
  }

  public static Dual expm1(Dual a) {
    return chain(Math.expm1(a.v), a, Math.exp(a.v));
  }

  public static Dual log(Dual a) {
    return chain(Math.log(a.v), a, 1.0 / a.v);
  }

  public static Dual log10(Dual a) {
    return chain(Math.log10(a.v), a, 1.0 / (a.v * Math.log(10.0)));
  }

  public static Dual log1p(Dual a) {
    return chain(Math.log1p(a.v), a, 1.0 / (1.0 + a.v));
  }

  public static Dual pow(Dual a, Dual b) {
    double z = Math.pow(a.v, b.v);
    double da = b.v == 0.0 ? 0.0 : b.v * Math.pow(a.v, b.v - 1.0);
    double db = a.v == 0.0 ? 0.0 : z * Math.log(a.v);
    return chain(z, a, da, b, db);
  }

  public static Dual sin(Dual a) {
    return chain(Math.sin(a.v), a, Math.cos(a.v));
  }

  public static Dual cos(Dual a) {
    return chain(Math.cos(a.v), a, -Math.sin(a.v));
  }

  public static Dual tan(Dual a) {
    double c = Math.cos(a.v);
    return chain(Math.tan(a.v), a, 1.0 / (c * c));
  }

  public static Dual asin(Dual a) {
    return chain(Math.asin(a.v), a, 1.0 / Math.sqrt(1.0 - a.v * a.v));
  }

  public static Dual acos(Dual a) {
    return chain(Math.acos(a.v), a, -1.0 / Math.sqrt(1.0 - a.v * a.v));
  }

  public static Dual atan(Dual a) {
    return chain(Math.atan(a.v), a, 1.0 / (1.0 + a.v * a.v));
  }

  /** atan2(y, x): d/dy = x / (x² + y²), d/dx = -y / (x² + y²). */
  public static Dual atan2(Dual y, Dual x) {
    double r2 = x.v * x.v + y.v * y.v;
    return chain(Math.atan2(y.v, x.v), y, x.v / r2, x, -y.v / r2);
  }

  public static Dual sinh(Dual a) {
    return chain(Math.sinh(a.v), a, Math.cosh(a.v));
  }

  public static Dual cosh(Dual a) {
    return chain(Math.cosh(a.v), a, Math.sinh(a.v));
  }

  public static Dual tanh(Dual a) {
    double c = Math.cosh(a.v);
    return chain(Math.tanh(a.v), a, 1.0 / (c * c));
  }

  public static Dual hypot(Dual a, Dual b) {
    double z = Math.hypot(a.v, b.v);
    return chain(z, a, a.v / z, b, b.v / z);
  }

  public static Dual floor(Dual a) {
    return c(Math.floor(a.v));
  }

  public static Dual ceil(Dual a) {
    return c(Math.ceil(a.v));
  }

  public static Dual rint(Dual a) {
    return c(Math.rint(a.v));
  }

  public static Dual signum(Dual a) {
    return c(Math.signum(a.v));
  }

  public static Dual sigmoid(Dual a) {
    return chain(Functions.sigmoid(a.v), a, Functions.sigmoid(a.v) * Functions.sigmoid(-a.v));
  }

  public static Dual relu(Dual a) {
    return chain(Functions.relu(a.v), a, a.v > 0 ? 1.0 : 0.0);
  }

  public static Dual softplus(Dual a) {
    return chain(Functions.softplus(a.v), a, Functions.sigmoid(a.v));
  }

  /**
   * Inverted dropout: the same draw from the same stream as {@code Functions.dropout}, so the
   * twin run from the same stream state sees the method's masks; the tangent is scaled by it.
   */
  public static Dual dropout(Dual a, Dual keep) {
    double scale = Dropout.scale(keep.v);
    return chain(a.v * scale, a, scale);
  }

  @Override
  public String toString() {
    return v + (g == null ? " (const)" : " " + java.util.Arrays.toString(g));
  }
}
