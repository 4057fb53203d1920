package io.github.adjoint.processor.loops;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Independent oracles for functions of arrays, written without looking at the processor:
 *
 * <ul>
 *   <li>{@link #ds}: Hipparchus forward mode, one free variable per element of every
 *       differentiable argument; the test writes its function a second time with {@link
 *       DerivativeStructure}s, reading the arguments by parameter name from {@link DsArgs};
 *   <li>{@link #fd}: central differences (five-point stencil) of the user's own method, one
 *       element at a time.
 * </ul>
 *
 * Gradients are maps from parameter name to {@code Double}, {@code double[]} or {@code double[][]}
 * of the argument's shape.
 */
final class ArrayOracle {
  /** Forward mode computes the same chain-rule products in another order: a few ulps per operation. */
  static final double DS_REL = 1e-10;
  static final double DS_ABS = 1e-12;

  private ArrayOracle() {}

  record Expected(String source, double value, Map<String, Object> gradient, double rel, double abs) {
    /** The element-wise sum of two gradients; the value is {@code other}'s. */
    Expected plus(Expected other) {
      Map<String, Object> sum = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : gradient.entrySet()) {
        sum.put(e.getKey(), add(e.getValue(), other.gradient.get(e.getKey())));
      }
      return new Expected(source + "+" + other.source, other.value, sum, Math.max(rel, other.rel),
          Math.max(abs, other.abs));
    }

    Expected withTolerance(double rel, double abs) {
      return new Expected(source, value, gradient, rel, abs);
    }

    private static Object add(Object a, Object b) {
      if (a instanceof Double x) {
        return x + (Double) b;
      }
      if (a instanceof double[] x) {
        double[] y = (double[]) b;
        if (x.length != y.length) {
          throw new IllegalArgumentException("test bug: shapes differ");
        }
        double[] s = new double[x.length];
        for (int i = 0; i < s.length; i++) {
          s[i] = x[i] + y[i];
        }
        return s;
      }
      double[][] x = (double[][]) a;
      double[][] y = (double[][]) b;
      double[][] s = new double[x.length][];
      for (int i = 0; i < s.length; i++) {
        s[i] = (double[]) add(x[i], y[i]);
      }
      return s;
    }
  }

  /** The function written with derivative structures. */
  @FunctionalInterface
  interface DsBody {
    DerivativeStructure apply(DsArgs a);
  }

  /** The arguments of one call, by parameter name: variables for differentiable ones, plain values otherwise. */
  static final class DsArgs {
    private final Map<String, Object> values;
    private final DSFactory factory;

    DsArgs(Map<String, Object> values, DSFactory factory) {
      this.values = values;
      this.factory = factory;
    }

    private Object get(String name) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("test bug: no parameter " + name);
      }
      return values.get(name);
    }

    DerivativeStructure s(String name) {
      Object v = get(name);
      return v instanceof Double d ? c(d) : (DerivativeStructure) v;
    }

    DerivativeStructure[] v(String name) {
      Object v = get(name);
      if (v instanceof double[] d) {
        DerivativeStructure[] out = new DerivativeStructure[d.length];
        for (int i = 0; i < d.length; i++) {
          out[i] = c(d[i]);
        }
        return out;
      }
      return (DerivativeStructure[]) v;
    }

    DerivativeStructure[][] m(String name) {
      Object v = get(name);
      if (v instanceof double[][] d) {
        DerivativeStructure[][] out = new DerivativeStructure[d.length][];
        for (int i = 0; i < d.length; i++) {
          out[i] = new DerivativeStructure[d[i].length];
          for (int j = 0; j < d[i].length; j++) {
            out[i][j] = c(d[i][j]);
          }
        }
        return out;
      }
      return (DerivativeStructure[][]) v;
    }

    double d(String name) {
      return (Double) get(name);
    }

    double[] dv(String name) {
      return (double[]) get(name);
    }

    double[][] dm(String name) {
      return (double[][]) get(name);
    }

    int i(String name) {
      return ((Number) get(name)).intValue();
    }

    DerivativeStructure c(double value) {
      return factory.constant(value);
    }
  }

  /** Forward mode over every element of every differentiable argument of {@code fn}. */
  static Expected ds(ArrayFunction fn, DsBody body, Object[] args) {
    String[] names = fn.parameterNames();
    int count = 0;
    for (String g : fn.gradients()) {
      count += size(args[fn.position(g)]);
    }
    DSFactory factory = new DSFactory(Math.max(count, 1), 1);
    Map<String, Object> values = new LinkedHashMap<>();
    for (int p = 0; p < names.length; p++) {
      values.put(names[p], ArrayFunction.deepCopy(args[p]));
    }
    int[] next = {0};
    for (String g : fn.gradients()) {
      Object a = args[fn.position(g)];
      if (a instanceof Double d) {
        values.put(g, factory.variable(next[0]++, d));
      } else if (a instanceof double[] v) {
        values.put(g, variables(factory, v, next));
      } else {
        double[][] m = (double[][]) a;
        DerivativeStructure[][] out = new DerivativeStructure[m.length][];
        for (int i = 0; i < m.length; i++) {
          out[i] = variables(factory, m[i], next);
        }
        values.put(g, out);
      }
    }
    DerivativeStructure y = body.apply(new DsArgs(values, factory));
    double[] partials = new double[count];
    for (int k = 0; k < count; k++) {
      int[] orders = new int[count];
      orders[k] = 1;
      partials[k] = y.getPartialDerivative(orders);
    }
    return new Expected("DerivativeStructure", y.getValue(), unflatten(fn, args, partials), DS_REL, DS_ABS);
  }

  private static DerivativeStructure[] variables(DSFactory factory, double[] v, int[] next) {
    DerivativeStructure[] out = new DerivativeStructure[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = factory.variable(next[0]++, v[i]);
    }
    return out;
  }

  /**
   * Central differences of the user's own method, step {@code h * max(1, |x|)} per element,
   * five-point stencil (error O(h^4)); the caller chooses the tolerance.
   */
  static Expected fd(ArrayFunction fn, double h, Object[] args) {
    double[] point = flatten(fn, args);
    ToDoubleFunction<double[]> f = p -> fn.original(with(fn, args, p));
    double[] g = new double[point.length];
    for (int i = 0; i < point.length; i++) {
      double step = h * Math.max(1, Math.abs(point[i]));
      double[] p = point.clone();
      p[i] = point[i] + 2 * step;
      double f2 = f.applyAsDouble(p);
      p[i] = point[i] + step;
      double f1 = f.applyAsDouble(p);
      p[i] = point[i] - step;
      double fm1 = f.applyAsDouble(p);
      p[i] = point[i] - 2 * step;
      double fm2 = f.applyAsDouble(p);
      g[i] = (-f2 + 8 * f1 - 8 * fm1 + fm2) / (12 * step);
    }
    return new Expected("finite differences", fn.original(args), unflatten(fn, args, g), 1e-7, 1e-8);
  }

  /** Hand-computed gradient. */
  static Expected exact(double value, Map<String, Object> gradient) {
    return new Expected("hand math", value, gradient, DS_REL, DS_ABS);
  }

  static int size(Object a) {
    if (a instanceof Double) {
      return 1;
    }
    if (a instanceof double[] v) {
      return v.length;
    }
    int n = 0;
    for (double[] row : (double[][]) a) {
      n += row.length;
    }
    return n;
  }

  static double[] flatten(ArrayFunction fn, Object[] args) {
    List<Double> out = new ArrayList<>();
    for (String g : fn.gradients()) {
      Object a = args[fn.position(g)];
      if (a instanceof Double d) {
        out.add(d);
      } else if (a instanceof double[] v) {
        for (double d : v) {
          out.add(d);
        }
      } else {
        for (double[] row : (double[][]) a) {
          for (double d : row) {
            out.add(d);
          }
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** {@code args} with the differentiable elements replaced by {@code flat}. */
  static Object[] with(ArrayFunction fn, Object[] args, double[] flat) {
    Object[] out = ArrayFunction.deepCopy(args);
    Map<String, Object> parts = unflatten(fn, args, flat);
    for (String g : fn.gradients()) {
      out[fn.position(g)] = parts.get(g);
    }
    return out;
  }

  static Map<String, Object> unflatten(ArrayFunction fn, Object[] args, double[] flat) {
    Map<String, Object> out = new LinkedHashMap<>();
    int k = 0;
    for (String g : fn.gradients()) {
      Object a = args[fn.position(g)];
      if (a instanceof Double) {
        out.put(g, flat[k++]);
      } else if (a instanceof double[] v) {
        out.put(g, Arrays.copyOfRange(flat, k, k + v.length));
        k += v.length;
      } else {
        double[][] m = (double[][]) a;
        double[][] r = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
          r[i] = Arrays.copyOfRange(flat, k, k + m[i].length);
          k += m[i].length;
        }
        out.put(g, r);
      }
    }
    return out;
  }

  static boolean close(double expected, double actual, double rel, double abs) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return Double.isNaN(expected) && Double.isNaN(actual);
    }
    if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
      return expected == actual;
    }
    return Math.abs(expected - actual) <= Math.max(abs, rel * Math.max(Math.abs(expected), Math.abs(actual)));
  }

  static void assertClose(String what, double expected, double actual, double rel, double abs) {
    if (!close(expected, actual, rel, abs)) {
      fail(what + ": expected " + expected + " but was " + actual + " (relative tolerance " + rel + ", absolute "
          + abs + ")");
    }
  }

  static String show(Object o) {
    if (o instanceof double[] v) {
      return v.length > 12 ? "double[" + v.length + "]" : Arrays.toString(v);
    }
    if (o instanceof double[][] m) {
      return m.length > 6 ? "double[" + m.length + "][]" : Arrays.deepToString(m);
    }
    return String.valueOf(o);
  }

  // ---- DS helpers for writing the oracles --------------------------------------------------------

  /** Java's {@code Math.max(0, x)} derivative convention away from 0. */
  static DerivativeStructure relu(DerivativeStructure x) {
    return x.getValue() > 0 ? x : x.getFactory().constant(0);
  }

  static DerivativeStructure sigmoid(DerivativeStructure x) {
    return x.negate().exp().add(1).reciprocal();
  }

  static DerivativeStructure sum(DerivativeStructure[] terms, DerivativeStructure zero) {
    DerivativeStructure s = zero;
    for (DerivativeStructure t : terms) {
      s = s.add(t);
    }
    return s;
  }
}
