package io.github.adjoint.processor.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.DerivedFrom;
import io.github.adjoint.Dropout;
import io.github.adjoint.processor.testing.Backward;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import org.junit.jupiter.api.Test;

/**
 * Dropout wherever Java lets it stand: in ?: and short circuits (it draws only when the method's
 * own evaluation reaches it), in conditions and loop conditions, unused, nested, as a call
 * argument, inside callees called in loops (whose reverse runs them again), from a jar, in
 * recursion, and in a function large enough to be split into methods. Each function has one
 * differentiable parameter {@code w}; the oracle is central differences of the method itself, the
 * stream set back to the same state before every evaluation, so every evaluation sees the same
 * masks. The generated class must return the method's value bit for bit and leave the stream
 * where the method leaves it: no draw repeated, none skipped.
 */
class DropoutFormsTest {
  static final String CALLEE = """
      package forms;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.Functions;
      import io.github.adjoint.NoGrad;

      public final class Unit {
        @Differentiable
        public static double unit(double a, @NoGrad double keep) {
          return Functions.dropout(Math.tanh(a), keep);
        }

        @Differentiable
        public static double plain(double a) {
          return a * a;
        }
      }
      """;

  static final String CALLERS = """
      package forms;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.Functions;
      import io.github.adjoint.NoGrad;

      public final class F {
        @Differentiable
        public static double conditional(double w, @NoGrad double d) {
          double h = d > 0 ? Functions.dropout(w * d, 0.5) : w;
          double g = w * (d < 1 ? Functions.dropout(d, 0.6) : 1.0);
          return h + g;
        }

        @Differentiable
        public static double shortCircuit(double w, @NoGrad double d) {
          double s = w;
          if (d > 0 && Functions.dropout(w, 0.5) > 0) {
            s = s * w;
          }
          boolean either = d < 0 || Functions.dropout(d, 0.5) != 0;
          if (either) {
            s = s + Functions.dropout(w * w, 0.5);
          }
          return s;
        }

        @Differentiable
        public static double unusedAndNested(double w) {
          double unused = Functions.dropout(w, 0.3);
          double h = Functions.dropout(Functions.dropout(w, 0.5) * w, 0.8);
          return h + Functions.dropout(1.0, 0.5) * w;
        }

        @Differentiable
        public static double loops(double w, int n) {
          double s = 0;
          int i = 0;
          while (i < n && Functions.dropout(1.0, 0.9) > 0) {
            s += Functions.dropout(Math.sin(w * i), 0.5);
            i++;
          }
          do {
            s = s * Functions.dropout(w, 0.75) + w;
            i--;
          } while (i > 0);
          return s;
        }

        @Differentiable
        public static double callsInALoop(double w, int n) {
          double s = Unit.unit(w, 0.5);
          for (int i = 0; i < n; i++) {
            s += Unit.unit(w * (i + 1), 0.5) * w + Unit.plain(w);
          }
          return s;
        }

        @Differentiable
        public static double argument(double w) {
          return Unit.unit(Functions.dropout(w, 0.5) * w, 0.7);
        }

        @Differentiable
        public static double recursive(double w, int depth) {
          if (depth == 0) {
            return Functions.dropout(w, 0.6);
          }
          double s = 0;
          for (int i = 0; i < 2; i++) {
            s += recursive(w * 0.9, depth - 1) * w;
          }
          return s;
        }

        @Differentiable
        public static double noDropout(double w, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += Unit.plain(w);
          }
          return s;
        }

        @Differentiable
        public static double large(double w) {
          double s = w;
      %s    return s;
        }
      }
      """.formatted(largeBody());

  /** Over a hundred writes: the function keeps its values in fields and is split into methods. */
  private static String largeBody() {
    StringBuilder body = new StringBuilder();
    for (int k = 1; k <= 50; k++) {
      body.append("    s = s + Functions.dropout(Math.sin(w + ").append(k).append(") * s, 0.5) * 0.05;\n");
    }
    return body.toString();
  }

  static final Compiled COMPILED = InMemoryCompiler.compile(CALLEE, CALLERS);

  /**
   * One call through {@code compute} from {@code state}, then one through {@code accumulate},
   * which continues the stream; returns nothing, asserts everything of the class comment.
   */
  static void checkFrom(Differentiated f, long state, Object... rawArgs) {
    Object[] args = f.arguments(rawArgs);
    String where = f.method().getName() + java.util.Arrays.toString(args) + " from state " + state;
    Dropout.state(state);
    double original = f.original(args);
    long afterFirst = Dropout.state();
    double originalAgain = f.original(args);
    long afterSecond = Dropout.state();
    double first = derivative(f, state, args);
    double second = derivative(f, afterFirst, args);

    Backward b = f.newBackward();
    Dropout.state(state);
    assertBitEqual(where + ": compute", original, b.compute(args));
    assertEquals(afterFirst, Dropout.state(), where + ": compute draws exactly what the method draws");
    Oracle.assertClose(where + ": d/dw of compute", first, b.grad("w"), Oracle.FD_REL, Oracle.FD_ABS);
    assertBitEqual(where + ": accumulate", originalAgain, b.accumulate(args));
    assertEquals(afterSecond, Dropout.state(), where + ": accumulate draws exactly what the method draws");
    Oracle.assertClose(where + ": d/dw of compute + accumulate", first + second, b.grad("w"), Oracle.FD_REL, Oracle.FD_ABS);
  }

