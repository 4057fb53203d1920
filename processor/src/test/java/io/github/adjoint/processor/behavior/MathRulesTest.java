package io.github.adjoint.processor.behavior;

import static io.github.adjoint.processor.testing.Oracle.div;
import static io.github.adjoint.processor.testing.Oracle.max;
import static io.github.adjoint.processor.testing.Oracle.min;
import static io.github.adjoint.processor.testing.Oracle.rem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import io.github.adjoint.processor.testing.Oracle;
import io.github.adjoint.processor.testing.Oracle.DsFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every derivative rule of the fence at hand-picked points (both sides of abs, max and min, every
 * quadrant of atan2, negative arguments of cbrt and integer powers), with Math and StrictMath, and
 * chain-rule compositions of them; oracle: Hipparchus forward mode at 1e-10 relative.
 */
class MathRulesTest {
  /** The DS form of each unary rule and the points where it is checked. */
  record Unary(DsFunction ds, double... points) {}

  record Binary(DsFunction ds, double[]... points) {}

  static final Map<String, Unary> UNARY = new LinkedHashMap<>();
  static final Map<String, Binary> BINARY = new LinkedHashMap<>();

  static {
    UNARY.put("abs", new Unary(v -> v[0].abs(), -2.5, -0.1, 0.3, 7));
    UNARY.put("sqrt", new Unary(v -> v[0].sqrt(), 0.01, 1, 2, 100));
    UNARY.put("cbrt", new Unary(v -> v[0].cbrt(), -8, -0.5, 0.3, 27));
    UNARY.put("exp", new Unary(v -> v[0].exp(), -3, 0, 0.5, 10));
    UNARY.put("expm1", new Unary(v -> v[0].expm1(), -1, 1e-8, 0.5, 3));
    UNARY.put("log", new Unary(v -> v[0].log(), 0.1, 1, 2.5, 1000));
    UNARY.put("log10", new Unary(v -> v[0].log10(), 0.1, 1, 2.5, 1000));
    UNARY.put("log1p", new Unary(v -> v[0].log1p(), -0.5, 1e-9, 2, 100));
    UNARY.put("sin", new Unary(v -> v[0].sin(), -2, 0.3, 1.2, 4));
    UNARY.put("cos", new Unary(v -> v[0].cos(), -2, 0.3, 1.2, 4));
    UNARY.put("tan", new Unary(v -> v[0].tan(), -2, 0.3, 1.2, 4));
    UNARY.put("asin", new Unary(v -> v[0].asin(), -0.9, -0.2, 0.4, 0.95));
    UNARY.put("acos", new Unary(v -> v[0].acos(), -0.9, -0.2, 0.4, 0.95));
    UNARY.put("atan", new Unary(v -> v[0].atan(), -10, -0.5, 0, 3));
    UNARY.put("sinh", new Unary(v -> v[0].sinh(), -2, 0, 0.7, 5));
    UNARY.put("cosh", new Unary(v -> v[0].cosh(), -2, 0, 0.7, 5));
    UNARY.put("tanh", new Unary(v -> v[0].tanh(), -2, 0, 0.7, 5));
    // piecewise constant: derivative 0 (the DS versions have zero derivative away from the jumps)
    UNARY.put("floor", new Unary(v -> v[0].floor(), -2.5, -0.3, 0.7, 3.2));
    UNARY.put("ceil", new Unary(v -> v[0].ceil(), -2.5, -0.3, 0.7, 3.2));
    UNARY.put("rint", new Unary(v -> v[0].rint(), -2.7, -0.3, 0.7, 3.2));
    UNARY.put("signum", new Unary(v -> v[0].sign(), -2.5, -0.3, 0.7, 3.2));

    BINARY.put("max", new Binary(v -> max(v[0], v[1]), p(1, 2), p(2, 1), p(-3, -5), p(-5, -3)));
    BINARY.put("min", new Binary(v -> min(v[0], v[1]), p(1, 2), p(2, 1), p(-3, -5), p(-5, -3)));
    BINARY.put("pow", new Binary(v -> v[0].pow(v[1]), p(2, 3), p(0.5, -1.5), p(3, 0.5), p(1.5, 2.25)));
    BINARY.put("atan2", new Binary(
        v -> DerivativeStructure.atan2(v[0], v[1]), p(1, 2), p(1, -2), p(-1, -2), p(-1, 2), p(3, 0.5)));
    BINARY.put("hypot", new Binary(
        v -> Oracle.hypot(v[0], v[1]), p(3, 4), p(-1, 0.5), p(1e-3, 2), p(-2, -7)));
    BINARY.put("add", new Binary(v -> v[0].add(v[1]), p(1, 2), p(-3.5, 0.25)));
    BINARY.put("sub", new Binary(v -> v[0].subtract(v[1]), p(1, 2), p(-3.5, 0.25)));
    BINARY.put("mul", new Binary(v -> v[0].multiply(v[1]), p(1, 2), p(-3.5, 0.25), p(0, 4)));
    BINARY.put("div", new Binary(v -> v[0].divide(v[1]), p(1, 3), p(-2, 0.5), p(0, -4)));
    // Java's truncating %: d/dx = 1, d/dy = -trunc(x / y)
    BINARY.put("rem", new Binary(v -> rem(v[0], v[1]), p(7.5, 2), p(-7.5, 2), p(7.5, -2), p(5.3, 1.1), p(0.3, 2)));
  }

