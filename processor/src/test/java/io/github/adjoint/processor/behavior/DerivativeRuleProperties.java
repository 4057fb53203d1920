package io.github.adjoint.processor.behavior;

import static io.github.adjoint.processor.testing.Oracle.constant;
import static io.github.adjoint.processor.testing.Oracle.rem;

import io.github.adjoint.processor.testing.Oracle;
import io.github.adjoint.processor.testing.Oracle.DsFunction;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Every derivative rule at random points of its domain, against Hipparchus forward mode at 1e-10
 * relative; each rule also through StrictMath. The rule functions are compiled once
 * ({@link RuleFunctions}). Domains stay away from points where the rule is not differentiable
 * (abs at 0, max/min ties, % at integer quotients) and from ranges where the reference formula
 * itself loses digits (tanh' = 1 - tanh^2 for large |x|, asin' near +-1).
 */
class DerivativeRuleProperties {
  private static final int TRIES = 250;

  @BeforeContainer
  static void compileOnce() {
    RuleFunctions.compiled();
  }

  private static void unary(String name, DsFunction ds, double x) {
    RuleFunctions.fn(name).checkDs(ds, x);
    RuleFunctions.fn(RuleFunctions.strict(name)).checkDs(ds, x);
  }

  private static void binary(String name, DsFunction ds, double x, double y) {
    RuleFunctions.fn(name).checkDs(ds, x, y);
    if (RuleFunctions.BINARY.contains(name)) {
      RuleFunctions.fn(RuleFunctions.strict(name)).checkDs(ds, x, y);
    }
  }

  // ---- operators ------------------------------------------------------------------------------

  @Property(tries = TRIES)
  void add(@ForAll @DoubleRange(min = -1e6, max = 1e6) @Scale(6) double x,
      @ForAll @DoubleRange(min = -1e6, max = 1e6) @Scale(6) double y) {
    binary("add", v -> v[0].add(v[1]), x, y);
  }

  @Property(tries = TRIES)
  void subtract(@ForAll @DoubleRange(min = -1e6, max = 1e6) @Scale(6) double x,
      @ForAll @DoubleRange(min = -1e6, max = 1e6) @Scale(6) double y) {
    binary("sub", v -> v[0].subtract(v[1]), x, y);
  }

  @Property(tries = TRIES)
  void multiply(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double x,
      @ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double y) {
    binary("mul", v -> v[0].multiply(v[1]), x, y);
  }

  @Property(tries = TRIES)
  void divide(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double x,
      @ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double y) {
    Assume.that(Math.abs(y) > 1e-3);
    binary("div", v -> v[0].divide(v[1]), x, y);
  }

  @Property(tries = TRIES)
  void remainder(@ForAll @DoubleRange(min = -100, max = 100) @Scale(6) double x,
      @ForAll @DoubleRange(min = -10, max = 10) @Scale(6) double y) {
    Assume.that(Math.abs(y) > 1e-2);
    double q = x / y;
    Assume.that(Math.abs(q - Math.rint(q)) > 1e-9);
    binary("rem", v -> rem(v[0], v[1]), x, y);
  }

  @Property(tries = TRIES)
  void remainderByConstant(@ForAll @DoubleRange(min = -100, max = 100) @Scale(6) double x) {
    double q = x / 1.5;
    Assume.that(Math.abs(q - Math.rint(q)) > 1e-9);
    RuleFunctions.fn("remConstDivisor").checkDs(v -> rem(v[0], constant(v[0], 1.5)), x);
  }

  @Property(tries = TRIES)
  void remainderOfConstant(@ForAll @DoubleRange(min = -10, max = 10) @Scale(6) double y) {
    Assume.that(Math.abs(y) > 1e-2);
    double q = 10.0 / y;
    Assume.that(Math.abs(q - Math.rint(q)) > 1e-9);
    RuleFunctions.fn("remConstDividend").checkDs(v -> rem(constant(v[0], 10.0), v[0]), y);
  }

  @Property(tries = TRIES)
  void unaryMinus(@ForAll @DoubleRange(min = -1e6, max = 1e6) @Scale(6) double x) {
    RuleFunctions.fn("neg").checkDs(v -> v[0].negate(), x);
    RuleFunctions.fn("pos").checkDs(v -> v[0], x);
  }

  @Property(tries = TRIES)
  void square(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double x) {
    RuleFunctions.fn("square").checkDs(v -> v[0].multiply(v[0]), x);
  }

  @Property(tries = TRIES)
  void reciprocal(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double x) {
    Assume.that(Math.abs(x) > 1e-3);
    RuleFunctions.fn("reciprocal").checkDs(v -> v[0].reciprocal(), x);
  }

  // ---- java.lang.Math / StrictMath ------------------------------------------------------------

  @Property(tries = TRIES)
  void abs(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double x) {
    Assume.that(x != 0);
    unary("abs", v -> v[0].abs(), x);
  }

  @Property(tries = TRIES)
  void max(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double x,
      @ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double y) {
    Assume.that(x != y);
    binary("max", v -> Oracle.max(v[0], v[1]), x, y);
  }

  @Property(tries = TRIES)
  void min(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double x,
      @ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double y) {
    Assume.that(x != y);
    binary("min", v -> Oracle.min(v[0], v[1]), x, y);
  }

