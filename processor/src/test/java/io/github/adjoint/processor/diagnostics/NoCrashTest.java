package io.github.adjoint.processor.diagnostics;

import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compile;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.adjoint.processor.diagnostics.DiagnosticAssertions.Compiled;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Odd but valid inputs, inside or outside the fence: whatever the processor decides, it must not
 * crash (no exception escaping it, no {@code [Adjoint:InternalError]}, no stack trace in a
 * diagnostic), every Adjoint error must be located, and the code it generates must compile. The
 * checks are those of {@link DiagnosticAssertions#compile}; the time limit catches endless loops.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NoCrashTest {

  private static String inBad(String members) {
    return """
        package com.example;

        import io.github.adjoint.Differentiable;
        import io.github.adjoint.NoGrad;

        public class Bad {
        %s
        }
        """
        .formatted(members.stripTrailing().indent(2).stripTrailing());
  }

  static Stream<Arguments> inputs() {
    String sum = IntStream.range(0, 300).mapToObj(i -> "x * " + (i + 1)).collect(Collectors.joining(" + "));
    String parens = "(".repeat(120) + "x" + ")".repeat(120);
    String ternaries =
        IntStream.range(0, 60).mapToObj(i -> "x > " + i + " ? x * " + i + " : ").collect(Collectors.joining())
            + "x";
    String longBody =
        IntStream.range(0, 400).mapToObj(i -> "y = y * 0.999 + x * " + i + ";").collect(Collectors.joining("\n"));
    return Stream.of(
        Arguments.of(
            "self recursion",
            "com.example.Bad",
            inBad(
                """
                @Differentiable
                public static double f(double x, int n) {
                  return n <= 0 ? x : f(x * 0.5, n - 1);
                }
                """)),
        Arguments.of(
            "mutual recursion",
            "com.example.Bad",
            inBad(
                """
                @Differentiable
                public static double even(double x, int n) {
                  return n == 0 ? x : odd(x * x, n - 1);
                }

                @Differentiable
                public static double odd(double x, int n) {
                  return n == 0 ? -x : even(x + 1, n - 1);
                }
                """)),
        Arguments.of(
            "good method calls a bad @Differentiable method",
            "com.example.Bad",
            inBad(
                """
                @Differentiable
                public static double bad(double x) {
                  return x * Math.random();
                }

                @Differentiable
                public static double good(double x) {
                  return 2 * bad(x);
                }
                """)),
        Arguments.of(
            "default package",
            "Bad",
            """
            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static double f(double x, double y) {
                return x * y;
              }
            }
            """),
        Arguments.of(
            "interface",
            "com.example.Bad",
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public interface Bad {
              @Differentiable
              static double f(double x) {
                return x * x;
              }
            }
            """),
        Arguments.of(
            "enum",
            "com.example.Bad",
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public enum Bad {
              A, B;

              @Differentiable
              public static double f(double x) {
                return x * x;
              }
            }
            """),
        Arguments.of(
            "record",
            "com.example.Bad",
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public record Bad(double scale) {
              @Differentiable
              public static double f(double x) {
                return x * x;
              }
            }
            """),
        Arguments.of(
            "three levels of nesting",
            "com.example.Bad",
            inBad(
                """
                static final class Middle {
                  static final class Inner {
                    @Differentiable
                    public static double f(double x) {
                      return x * x;
                    }
                  }
                }
                """)),
        Arguments.of(
            "generic method",
            "com.example.Bad",
            inBad(
                """
                @Differentiable
                public static <T> double f(double x) {
                  return x * x;
                }
                """)),
        Arguments.of(
            "no parameters",
            "com.example.Bad",
            inBad(
                """
                @Differentiable
                public static double f() {
                  return 0;
                }
                """)),
        Arguments.of(
            "only @NoGrad and int parameters",
            "com.example.Bad",
            inBad(
                """
                @Differentiable
                public static double f(@NoGrad double x, int n, long m, boolean b) {
                  return b ? x * n : x * m;
                }
                """)),
        Arguments.of(
            "names that generated code might use",
            "com.example.Bad",
            inBad(
                """
                @Differentiable
                public static double f(double compute, double zero, double accumulate) {
                  double tape = compute * zero;
                  double dx = tape + accumulate;
                  double _d_compute = dx * dx;
                  double value = _d_compute - tape;
                  double grad = value * 2;
                  double result = grad + 1;
                  double $ = result;
                  return $;
                }
                """)),
        Arguments.of(
            "non-ASCII identifiers",
            "com.example.Bad",
            inBad(
                """
                @Differentiable
                public static double größe(double länge, double breite) {
                  double fläche = länge * breite;
                  return fläche;
                }
                """)),
        Arguments.of(
            "method names with $ and _",
            "com.example.Bad",
            inBad(
                """
                @Differentiable
                public static double _f$1(double x) {
                  return x * x;
                }
                """)),
        Arguments.of(
            "generated class names collide",
            "com.example.Bad",
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              @Differentiable
              public static double xF(double x) {
                return x * x;
              }

              static final class X {
                @Differentiable
                public static double f(double x) {
                  return x * x * x;
                }
              }
            }
            """),
        Arguments.of("300-term sum", "com.example.Bad", inBad("@Differentiable\npublic static double f(double x) {\n  return " + sum + ";\n}\n")),
        Arguments.of("120 nested parentheses", "com.example.Bad", inBad("@Differentiable\npublic static double f(double x) {\n  return " + parens + ";\n}\n")),
        Arguments.of("60 nested conditionals", "com.example.Bad", inBad("@Differentiable\npublic static double f(double x) {\n  return " + ternaries + ";\n}\n")),
        Arguments.of(
            "400 statements",
            "com.example.Bad",
            inBad("@Differentiable\npublic static double f(double x) {\n  double y = x;\n" + longBody.indent(2) + "  return y;\n}\n")),
        Arguments.of(
            "supported statement forms",
            "com.example.Bad",
            inBad(
                """
                static final double HALF = 0.5;

                @Differentiable
                public static double f(final double x, int n, long m, boolean flag) {
                  var a = x * HALF;
                  final double b;
                  if (flag) b = a; else if (n > 2) b = -a; else b = +a;
                  ;
                  {
                    double c = (double) n / 2 + (int) x + m;
                    a += c;
                    a -= 1;
                    a *= b;
                    a /= 2;
                  }
                  int k = n;
                  k++;
                  --k;
                  if (!flag && (n > 1 || m < 0)) {
                    return a * Math.PI;
                  }
                  return flag ? a : Math.max(a, b) + Integer.MAX_VALUE * 0.0 + Double.MIN_VALUE;
                }
                """)),
        Arguments.of(
            "anonymous class and nested lambdas",
            "com.example.Bad",
            inBad(
                """
                @Differentiable
                public static double f(double x) {
                  Object o = new Object() {
                    double g() {
                      return x;
                    }
                  };
                  java.util.function.DoubleFunction<java.util.function.DoubleUnaryOperator> h = a -> b -> a * b;
                  return x;
                }
                """)),
        Arguments.of(
            "static @Differentiable method in a local class",
            "com.example.Bad",
            inBad(
                """
                @Differentiable
                public static double f(double x) {
                  return x * x;
                }

                static double g(double x) {
                  class Local {
                    @Differentiable
                    static double h(double v) {
                      return v * v;
                    }
                  }
                  return Local.h(x);
                }
                """)),
        Arguments.of(
            "comments and odd formatting",
            "com.example.Bad",
            inBad(
                """
                @Differentiable public static double f(double x /* the input */, double y) { double
                  q = // sum
                  x
                  +
                  y; /* product */ return q
                  * y; }
                """)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void processorDoesNotCrash(String name, String qualifiedName, String source) {
    Compiled c = compile(qualifiedName, source);
    // compile() already checked: no crash, located Adjoint errors, generated code compiles.
    assertFalse(
        c.compilation().status() == com.google.testing.compile.Compilation.Status.FAILURE
            && c.compilation().errors().isEmpty(),
        "a failed compilation must report an error");
  }
}