  /** d/dw by central differences, every evaluation from the same stream state: the same masks. */
  private static double derivative(Differentiated f, long state, Object[] args) {
    return Oracle.fd(p -> {
      Object[] a = args.clone();
      a[0] = p[0];
      Dropout.state(state);
      return f.original(a);
    }, 1e-3, new double[] {(Double) args[0]}).gradient(0);
  }

  private static void assertBitEqual(String what, double expected, double actual) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        what + ": expected " + expected + ", was " + actual + " (not bit for bit the method's value)");
  }

  private static Differentiated f(String method) {
    return COMPILED.function("forms.F", method, "w");
  }

  @Test
  void conditionalDrawsOnlyInTheTakenBranch() {
    for (long seed = 0; seed < 12; seed++) {
      checkFrom(f("conditional"), seed, 0.8, 0.5);
      checkFrom(f("conditional"), seed, 0.8, -0.5);
      checkFrom(f("conditional"), seed, 0.8, 1.5);
    }
  }

  @Test
  void shortCircuitsDrawOnlyWhenTheMethodDoes() {
    for (long seed = 0; seed < 12; seed++) {
      checkFrom(f("shortCircuit"), seed, 0.7, 0.5);
      checkFrom(f("shortCircuit"), seed, 0.7, -0.5);
    }
  }

  @Test
  void unusedNestedAndConstantDropoutsDrawAsTheMethodDoes() {
    for (long seed = 0; seed < 12; seed++) {
      checkFrom(f("unusedAndNested"), seed, 1.3);
    }
  }

  @Test
  void loopConditionsAndDataDependentTripCounts() {
    for (long seed = 0; seed < 12; seed++) {
      checkFrom(f("loops"), seed, 0.9, 8);
    }
  }

  /** The reverse sweep runs a call in a loop again: from the state the forward call started at. */
  @Test
  void calleesThatDrawCalledInALoop() {
    for (long seed = 0; seed < 12; seed++) {
      checkFrom(f("callsInALoop"), seed, 0.6, 5);
    }
    String generated = f("callsInALoop").generatedSource();
    assertTrue(generated.contains("Dropout.state("), generated);
  }

  @Test
  void dropoutAsACallArgument() {
    for (long seed = 0; seed < 12; seed++) {
      checkFrom(f("argument"), seed, 1.1);
    }
  }

  @Test
  void recursionThatDraws() {
    for (long seed = 0; seed < 6; seed++) {
      checkFrom(f("recursive"), seed, 0.9, 3);
    }
  }

  @Test
  void aFunctionSplitIntoMethods() {
    String generated = f("large").generatedSource();
    assertTrue(generated.contains("private void forward"), "split into methods:\n" + generated);
    for (long seed = 0; seed < 6; seed++) {
      checkFrom(f("large"), seed, 0.4);
    }
  }

  /**
   * A generated class records whether its method draws, itself or through its callees, so that a
   * caller compiled later knows; a function that draws nothing neither records it nor touches the
   * stream's state around its calls.
   */
  @Test
  void generatedClassesRecordWhetherTheirMethodDraws() {
    assertTrue(drawsDropout("forms.UnitUnitBackward"));
    assertTrue(drawsDropout("forms.FCallsInALoopBackward"));
    assertTrue(drawsDropout("forms.FRecursiveBackward"));
    assertFalse(drawsDropout("forms.UnitPlainBackward"));
    assertFalse(drawsDropout("forms.FNoDropoutBackward"));
    String plain = f("noDropout").generatedSource();
    assertFalse(plain.contains("Dropout.state") || plain.contains("Dropout.scale"), plain);
  }

  private static boolean drawsDropout(String generated) {
    return COMPILED.load(generated).getAnnotation(DerivedFrom.class).drawsDropout();
  }

  /** A callee from a jar, whose body the processor cannot read: its class says that it draws. */
  @Test
  void aJarCalleeThatDrawsCalledInALoop() {
    Compiled jar = InMemoryCompiler.compile(CALLEE);
    Compiled caller = InMemoryCompiler.compileAgainst(jar, """
        package app;

        import io.github.adjoint.Differentiable;
        import forms.Unit;

        public final class Caller {
          @Differentiable
          public static double f(double w, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              s += Unit.unit(w * (i + 1), 0.6) * w;
            }
            return s;
          }
        }
        """);
    Differentiated f = caller.function("app.Caller", "f", "w");
    for (long seed = 0; seed < 12; seed++) {
      checkFrom(f, seed, 0.6, 4);
    }
  }
}
