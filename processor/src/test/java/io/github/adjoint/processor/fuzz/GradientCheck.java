package io.github.adjoint.processor.fuzz;

import io.github.adjoint.Dropout;
import io.github.adjoint.processor.fuzz.Ast.Param;
import io.github.adjoint.processor.fuzz.Ast.Program;
import io.github.adjoint.processor.fuzz.Ast.T;
import io.github.adjoint.processor.fuzz.FuzzRunner.Kind;
import io.github.adjoint.processor.fuzz.FuzzRunner.Outcome;
import io.github.adjoint.processor.testing.Compiled;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Checks one compiled program on random inputs: {@code compute} returns the method's own value bit
 * for bit and leaves the arguments alone, every gradient field has the argument's shape and equals
 * the twin's gradient to 1e-10 relative (or within 1e-14 of the size of the terms it was summed
 * from, or of the value's, where an entry cancels to rounding noise), {@code accumulate} twice gives
 * twice the gradient, and all of that again on a second array shape with the same instance. Every
 * evaluation of one input starts from the same dropout stream state, so all see the same masks, and
 * each must leave the stream where the method leaves it (no draw repeated or skipped).
 */
final class GradientCheck {
  static final double REL = 1e-10;
  static final double ABS = 1e-14;
  static final double HUGE = 1e8;

  private final Program program;
  private final Method user;
  private final Method twin;
  private final Object backward;
  private final Method compute;
  private final Method accumulate;
  private final Method zero;
  private final Random rnd;
  /** The dropout stream's state every evaluation of one input starts from: the same masks. */
  private long streamState;

  GradientCheck(Compiled compiled, String name, Program program, long seed) throws ReflectiveOperationException {
    this.program = program;
    this.user = function(compiled.load(JavaPrinter.PACKAGE + "." + name));
    this.twin = function(compiled.load(JavaPrinter.PACKAGE + "." + name + "Twin"));
    Class<?> type = compiled.load(JavaPrinter.PACKAGE + "." + name + "FBackward");
    this.backward = type.getConstructor().newInstance();
    this.compute = type.getMethod("compute", user.getParameterTypes());
    this.accumulate = type.getMethod("accumulate", user.getParameterTypes());
    this.zero = type.getMethod("zero");
    this.rnd = new Random(seed);
  }

