package io.github.adjoint.processor.rules;

import io.github.adjoint.processor.ir.Expr.BinaryOp;
import io.github.adjoint.processor.ir.Expr.UnaryOp;
import io.github.adjoint.processor.ir.MathFunction;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every local derivative Adjoint knows, as data. A rule for {@code z = f(a, b)} gives, per operand,
 * the contribution "upstream gradient × local gradient" as a {@link LocalGradient}, written as a
 * template over {@code $g} (the upstream gradient dz), {@code $0}, {@code $1} (the operands' values),
 * {@code $z} (the result) and {@code $F} (the runtime's {@code Functions}). A template that starts
 * with {@code -} subtracts. A null template means the operand gets nothing (derivative 0).
 */
public final class DerivativeRules {

  /**
   * The local gradients of one operation, one per operand. {@code linear}: every local gradient
   * is the constant ±1, so a zero upstream gradient contributes zero by itself; other rules may
   * meet an infinite or NaN local gradient (sqrt at 0, log of a probability 0, an overflowed value
   * on an untaken path), where only an explicit test keeps a zero upstream from making it NaN.
   */
  public record Rule(List<LocalGradient> perOperand, boolean linear) {
    static Rule of(String... templates) {
      return new Rule(compile(templates), false);
    }

    /**
     * The rule of an operation lowering always rewrites: it only says which operand the value
     * depends on (operand 0); emitting it is a bug, and fails loudly.
     */
    static Rule rewrittenByLowering(String how) {
      return new Rule(List.of(LocalGradient.rewrittenByLowering(how)), false);
    }

    static Rule linear(String... templates) {
      return new Rule(compile(templates), true);
    }

    private static List<LocalGradient> compile(String... templates) {
      return java.util.Arrays.stream(templates).map(t -> t == null ? null : LocalGradient.of(t)).toList();
    }

    /** The local gradient of operand {@code index}; null where it is 0. */
    public LocalGradient forOperand(int index) {
      return index < perOperand.size() ? perOperand.get(index) : null;
    }

    /** A rule whose every operand has derivative 0: the result does not depend on them. */
    public boolean isZero() {
      return perOperand.stream().allMatch(t -> t == null);
    }
  }

  /** {@code z = a}: the upstream gradient passes through. */
  public static final Rule COPY = Rule.linear("$g");

  private static final Map<BinaryOp, Rule> BINARY = new EnumMap<>(BinaryOp.class);
  private static final Map<UnaryOp, Rule> UNARY = new EnumMap<>(UnaryOp.class);
  private static final Map<MathFunction, Rule> MATH = new EnumMap<>(MathFunction.class);

  private static final String LN10 = Double.toString(Math.log(10.0));

  static {
    BINARY.put(BinaryOp.ADD, Rule.linear("$g", "$g"));
    BINARY.put(BinaryOp.SUB, Rule.linear("$g", "-$g"));
    BINARY.put(BinaryOp.MUL, Rule.of("$g * $1", "$g * $0"));
    BINARY.put(BinaryOp.DIV, Rule.of("$g / $1", "-$g * $z / $1"));
    // a % b = a - b * trunc(a / b); trunc(a / b) = (a - z) / b exactly up to rounding, so rint.
    BINARY.put(BinaryOp.REM, Rule.of("$g", "-$g * Math.rint(($0 - $z) / $1)"));

    UNARY.put(UnaryOp.NEG, Rule.linear("-$g"));
    UNARY.put(UnaryOp.PLUS, Rule.linear("$g"));

    MATH.put(MathFunction.ABS, Rule.of("$g * Math.signum($0)"));
    // The gradient goes to the argument the result equals, ties to the first, as Math.max/min
    // return it. Written with the result, the second argument's value is never needed: a loop
    // that keeps a running maximum records only the maximum.
    MATH.put(MathFunction.MAX, Rule.of("$0 == $z ? $g : 0.0", "$0 == $z ? 0.0 : $g"));
    MATH.put(MathFunction.MIN, Rule.of("$0 == $z ? $g : 0.0", "$0 == $z ? 0.0 : $g"));
    MATH.put(MathFunction.SQRT, Rule.of("$g / (2.0 * $z)"));
    MATH.put(MathFunction.CBRT, Rule.of("$g / (3.0 * $z * $z)"));
    MATH.put(MathFunction.EXP, Rule.of("$g * $z"));
    // exp(a), not z + 1: z + 1 loses the digits of e^a for a << 0.
    MATH.put(MathFunction.EXPM1, Rule.of("$g * Math.exp($0)"));
    MATH.put(MathFunction.LOG, Rule.of("$g / $0"));
    MATH.put(MathFunction.LOG10, Rule.of("$g / ($0 * " + LN10 + ")"));
    MATH.put(MathFunction.LOG1P, Rule.of("$g / (1.0 + $0)"));
    // d/da a^b = b a^(b-1), 0 when b == 0 (also at a == 0); d/db a^b = a^b ln a, 0 when a == 0.
    MATH.put(
        MathFunction.POW,
        Rule.of(
            "$1 == 0.0 ? 0.0 : $g * $1 * Math.pow($0, $1 - 1.0)",
            "$0 == 0.0 ? 0.0 : $g * $z * Math.log($0)"));
    MATH.put(MathFunction.SIN, Rule.of("$g * Math.cos($0)"));
    MATH.put(MathFunction.COS, Rule.of("-$g * Math.sin($0)"));
    MATH.put(MathFunction.TAN, Rule.of("$g * (1.0 + $z * $z)"));
    // (1 - a)(1 + a) keeps its digits near |a| = 1, where 1 - a² cancels.
    MATH.put(MathFunction.ASIN, Rule.of("$g / Math.sqrt((1.0 - $0) * (1.0 + $0))"));
    MATH.put(MathFunction.ACOS, Rule.of("-$g / Math.sqrt((1.0 - $0) * (1.0 + $0))"));
    MATH.put(MathFunction.ATAN, Rule.of("$g / (1.0 + $0 * $0)"));
    // atan2(y, x): dy = x / (x² + y²), dx = -y / (x² + y²); through hypot, x² + y² cannot
    // underflow or overflow.
    MATH.put(
        MathFunction.ATAN2,
        Rule.of(
            "$g * ($1 / Math.hypot($0, $1)) / Math.hypot($0, $1)",
            "-$g * ($0 / Math.hypot($0, $1)) / Math.hypot($0, $1)"));
    MATH.put(MathFunction.SINH, Rule.of("$g * Math.cosh($0)"));
    MATH.put(MathFunction.COSH, Rule.of("$g * Math.sinh($0)"));
    // 1 - z² from the forward value where that keeps its digits, one exp where 1 - z² would
    // cancel (|a| >> 1): no cosh, which is a native, uninlinable call on JDK 17.
    MATH.put(MathFunction.TANH, Rule.of("$g * $F.tanhSlope($0, $z)"));
    MATH.put(MathFunction.HYPOT, Rule.of("$g * $0 / $z", "$g * $1 / $z"));
    // σ(a) σ(-a), not z (1 - z): 1 - z cancels for a >> 1. Lowering turns differentiated calls
    // into SIGMOID_FROM / SOFTPLUS_FROM; these two rules serve the rest (and the rule tests).
    MATH.put(
        MathFunction.SIGMOID,
        Rule.of("$g * $z * $F.sigmoid(-$0)"));
    // With e = e^-|a|: σ(a) σ(-a) = e / (1 + e)² for either sign of a, with no cancellation.
    MATH.put(MathFunction.SIGMOID_FROM, Rule.of("$g * $1 / ((1.0 + $1) * (1.0 + $1))", null));
    MATH.put(
        MathFunction.SOFTPLUS_FROM,
        Rule.of("$g * $F.sigmoidFrom($0, $1)", null));
    // The companion e^-|a| passes no gradient: the rule that reads it has the whole derivative.
    MATH.put(MathFunction.EXP_NEG_ABS, Rule.of((String) null));
    // relu(a) > 0 exactly when a > 0: the result serves, so the operand need not be kept.
    MATH.put(MathFunction.RELU, Rule.of("$z > 0.0 ? $g : 0.0"));
    MATH.put(MathFunction.SOFTPLUS, Rule.of("$g * $F.sigmoid($0)"));
    // dropout(a, keep) = a * scale with a random scale: the derivative is the scale drawn in the
    // forward sweep, which no template over a, keep and the result can give (a may be 0).
    // Lowering splits the call into scale = Dropout.scale(keep) and a * scale, so the MUL rule
    // reads the drawn scale (kept like any value the reverse needs). keep has no derivative: the
    // reader rejects a keep that depends on differentiable parameters.
    MATH.put(
        MathFunction.DROPOUT,
        Rule.rewrittenByLowering("dropout(a, keep) is split into scale = Dropout.scale(keep); a * scale"));
    // The draw and the stream's state pass no gradient.
    MATH.put(MathFunction.DROPOUT_SCALE, Rule.of((String) null));
    MATH.put(MathFunction.DROPOUT_STATE, Rule.of());
    for (MathFunction piecewiseConstant :
        List.of(
            MathFunction.FLOOR,
            MathFunction.CEIL,
            MathFunction.RINT,
            MathFunction.SIGNUM,
            MathFunction.ROUND,
            MathFunction.FLOOR_DIV,
            MathFunction.FLOOR_MOD)) {
      MATH.put(piecewiseConstant, Rule.of((String) null, null));
    }
  }

  private DerivativeRules() {}

  public static Rule binary(BinaryOp op) {
    return BINARY.get(op);
  }

  public static Rule unary(UnaryOp op) {
    return UNARY.get(op);
  }

  public static Rule math(MathFunction f) {
    return MATH.get(f);
  }
}
