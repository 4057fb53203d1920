package io.github.adjoint.processor.loops;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.adjoint.processor.testing.ClassFiles;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale: loops of a million iterations (tapes grow on the heap, the reverse sweep is a loop, not a
 * recursion: no stack overflow) with exact gradients, and a large function of about 300
 * statements inside and around loops whose generated methods all stay below HotSpot's 8,000-byte
 * limit.
 */
class ScaleTest {
  static final int MILLION = 1_000_000;

  static final String SOURCE = """
      package scale;

      import io.github.adjoint.Differentiable;

      public final class Big {
        @Differentiable
        static double sines(double w, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += Math.sin(w * i * 1e-6);
          }
          return s;
        }

        @Differentiable
        static double drift(double w, int n) {
          double x = 0.5;
          for (int i = 0; i < n; i++) {
            x = x + 1e-6 * Math.sin(x * w);
          }
          return x;
        }

        @Differentiable
        static double driftWhileBreak(double w) {
          double x = 0.5;
          int k = 0;
          while (true) {
            x = x + 1e-6 * Math.cos(x * w);
            k++;
            if (k >= 1000000) break;
          }
          return x;
        }
      }
      """;

  static Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = InMemoryCompiler.compile(SOURCE);
  }

  @Test
  void sumOfAMillionSines() {
    ArrayFunction f = ArrayFunction.of(compiled, "scale.Big", "sines", "w");
    double w = 2.5;
    // d/dw sum sin(w i 1e-6) = sum cos(w i 1e-6) i 1e-6, summed in plain doubles; the generated code
    // may sum the million terms in another order: rounding of about n * eps relative
    double g = 0;
    for (int i = 0; i < MILLION; i++) {
      g += Math.cos(w * i * 1e-6) * (i * 1e-6);
    }
    f.check(ArrayOracle.exact(f.original(w, MILLION), Map.of("w", g)).withTolerance(1e-9, 1e-9), w, MILLION);
  }

  /** Forward mode by hand (dual numbers) through {@code x = x + 1e-6 sin(x w)}. */
  static double[] driftTangent(double w, boolean cos) {
    double x = 0.5;
    double dx = 0;
    for (int i = 0; i < MILLION; i++) {
      double arg = x * w;
      double darg = dx * w + x;
      double t = cos ? Math.cos(arg) : Math.sin(arg);
      double dt = cos ? -Math.sin(arg) * darg : Math.cos(arg) * darg;
      x = x + 1e-6 * t;
      dx = dx + 1e-6 * dt;
    }
    return new double[] {x, dx};
  }

  @Test
  void aMillionLoopCarriedStepsOnTheTape() {
    ArrayFunction f = ArrayFunction.of(compiled, "scale.Big", "drift", "w");
    double w = 3.0;
    double[] tangent = driftTangent(w, false);
    f.check(ArrayOracle.exact(tangent[0], Map.of("w", tangent[1])).withTolerance(1e-9, 1e-12), w, MILLION);
  }

  @Test
  void aMillionTripWhileTrueWithBreak() {
    ArrayFunction f = ArrayFunction.of(compiled, "scale.Big", "driftWhileBreak", "w");
    double w = 1.7;
    double[] tangent = driftTangent(w, true);
    f.check(ArrayOracle.exact(tangent[0], Map.of("w", tangent[1])).withTolerance(1e-9, 1e-12), w);
  }

  // ---- a large function ---------------------------------------------------------------------

  static final int BLOCKS = 36;

  /** About 10 statements per block, half of them inside a loop: 300 and more in all. */
  static String largeSource() {
    StringBuilder b = new StringBuilder("""
        package scale;

        import io.github.adjoint.Differentiable;
        import io.github.adjoint.NoGrad;

        public final class Large {
          @Differentiable
          static double large(double[] w, double c, @NoGrad double[] x) {
            int n = w.length;
            double s = 0.1;
            double[] h = new double[n];
        """);
    for (int k = 0; k < BLOCKS; k++) {
      String a = "a" + k;
      b.append("    double ").append(a).append(" = w[").append(k % 4).append("] * 0.5 + s * 0.1;\n");
      b.append("    h[").append(k % 4).append("] = Math.tanh(").append(a).append(" * c);\n");
      switch (k % 3) {
        case 0 -> {
          b.append("    for (int i = 0; i < x.length; i++) {\n");
          b.append("      double t = ").append(a).append(" * x[i];\n");
          b.append("      ").append(a).append(" = ").append(a).append(" + 0.01 * Math.sin(t);\n");
          b.append("      s = s + 0.001 * t * w[(i + ").append(k).append(") % n];\n");
          b.append("      h[i % n] += 0.01 * ").append(a).append(";\n");
          b.append("    }\n");
        }
        case 1 -> {
          b.append("    int j").append(k).append(" = 0;\n");
          b.append("    while (j").append(k).append(" < n) {\n");
          b.append("      double u = h[j").append(k).append("] * c + ").append(a).append(";\n");
          b.append("      if (u > 0.2) {\n");
          b.append("        s = s + 0.01 * u * u;\n");
          b.append("      } else {\n");
          b.append("        s = s - 0.01 * Math.exp(u);\n");
          b.append("      }\n");
          b.append("      j").append(k).append("++;\n");
          b.append("    }\n");
        }
        default -> {
          b.append("    for (double v : x) {\n");
          b.append("      if (v < -0.9) continue;\n");
          b.append("      ").append(a).append(" = ").append(a).append(" * 0.99 + 0.01 * v * c;\n");
          b.append("      s += 0.001 * Math.cos(").append(a).append(");\n");
          b.append("    }\n");
        }
      }
      b.append("    s = s + 0.05 * ").append(a).append(" * h[").append((k + 1) % 4).append("];\n");
      b.append("    s = s * 0.999 + 0.001 * Math.sin(s + c);\n");
    }
    b.append("    return s + h[0] * h[1];\n  }\n}\n");
    return b.toString();
  }

  @Test
  void largeFunctionCompilesBelowTheHugeMethodLimitAndIsExact() {
    String source = largeSource();
    long statements = source.chars().filter(ch -> ch == ';').count();
    assertTrue(statements >= 300, "the large function has " + statements + " statements");
    Compiled large = InMemoryCompiler.compile(source);
    for (Map.Entry<String, byte[]> e : large.classFiles().entrySet()) {
      if (!e.getKey().startsWith("scale.Large") || e.getKey().equals("scale.Large")) {
        continue;
      }
      for (Map.Entry<String, Integer> m : ClassFiles.codeLengths(e.getValue()).entrySet()) {
        if (m.getValue() >= 8000) {
          fail(e.getKey() + "." + m.getKey() + " has " + m.getValue()
              + " bytes of bytecode, not below HotSpot's 8,000-byte HugeMethodLimit");
        }
      }
    }
    assertTrue(large.classFiles().containsKey("scale.LargeLargeBackward"), large.classFiles().keySet().toString());
    ArrayFunction f = ArrayFunction.of(large, "scale.Large", "large", "w", "c");
    Random r = new Random(30);
    double[] w = Data.vec(r, 4, 1);
    double[] x = {0.3, -0.95, 0.8, -0.2, 0.5, 0.1};
    // Five-point central differences with h = 1e-3 (scaled by max(1, |x|)): truncation error
    // ~ h^4 f^(5) / 30 ~ 1e-13 for this smooth (sin, tanh, exp, products), slowly varying function
    // with O(1) derivatives, rounding ~ eps |f| / h ~ 1e-13; the branches (u > 0.2, v < -0.9) are
    // not within 2h of switching at this point (checked by the value staying continuous, else the
    // tolerance would fail). 1e-7 relative / 1e-9 absolute leaves a wide margin yet catches any
    // missing or doubled term.
    f.checkFd(1e-3, 1e-7, 1e-9, w, 0.8, x);
  }

  // ---- a reverse sweep that cannot be a method of its own ---------------------------------------

  static final int PARAMETERS = 50;

  /**
   * 50 double parameters and 80 overwritten values the reverse sweep needs: passing them to a
   * separate reverse method would take more than the JVM's 255 parameter slots, so the sweep stays
   * in {@code accumulate}.
   */
  static String manyLocalsSource() {
    StringBuilder b = new StringBuilder("""
        package scale;

        import io.github.adjoint.Differentiable;

        public final class Wide {
          @Differentiable
          static double wide(""");
    for (int k = 0; k < PARAMETERS; k++) {
      b.append(k == 0 ? "" : ", ").append("double p").append(k);
    }
    b.append(") {\n    double v = 1.0;\n");
    for (int k = 0; k < 80; k++) {
      b.append("    v = v * p").append(k % PARAMETERS).append(";\n");
    }
    b.append("    for (int i = 0; i < 3; i++) {\n      v = Math.sin(v) + p0;\n    }\n");
    b.append("    return v;\n  }\n}\n");
    return b.toString();
  }

  @Test
  void aReverseSweepWithTooManyLocalsForAMethodStaysInAccumulate() {
    Compiled wide = InMemoryCompiler.compile(manyLocalsSource());
    String generated = wide.generatedSource("scale.WideWideBackward");
    assertTrue(generated.contains("// Reverse sweep") && !generated.contains("private void reverse("),
        "the reverse sweep stays in accumulate:\n" + generated);
    Object[] args = new Object[PARAMETERS];
    String[] gradients = new String[PARAMETERS];
    for (int k = 0; k < PARAMETERS; k++) {
      args[k] = 1.0 + 0.01 * ((k * 7) % 11 - 5);
      gradients[k] = "p" + k;
    }
    ArrayFunction f = ArrayFunction.of(wide, "scale.Wide", "wide", gradients);
    // A product of factors around 1 (so v stays near 1) and three sines: smooth, O(1) derivatives;
    // five-point central differences with h = 1e-3 are good to about 1e-12.
    f.checkFd(1e-3, 1e-8, 1e-10, args);
  }
}