  private static Method function(Class<?> type) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals("f")) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new IllegalStateException("no f in " + type);
  }

  Outcome run() throws ReflectiveOperationException {
    int n = 2 + rnd.nextInt(4);
    int m = 2 + rnd.nextInt(4);
    int[][] shapes = {{n, m}, {n == 2 ? 4 : n - 1, m == 5 ? 3 : m + 1}};
    for (int s = 0; s < shapes.length; s++) {
      for (int t = 0; t < (s == 0 ? 3 : 2); t++) {
        Outcome o = once(arguments(shapes[s][0], shapes[s][1]));
        if (o.failed()) {
          return o;
        }
      }
    }
    return Outcome.PASS;
  }

  private Object[] arguments(int n, int m) {
    List<Param> params = program.main().params();
    Object[] args = new Object[params.size()];
    for (int i = 0; i < args.length; i++) {
      Param p = params.get(i);
      args[i] = switch (p.type()) {
        case DOUBLE -> uniform();
        case INT -> 1 + rnd.nextInt(3);
        case ARRAY -> array(p.name().equals("v") ? m : n);
        default -> matrix(n, m);
      };
    }
    return args;
  }

  private double uniform() {
    return Math.rint((rnd.nextDouble() * 3 - 1.5) * 1e6) / 1e6;
  }

  private double[] array(int length) {
    double[] a = new double[length];
    for (int i = 0; i < length; i++) {
      a[i] = uniform();
    }
    return a;
  }

  private double[][] matrix(int rows, int columns) {
    double[][] a = new double[rows][];
    for (int i = 0; i < rows; i++) {
      a[i] = array(columns);
    }
    return a;
  }

  private Outcome once(Object[] args) throws ReflectiveOperationException {
    String input = "input " + Values.show(args);
    streamState++;
    double plain;
    try {
      Dropout.state(streamState);
      plain = (double) user.invoke(null, Values.deepCopy(args));
    } catch (InvocationTargetException e) {
      return new Outcome(Kind.FUZZER_BUG, "the user's method threw " + e.getCause() + "; " + input);
    }
    long drawn = Dropout.state();
    Object[] copy = Values.deepCopy(args);
    Object[] duals = Values.duals(program.main().params(), args);
    Dual result;
    try {
      Dropout.state(streamState);
      result = (Dual) twin.invoke(null, duals);
    } catch (InvocationTargetException e) {
      return new Outcome(Kind.FUZZER_BUG, "the twin threw " + e.getCause() + "; " + input);
    }
    if (Double.compare(result.v, plain) != 0 || Dropout.state() != drawn) {
      return new Outcome(Kind.FUZZER_BUG, "twin value " + result.v + " but the method returned " + plain
          + " (or they drew differently); " + input);
    }
    for (int round = 1; round <= 2; round++) {
      double value;
      String how = round == 1 ? "compute" : "accumulate twice";
      try {
        if (round == 1) {
          Dropout.state(streamState);
          value = (double) compute.invoke(backward, copy);
        } else {
          zero.invoke(backward);
          Dropout.state(streamState);
          accumulate.invoke(backward, copy);
          Dropout.state(streamState);
          value = (double) accumulate.invoke(backward, copy);
        }
      } catch (InvocationTargetException e) {
        return new Outcome(Kind.EXCEPTION, (round == 1 ? "compute" : "accumulate") + " threw " + Values.trace(e.getCause())
            + "; " + input);
      }
      if (Dropout.state() != drawn) {
        return new Outcome(Kind.VALUE_MISMATCH, how + " drew other dropout masks than the method; " + input);
      }
      if (!Arrays.deepEquals(copy, args)) {
        return new Outcome(Kind.EXCEPTION, how + " modified an argument: " + Values.show(copy) + "; " + input);
      }
      if (Double.compare(plain, value) != 0) {
        return new Outcome(Kind.VALUE_MISMATCH, how + " returned " + value + " but the method returned " + plain + "; " + input);
      }
      if (!Double.isFinite(plain) || Math.abs(plain) > HUGE) {
        return Outcome.PASS;
      }
      List<String> errors = compareGradients(args, result, round);
      if (!errors.isEmpty()) {
        return new Outcome(Kind.GRADIENT_MISMATCH, how + " on " + input + " (value " + plain + "):\n    "
            + String.join("\n    ", errors.subList(0, Math.min(12, errors.size()))));
      }
    }
    return Outcome.PASS;
  }

  /** Every differentiable parameter's field against {@code scale} times the twin's tangents. */
  private List<String> compareGradients(Object[] args, Dual result, double scale) throws ReflectiveOperationException {
    List<Param> params = program.main().params();
    List<double[]> expected = Values.tangents(params, args, result);
    double largest = 0;
    for (double[] e : expected) {
      for (double x : e) {
        largest = Math.max(largest, Math.abs(scale * x));
      }
    }
    // Forward and reverse mode sum the same terms in other orders: an entry that cancels keeps a
    // rounding residue of the size of its terms (the twin's magnitudes), or of the value's size.
    double roundingFloor = ABS * Math.max(1.0, Math.abs(result.v));
    List<double[]> magnitudes = Values.magnitudes(params, args, result);
    List<String> errors = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      if (p.noGrad() || p.type() == T.INT) {
        continue;
      }
      Object field = backward.getClass().getField(p.name()).get(backward);
      double[] actual = Values.flatten(field, args[i], p.name(), errors);
      double[] size = magnitudes.get(at);
      double[] want = expected.get(at++);
      if (actual == null) {
        continue;
      }
      for (int j = 0; j < want.length; j++) {
        double e = scale * want[j];
        double a = actual[j];
        // Double.compare: NaN agrees with NaN, where 0 · ∞ in the chain rule makes both modes say
        // the derivative is undefined (x = pow(x * x, v) twenty times underflows to 0, then ∞).
        // A NaN of the twin whose terms overflowed (∞ - ∞) is no oracle: the exact derivative
        // may be any number there, 0 included (seed 263, program 3461). Such entries are left out.
        boolean twinOverflowed = Double.isNaN(e) && Double.isInfinite(size[j]);
        boolean same = Double.compare(e, a) == 0
            || twinOverflowed
            || Math.abs(a - e) <= REL * Math.max(Math.max(Math.abs(a), Math.abs(e)), 1e-3 * largest)
            || Math.abs(a - e) <= Math.max(roundingFloor, ABS * scale * size[j]);
        if (!same) {
          errors.add("d/d" + p.name() + Values.entry(args[i], j) + ": expected " + e + " but was " + a);
        }
      }
    }
    return errors;
  }
}
