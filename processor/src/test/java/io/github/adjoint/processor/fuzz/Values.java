package io.github.adjoint.processor.fuzz;

import io.github.adjoint.processor.fuzz.Ast.Param;
import io.github.adjoint.processor.fuzz.Ast.T;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Arguments of the function under test: copies, dual versions, flattened gradients, printing. */
final class Values {
  private Values() {}

  static Object[] deepCopy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] a) {
        out[i] = a.clone();
      } else if (out[i] instanceof double[][] m) {
        double[][] c = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
          c[r] = m[r].clone();
        }
        out[i] = c;
      }
    }
    return out;
  }

  /** Number of scalar entries of the differentiable arguments: the twin's tangent directions. */
  static int directions(List<Param> params, Object[] args) {
    int n = 0;
    for (int i = 0; i < args.length; i++) {
      if (!params.get(i).noGrad() && params.get(i).type() != T.INT) {
        n += flatten(args[i]).length;
      }
    }
    return n;
  }

  /** The twin's arguments: one tangent direction per entry of a differentiable argument, in order. */
  static Object[] duals(List<Param> params, Object[] args) {
    int n = directions(params, args);
    int[] k = {0};
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      boolean active = !params.get(i).noGrad();
      if (args[i] instanceof Double d) {
        out[i] = active ? Dual.input(d, n, k[0]++) : Dual.c(d);
      } else if (args[i] instanceof double[] a) {
        out[i] = duals(a, active, n, k);
      } else if (args[i] instanceof double[][] m) {
        Dual[][] rows = new Dual[m.length][];
        for (int r = 0; r < m.length; r++) {
          rows[r] = duals(m[r], active, n, k);
        }
        out[i] = rows;
      } else {
        out[i] = args[i];
      }
    }
    return out;
  }

  private static Dual[] duals(double[] a, boolean active, int n, int[] k) {
    Dual[] out = new Dual[a.length];
    for (int j = 0; j < a.length; j++) {
      out[j] = active ? Dual.input(a[j], n, k[0]++) : Dual.c(a[j]);
    }
    return out;
  }

  /** The twin's gradient, one flattened array per differentiable parameter, in order. */
  static List<double[]> tangents(List<Param> params, Object[] args, Dual result) {
    return perParameter(params, args, result::d);
  }

  /** The magnitudes of the terms each gradient entry was summed from, laid out as {@link #tangents}. */
  static List<double[]> magnitudes(List<Param> params, Object[] args, Dual result) {
    return perParameter(params, args, result::magnitude);
  }

  private static List<double[]> perParameter(
      List<Param> params, Object[] args, java.util.function.IntToDoubleFunction entry) {
    List<double[]> out = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < args.length; i++) {
      if (params.get(i).noGrad() || params.get(i).type() == T.INT) {
        continue;
      }
      double[] g = new double[flatten(args[i]).length];
      for (int j = 0; j < g.length; j++) {
        g[j] = entry.applyAsDouble(k++);
      }
      out.add(g);
    }
    return out;
  }

  static double[] flatten(Object arg) {
    if (arg instanceof Double d) {
      return new double[] {d};
    }
    if (arg instanceof double[] a) {
      return a.clone();
    }
    return Arrays.stream((double[][]) arg).flatMapToDouble(Arrays::stream).toArray();
  }

  /** A gradient field flattened, or null (with an error) if its shape is not the argument's. */
  static double[] flatten(Object field, Object arg, String name, List<String> errors) {
    if (arg instanceof Double) {
      return new double[] {(Double) field};
    }
    if (arg instanceof double[] a) {
      if (!(field instanceof double[] f) || f.length != a.length) {
        errors.add("gradient field " + name + " is " + show(field) + ", not of the argument's length " + a.length);
        return null;
      }
      return f.clone();
    }
    double[][] m = (double[][]) arg;
    boolean ok = field instanceof double[][] f && f.length == m.length;
    for (int r = 0; ok && r < m.length; r++) {
      ok = ((double[][]) field)[r] != null && ((double[][]) field)[r].length == m[r].length;
    }
    if (!ok) {
      errors.add("gradient field " + name + " is " + show(field) + ", not of the argument's shape");
      return null;
    }
    return flatten(field);
  }

  /** {@code ""}, {@code "[j]"} or {@code "[r][c]"}: entry j of the flattened argument. */
  static String entry(Object arg, int j) {
    if (arg instanceof double[]) {
      return "[" + j + "]";
    }
    if (arg instanceof double[][] m) {
      for (int r = 0; r < m.length; r++) {
        if (j < m[r].length) {
          return "[" + r + "][" + j + "]";
        }
        j -= m[r].length;
      }
    }
    return "";
  }

  static String show(Object o) {
    if (o instanceof Object[] a) {
      List<String> parts = new ArrayList<>();
      for (Object x : a) {
        parts.add(show(x));
      }
      return "(" + String.join(", ", parts) + ")";
    }
    if (o instanceof double[] a) {
      return Arrays.toString(a);
    }
    if (o instanceof double[][] m) {
      return Arrays.deepToString(m);
    }
    return String.valueOf(o);
  }

  static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    String[] lines = out.toString().split("\n");
    return String.join("\n", Arrays.asList(lines).subList(0, Math.min(6, lines.length)));
  }
}
