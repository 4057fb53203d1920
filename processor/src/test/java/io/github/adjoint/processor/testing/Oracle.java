package io.github.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Independent gradient oracles, written without looking at the processor:
 *
 * <ul>
 *   <li>{@link #ds}: Hipparchus forward mode ({@link DerivativeStructure}, order 1, one free variable
 *       per differentiable parameter); the test writes its function a second time in DS form.
 *   <li>{@link #fd}: central finite differences (five-point stencil, error O(h^4)) of any
 *       double-valued function, typically the user's own method called reflectively.
 *   <li>{@link #exact}: values worked out by hand.
 * </ul>
 */
public final class Oracle {
  /** Relative tolerance of the forward-mode oracle. */
  public static final double DS_REL = 1e-10;
  /** Absolute floor of the forward-mode oracle (gradients that are exactly 0 or cancel). */
  public static final double DS_ABS = 1e-12;
  public static final double FD_REL = 1e-7;
  public static final double FD_ABS = 1e-8;

  private Oracle() {}

  /** Expected value and gradient, with the tolerance appropriate to the oracle that produced them. */
  public record Expected(String source, double value, double[] gradient, double rel, double abs) {
    public double gradient(int i) {
      return gradient[i];
    }

    /** The sum of two expected gradients (accumulate); the value is {@code other}'s. */
    public Expected plus(Expected other) {
      double[] g = new double[gradient.length];
      for (int i = 0; i < g.length; i++) {
        g[i] = gradient[i] + other.gradient[i];
      }
      return new Expected(
          source + "+" + other.source, other.value, g, Math.max(rel, other.rel), Math.max(abs, other.abs));
    }

    public Expected withTolerance(double rel, double abs) {
      return new Expected(source, value, gradient, rel, abs);
    }

    @Override
    public String toString() {
      return source + "[value=" + value + ", gradient=" + Arrays.toString(gradient) + "]";
    }
  }

  /** A function of the differentiable parameters written with Hipparchus derivative structures. */
  @FunctionalInterface
  public interface DsFunction {
    DerivativeStructure apply(DerivativeStructure[] v);
  }

  /** Forward mode: one free variable per entry of {@code point}. */
  public static Expected ds(DsFunction f, double... point) {
    DSFactory factory = new DSFactory(point.length, 1);
    DerivativeStructure[] v = new DerivativeStructure[point.length];
    for (int i = 0; i < point.length; i++) {
      v[i] = factory.variable(i, point[i]);
    }
    DerivativeStructure y = f.apply(v);
    double[] g = new double[point.length];
    for (int i = 0; i < point.length; i++) {
      int[] orders = new int[point.length];
      orders[i] = 1;
      g[i] = y.getPartialDerivative(orders);
    }
    return new Expected("DerivativeStructure", y.getValue(), g, DS_REL, DS_ABS);
  }

  /**
   * Central differences, five-point stencil, step {@code h * max(1, |x_i|)} per coordinate. The
   * function must be smooth (no branch switch) within 2h of the point.
   */
  public static Expected fd(ToDoubleFunction<double[]> f, double h, double... point) {
    double[] g = new double[point.length];
    for (int i = 0; i < point.length; i++) {
      double step = h * Math.max(1, Math.abs(point[i]));
      double[] p = point.clone();
      p[i] = point[i] + 2 * step;
      double f2 = f.applyAsDouble(p.clone());
      p[i] = point[i] + step;
      double f1 = f.applyAsDouble(p.clone());
      p[i] = point[i] - step;
      double fm1 = f.applyAsDouble(p.clone());
      p[i] = point[i] - 2 * step;
      double fm2 = f.applyAsDouble(p.clone());
      g[i] = (-f2 + 8 * f1 - 8 * fm1 + fm2) / (12 * step);
    }
    return new Expected("finite differences", f.applyAsDouble(point.clone()), g, FD_REL, FD_ABS);
  }

  public static Expected fd(ToDoubleFunction<double[]> f, double... point) {
    return fd(f, 1e-3, point);
  }

  /** Hand-computed value and gradient; compared at the forward-mode tolerance. */
  public static Expected exact(double value, double... gradient) {
    return new Expected("hand math", value, gradient, DS_REL, DS_ABS);
  }

  // ---- helpers for writing DS versions of Java code --------------------------------------------

  public static DerivativeStructure constant(DerivativeStructure like, double c) {
    return like.getFactory().constant(c);
  }

  /** Java's {@code Math.max} away from ties: the larger operand, with its derivative. */
  public static DerivativeStructure max(DerivativeStructure a, DerivativeStructure b) {
    return a.getValue() >= b.getValue() ? a : b;
  }

  public static DerivativeStructure min(DerivativeStructure a, DerivativeStructure b) {
    return a.getValue() <= b.getValue() ? a : b;
  }

  /** Java's {@code %} (truncating remainder, not IEEE remainder): a - b * trunc(a / b). */
  public static DerivativeStructure rem(DerivativeStructure a, DerivativeStructure b) {
    double q = a.getValue() / b.getValue();
    double t = q < 0 ? Math.ceil(q) : Math.floor(q);
    return a.subtract(b.multiply(t));
  }

  /**
   * {@code sqrt(a^2 + b^2)} written out: Hipparchus' own {@code hypot} returns the larger operand
   * unchanged when the exponents differ by more than 27, dropping the smaller one's derivative
   * (d hypot/dx = x / h is tiny there, but not 0).
   */
  public static DerivativeStructure hypot(DerivativeStructure a, DerivativeStructure b) {
    return a.multiply(a).add(b.multiply(b)).sqrt();
  }

  /** {@code c / x}. */
  public static DerivativeStructure div(double c, DerivativeStructure x) {
    return x.reciprocal().multiply(c);
  }

  /** {@code c - x}. */
  public static DerivativeStructure sub(double c, DerivativeStructure x) {
    return x.negate().add(c);
  }

  // ---- comparison ------------------------------------------------------------------------------

  public static boolean close(double expected, double actual, double rel, double abs) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return Double.isNaN(expected) && Double.isNaN(actual);
    }
    if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
      return expected == actual;
    }
    return Math.abs(expected - actual) <= Math.max(abs, rel * Math.max(Math.abs(expected), Math.abs(actual)));
  }

  public static void assertClose(String what, double expected, double actual, double rel, double abs) {
    if (!close(expected, actual, rel, abs)) {
      fail(what + ": expected " + expected + " but was " + actual + " (difference " + (actual - expected)
          + ", relative tolerance " + rel + ", absolute " + abs + ")");
    }
  }
}
