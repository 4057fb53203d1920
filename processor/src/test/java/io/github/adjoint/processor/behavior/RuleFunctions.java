package io.github.adjoint.processor.behavior;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One user class {@code rules.R} with one {@code @Differentiable} method per derivative rule (every
 * supported {@code java.lang.Math} and {@code StrictMath} function, the arithmetic operators and
 * unary minus), compiled once per JVM and shared by {@link MathRulesTest} and
 * {@link DerivativeRuleProperties}.
 */
final class RuleFunctions {
  /** Unary functions {@code Math.f(x)}, also generated as {@code strictF(x)} with StrictMath. */
  static final List<String> UNARY =
      List.of(
          "abs", "sqrt", "cbrt", "exp", "expm1", "log", "log10", "log1p", "sin", "cos", "tan", "asin",
          "acos", "atan", "sinh", "cosh", "tanh", "floor", "ceil", "rint", "signum");

  /** Binary functions {@code Math.f(x, y)}, also generated as {@code strictF(x, y)}. */
  static final List<String> BINARY = List.of("max", "min", "pow", "atan2", "hypot");

  static final String SOURCE = source();

  private static volatile Compiled compiled;
  private static final Map<String, Differentiated> FUNCTIONS = new ConcurrentHashMap<>();

  private RuleFunctions() {}

  private static String source() {
    StringBuilder sb = new StringBuilder();
    sb.append("package rules;\n\n")
        .append("import io.github.adjoint.Differentiable;\n\n")
        .append("public final class R {\n");
    for (String f : UNARY) {
      sb.append("  @Differentiable public static double ").append(f)
          .append("(double x) { return Math.").append(f).append("(x); }\n");
      sb.append("  @Differentiable public static double ").append(strict(f))
          .append("(double x) { return StrictMath.").append(f).append("(x); }\n");
    }
    for (String f : BINARY) {
      sb.append("  @Differentiable public static double ").append(f)
          .append("(double x, double y) { return Math.").append(f).append("(x, y); }\n");
      sb.append("  @Differentiable public static double ").append(strict(f))
          .append("(double x, double y) { return StrictMath.").append(f).append("(x, y); }\n");
    }
    sb.append("""
          @Differentiable public static double add(double x, double y) { return x + y; }
          @Differentiable public static double sub(double x, double y) { return x - y; }
          @Differentiable public static double mul(double x, double y) { return x * y; }
          @Differentiable public static double div(double x, double y) { return x / y; }
          @Differentiable public static double rem(double x, double y) { return x % y; }
          @Differentiable public static double neg(double x) { return -x; }
          @Differentiable public static double pos(double x) { return +x; }
          @Differentiable public static double square(double x) { return x * x; }
          @Differentiable public static double reciprocal(double x) { return 1 / x; }
          @Differentiable public static double powConstExponent(double x) { return Math.pow(x, 3); }
          @Differentiable public static double powConstBase(double x) { return Math.pow(2.5, x); }
          @Differentiable public static double remConstDivisor(double x) { return x % 1.5; }
          @Differentiable public static double remConstDividend(double y) { return 10.0 % y; }
        }
        """);
    return sb.toString();
  }

  static String strict(String f) {
    return "strict" + Character.toUpperCase(f.charAt(0)) + f.substring(1);
  }

  static Compiled compiled() {
    Compiled c = compiled;
    if (c == null) {
      synchronized (RuleFunctions.class) {
        c = compiled;
        if (c == null) {
          c = InMemoryCompiler.compile(SOURCE);
          compiled = c;
        }
      }
    }
    return c;
  }

  /** The rule function {@code name}; its gradient fields are its parameters (x, or x and y). */
  static Differentiated fn(String name) {
    return FUNCTIONS.computeIfAbsent(name, n -> {
      List<String> params = new ArrayList<>();
      if (n.equals("remConstDividend")) {
        params.add("y");
      } else {
        params.add("x");
        if (isBinary(n)) {
          params.add("y");
        }
      }
      return compiled().function("rules.R", n, params.toArray(String[]::new));
    });
  }

  private static boolean isBinary(String n) {
    for (String f : BINARY) {
      if (n.equals(f) || n.equals(strict(f))) {
        return true;
      }
    }
    return List.of("add", "sub", "mul", "div", "rem").contains(n);
  }
}