  static double[] p(double... xs) {
    return xs;
  }

  static Stream<String> unaryRules() {
    return UNARY.keySet().stream();
  }

  static Stream<String> binaryRules() {
    return BINARY.keySet().stream();
  }

  @ParameterizedTest(name = "Math.{0} and StrictMath.{0}")
  @MethodSource("unaryRules")
  void unaryRule(String name) {
    Unary rule = UNARY.get(name);
    for (double x : rule.points()) {
      RuleFunctions.fn(name).checkDs(rule.ds(), x);
      RuleFunctions.fn(RuleFunctions.strict(name)).checkDs(rule.ds(), x);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryRules")
  void binaryRule(String name) {
    Binary rule = BINARY.get(name);
    for (double[] xy : rule.points()) {
      RuleFunctions.fn(name).checkDs(rule.ds(), xy);
      if (RuleFunctions.BINARY.contains(name)) {
        RuleFunctions.fn(RuleFunctions.strict(name)).checkDs(rule.ds(), xy);
      }
    }
  }

  @Test
  void absChoosesTheSignOfItsArgument() {
    // hand math: d|x|/dx = sign(x)
    assertEquals(-1.0, RuleFunctions.fn("abs").check(Oracle.exact(2.5, -1), -2.5)[0], 0.0);
    assertEquals(1.0, RuleFunctions.fn("abs").check(Oracle.exact(2.5, 1), 2.5)[0], 0.0);
  }

  @Test
  void maxAndMinRouteTheWholeGradientToTheChosenSide() {
    Differentiated max = RuleFunctions.fn("max");
    Differentiated min = RuleFunctions.fn("min");
    max.check(Oracle.exact(2, 0, 1), 1, 2);
    max.check(Oracle.exact(2, 1, 0), 2, 1);
    min.check(Oracle.exact(1, 1, 0), 1, 2);
    min.check(Oracle.exact(1, 0, 1), 2, 1);
    max.check(Oracle.exact(-3, 1, 0), -3, -5);
    min.check(Oracle.exact(-5, 0, 1), -3, -5);
  }

  @Test
  void unaryMinusAndPlus() {
    RuleFunctions.fn("neg").checkDs(v -> v[0].negate(), 3.5);
    RuleFunctions.fn("neg").checkDs(v -> v[0].negate(), -0.25);
    RuleFunctions.fn("pos").checkDs(v -> v[0], 3.5);
    RuleFunctions.fn("square").checkDs(v -> v[0].multiply(v[0]), -1.75);
    RuleFunctions.fn("reciprocal").checkDs(v -> v[0].reciprocal(), -1.75);
  }

  @Test
  void powWithAConstantExponentWorksForNegativeBases() {
    // d/dx x^3 = 3 x^2, also where log(x) is NaN: a constant exponent has no adjoint
    for (double x : new double[] {-2, -0.5, 0.75, 3}) {
      RuleFunctions.fn("powConstExponent").checkDs(v -> v[0].pow(3), x);
      RuleFunctions.fn("powConstExponent").check(Oracle.exact(x * x * x, 3 * x * x), x);
    }
  }

  @Test
  void powWithAConstantBase() {
    for (double x : new double[] {-2, 0, 0.75, 3}) {
      RuleFunctions.fn("powConstBase").checkDs(v -> DerivativeStructure.pow(2.5, v[0]), x);
    }
  }

  @Test
  void remainderWithConstantOperands() {
    for (double x : new double[] {-4.2, 0.7, 4.2, 10}) {
      RuleFunctions.fn("remConstDivisor").checkDs(v -> rem(v[0], Oracle.constant(v[0], 1.5)), x);
    }
    for (double y : new double[] {-3, 0.7, 4.2, 3.3}) {
      RuleFunctions.fn("remConstDividend").checkDs(v -> rem(Oracle.constant(v[0], 10.0), v[0]), y);
    }
  }

  // ---- chain rule through compositions ---------------------------------------------------------

  static final String CHAIN = """
      package chain;

      import io.github.adjoint.Differentiable;

      public final class Ch {
        @Differentiable static double sinProdExp(double x, double y) { return Math.sin(x * y) * Math.exp(-x); }
        @Differentiable static double logOfSquares(double x, double y) { return Math.log(x * x + y * y); }
        @Differentiable static double sqrtExpCos(double x, double y) { return Math.sqrt(Math.exp(x) + Math.cos(y)); }
        @Differentiable static double piecewiseTimes(double x, double y) {
          return Math.floor(x) * y + Math.signum(y) * x + Math.ceil(x * y) * x - Math.rint(y) * y;
        }
        @Differentiable static double roundTimes(double x, double y) {
          long r = Math.round(x * y);
          return r * x + y * StrictMath.round(y);
        }
        @Differentiable static double atan2OfTrig(double x, double y) { return Math.atan2(Math.sin(x), Math.cos(y)); }
        @Differentiable static double hypotOfMix(double x, double y) { return Math.hypot(x * y, x - y); }
        @Differentiable static double powOfAbs(double x, double y) { return Math.pow(Math.abs(x) + 1, y * 0.5); }
        @Differentiable static double maxOfTrig(double x, double y) { return Math.max(Math.sin(x), Math.cos(y)) * x; }
        @Differentiable static double minOfAbs(double x, double y) { return Math.min(Math.abs(x), Math.abs(y)) * (x - y); }
        @Differentiable static double hyperbolic(double x, double y) {
          return Math.tanh(x * y) + Math.sinh(x) / Math.cosh(y) - Math.atan(x - 2 * y);
        }
        @Differentiable static double logs(double x, double y) {
          return Math.log10(x * x + 1) * Math.log1p(y * y) + Math.expm1(x / 4) * Math.cbrt(y - x);
        }
        @Differentiable static double inverseTrig(double x, double y) {
          return Math.asin(x / 2) * Math.acos(y / 3) + Math.tan(x * y / 4);
        }
        @Differentiable static double strictMix(double x, double y) {
          return StrictMath.exp(StrictMath.sin(x)) * StrictMath.pow(StrictMath.hypot(x, y), 1.5)
              + StrictMath.max(x, y) * StrictMath.abs(y);
        }
        @Differentiable static double sameVariableManyTimes(double x) {
          return x * x * x + Math.sin(x) * Math.cos(x) - x / (x * x + 1) + Math.exp(x) * x;
        }
        @Differentiable static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }
        @Differentiable static double softplus(double x) { return Math.log1p(Math.exp(x)); }
        @Differentiable static double pi(double x) { return Math.PI * x * x + Math.E * Math.sin(Math.PI * x); }
      }
      """;

  static Compiled chain;

  @BeforeAll
  static void compileChain() {
    chain = InMemoryCompiler.compile(CHAIN);
    RuleFunctions.compiled();
  }

  private static Differentiated ch(String method) {
    return chain.function("chain.Ch", method, method.equals("sameVariableManyTimes") || method.equals("sigmoid")
        || method.equals("softplus") || method.equals("pi") ? new String[] {"x"} : new String[] {"x", "y"});
  }

  private static final double[][] POINTS = {{0.7, 1.3}, {-1.1, 0.4}, {1.9, -0.8}, {-0.6, -1.7}};

  private static void chainCheck(String method, DsFunction f) {
    for (double[] p : POINTS) {
      ch(method).checkDs(f, p);
    }
  }

  @Test
  void roundPassesNoGradientButItsFactorsDo() {
    // Math.round(v) = floor(v + 0.5), a long: derivative 0, as floor's.
    // hand math: f = round(x y) x + y round(y); df/dx = round(x y), df/dy = round(y)
    // at (0.7, 1.3): round(0.91) = 1, round(1.3) = 1: f = 0.7 + 1.3 = 2, gradient (1, 1)
    ch("roundTimes").check(Oracle.exact(2.0, 1, 1), 0.7, 1.3);
    // at (2.6, 1.5): round(3.9) = 4, round(1.5) = 2: f = 10.4 + 3 = 13.4, gradient (4, 2)
    ch("roundTimes").check(Oracle.exact(4 * 2.6 + 1.5 * 2, 4, 2), 2.6, 1.5);
    // at (-1.1, 2.5): round(-2.75) = -3, round(2.5) = 3: f = 3.3 + 7.5, gradient (-3, 3)
    ch("roundTimes").check(Oracle.exact(-3 * -1.1 + 2.5 * 3, -3, 3), -1.1, 2.5);
  }

  @Test
  void sinProdExp() {
    chainCheck("sinProdExp", v -> v[0].multiply(v[1]).sin().multiply(v[0].negate().exp()));
  }

  @Test
  void logOfSquares() {
    chainCheck("logOfSquares", v -> v[0].multiply(v[0]).add(v[1].multiply(v[1])).log());
  }

  @Test
  void sqrtExpCos() {
    chainCheck("sqrtExpCos", v -> v[0].exp().add(v[1].cos()).sqrt());
  }

  @Test
  void piecewiseConstantFunctionsPassNoGradientButTheirFactorsDo() {
    chainCheck("piecewiseTimes", v -> v[0].floor().multiply(v[1]).add(v[1].sign().multiply(v[0]))
        .add(v[0].multiply(v[1]).ceil().multiply(v[0])).subtract(v[1].rint().multiply(v[1])));
    // hand math at (0.7, 1.3): floor=0, signum=1, ceil(0.91)=1, rint(1.3)=1
    // d/dx = 0 + 1 + 1 = 2 ; d/dy = floor(x) - rint(y) = 0 - 1 = -1
    ch("piecewiseTimes").check(Oracle.exact(0 * 1.3 + 1 * 0.7 + 1 * 0.7 - 1 * 1.3, 2, -1), 0.7, 1.3);
  }

  @Test
  void atan2OfTrig() {
    chainCheck("atan2OfTrig", v -> DerivativeStructure.atan2(v[0].sin(), v[1].cos()));
  }

  @Test
  void hypotOfMix() {
    chainCheck("hypotOfMix", v -> Oracle.hypot(v[0].multiply(v[1]), v[0].subtract(v[1])));
  }

  @Test
  void powOfAbs() {
    chainCheck("powOfAbs", v -> v[0].abs().add(1).pow(v[1].multiply(0.5)));
  }

  @Test
  void maxOfTrig() {
    chainCheck("maxOfTrig", v -> max(v[0].sin(), v[1].cos()).multiply(v[0]));
  }

  @Test
  void minOfAbs() {
    chainCheck("minOfAbs", v -> min(v[0].abs(), v[1].abs()).multiply(v[0].subtract(v[1])));
  }

  @Test
  void hyperbolic() {
    chainCheck("hyperbolic", v -> v[0].multiply(v[1]).tanh().add(v[0].sinh().divide(v[1].cosh()))
        .subtract(v[0].subtract(v[1].multiply(2)).atan()));
  }

  @Test
  void logs() {
    chainCheck("logs", v -> v[0].multiply(v[0]).add(1).log10().multiply(v[1].multiply(v[1]).log1p())
        .add(v[0].divide(4).expm1().multiply(v[1].subtract(v[0]).cbrt())));
  }

  @Test
  void inverseTrig() {
    chainCheck("inverseTrig", v -> v[0].divide(2).asin().multiply(v[1].divide(3).acos())
        .add(v[0].multiply(v[1]).divide(4).tan()));
  }

  @Test
  void strictMix() {
    chainCheck("strictMix", v -> v[0].sin().exp().multiply(Oracle.hypot(v[0], v[1]).pow(1.5))
        .add(max(v[0], v[1]).multiply(v[1].abs())));
  }

  @Test
  void sameVariableManyTimes() {
    for (double x : new double[] {-1.5, -0.2, 0.4, 2.2}) {
      ch("sameVariableManyTimes").checkDs(v -> v[0].pow(3).add(v[0].sin().multiply(v[0].cos()))
          .subtract(v[0].divide(v[0].multiply(v[0]).add(1))).add(v[0].exp().multiply(v[0])), x);
    }
  }

  @Test
  void sigmoidAndSoftplus() {
    for (double x : new double[] {-4, -0.5, 0, 1, 6}) {
      ch("sigmoid").checkDs(v -> div(1, v[0].negate().exp().add(1)), x);
      // hand math: sigmoid' = s (1 - s)
      double s = 1 / (1 + Math.exp(-x));
      ch("sigmoid").check(Oracle.exact(s, s * (1 - s)).withTolerance(1e-12, 1e-15), x);
      ch("softplus").checkDs(v -> v[0].exp().log1p(), x);
      ch("softplus").check(Oracle.exact(Math.log1p(Math.exp(x)), s), x);
    }
  }

  @Test
  void mathConstants() {
    for (double x : new double[] {-0.3, 0.5, 1.25}) {
      ch("pi").checkDs(v -> v[0].multiply(v[0]).multiply(Math.PI).add(v[0].multiply(Math.PI).sin().multiply(Math.E)), x);
    }
  }
}