  @Property(tries = TRIES)
  void sqrt(@ForAll @DoubleRange(min = 0, max = 1e4) @Scale(6) double x) {
    Assume.that(x > 0);
    unary("sqrt", v -> v[0].sqrt(), x);
  }

  @Property(tries = TRIES)
  void cbrt(@ForAll @DoubleRange(min = -1e4, max = 1e4) @Scale(6) double x) {
    Assume.that(x != 0);
    unary("cbrt", v -> v[0].cbrt(), x);
  }

  @Property(tries = TRIES)
  void exp(@ForAll @DoubleRange(min = -50, max = 50) @Scale(6) double x) {
    unary("exp", v -> v[0].exp(), x);
  }

  @Property(tries = TRIES)
  void expm1(@ForAll @DoubleRange(min = -50, max = 50) @Scale(6) double x) {
    unary("expm1", v -> v[0].expm1(), x);
  }

  @Property(tries = TRIES)
  void log(@ForAll @DoubleRange(min = 0, max = 1e6) @Scale(6) double x) {
    Assume.that(x > 0);
    unary("log", v -> v[0].log(), x);
  }

  @Property(tries = TRIES)
  void log10(@ForAll @DoubleRange(min = 0, max = 1e6) @Scale(6) double x) {
    Assume.that(x > 0);
    unary("log10", v -> v[0].log10(), x);
  }

  @Property(tries = TRIES)
  void log1p(@ForAll @DoubleRange(min = -1, max = 1e6) @Scale(6) double x) {
    Assume.that(x > -1);
    unary("log1p", v -> v[0].log1p(), x);
  }

  @Property(tries = TRIES)
  void pow(@ForAll @DoubleRange(min = 0, max = 10) @Scale(6) double x,
      @ForAll @DoubleRange(min = -3, max = 3) @Scale(6) double y) {
    Assume.that(x > 1e-2);
    binary("pow", v -> v[0].pow(v[1]), x, y);
  }

  @Property(tries = TRIES)
  void powWithConstantExponent(@ForAll @DoubleRange(min = -100, max = 100) @Scale(6) double x) {
    RuleFunctions.fn("powConstExponent").checkDs(v -> v[0].pow(3), x);
  }

  @Property(tries = TRIES)
  void powWithConstantBase(@ForAll @DoubleRange(min = -20, max = 20) @Scale(6) double x) {
    RuleFunctions.fn("powConstBase").checkDs(v -> DerivativeStructure.pow(2.5, v[0]), x);
  }

  @Property(tries = TRIES)
  void sin(@ForAll @DoubleRange(min = -100, max = 100) @Scale(6) double x) {
    unary("sin", v -> v[0].sin(), x);
  }

  @Property(tries = TRIES)
  void cos(@ForAll @DoubleRange(min = -100, max = 100) @Scale(6) double x) {
    unary("cos", v -> v[0].cos(), x);
  }

  @Property(tries = TRIES)
  void tan(@ForAll @DoubleRange(min = -1.5, max = 1.5) @Scale(6) double x) {
    unary("tan", v -> v[0].tan(), x);
  }

  @Property(tries = TRIES)
  void asin(@ForAll @DoubleRange(min = -0.99, max = 0.99) @Scale(6) double x) {
    unary("asin", v -> v[0].asin(), x);
  }

  @Property(tries = TRIES)
  void acos(@ForAll @DoubleRange(min = -0.99, max = 0.99) @Scale(6) double x) {
    unary("acos", v -> v[0].acos(), x);
  }

  @Property(tries = TRIES)
  void atan(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double x) {
    unary("atan", v -> v[0].atan(), x);
  }

  @Property(tries = TRIES)
  void atan2(@ForAll @DoubleRange(min = -10, max = 10) @Scale(6) double x,
      @ForAll @DoubleRange(min = -10, max = 10) @Scale(6) double y) {
    Assume.that(Math.hypot(x, y) > 1e-2);
    binary("atan2", v -> DerivativeStructure.atan2(v[0], v[1]), x, y);
  }

  @Property(tries = TRIES)
  void hypot(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double x,
      @ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(6) double y) {
    Assume.that(Math.hypot(x, y) > 1e-3);
    binary("hypot", v -> Oracle.hypot(v[0], v[1]), x, y);
  }

  @Property(tries = TRIES)
  void sinh(@ForAll @DoubleRange(min = -20, max = 20) @Scale(6) double x) {
    unary("sinh", v -> v[0].sinh(), x);
  }

  @Property(tries = TRIES)
  void cosh(@ForAll @DoubleRange(min = -20, max = 20) @Scale(6) double x) {
    unary("cosh", v -> v[0].cosh(), x);
  }

  @Property(tries = TRIES)
  void tanh(@ForAll @DoubleRange(min = -3, max = 3) @Scale(6) double x) {
    unary("tanh", v -> v[0].tanh(), x);
  }

  @Property(tries = TRIES)
  void floor(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(3) double x) {
    unary("floor", v -> v[0].floor(), x);
  }

  @Property(tries = TRIES)
  void ceil(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(3) double x) {
    unary("ceil", v -> v[0].ceil(), x);
  }

  @Property(tries = TRIES)
  void rint(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(3) double x) {
    unary("rint", v -> v[0].rint(), x);
  }

  @Property(tries = TRIES)
  void signum(@ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(3) double x) {
    unary("signum", v -> v[0].sign(), x);
  }
}
