package io.github.adjoint.processor.ir;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code java.lang.Math} / {@code StrictMath} functions of the subset, with their Java typing.
 * Their derivatives live in {@code derive.DerivativeRules}.
 */
public enum MathFunction {
  ABS("abs", 1, Typing.PROMOTED),
  MAX("max", 2, Typing.PROMOTED),
  MIN("min", 2, Typing.PROMOTED),
  SQRT("sqrt", 1, Typing.DOUBLE),
  CBRT("cbrt", 1, Typing.DOUBLE),
  EXP("exp", 1, Typing.DOUBLE),
  EXPM1("expm1", 1, Typing.DOUBLE),
  LOG("log", 1, Typing.DOUBLE),
  LOG10("log10", 1, Typing.DOUBLE),
  LOG1P("log1p", 1, Typing.DOUBLE),
  POW("pow", 2, Typing.DOUBLE),
  SIN("sin", 1, Typing.DOUBLE),
  COS("cos", 1, Typing.DOUBLE),
  TAN("tan", 1, Typing.DOUBLE),
  ASIN("asin", 1, Typing.DOUBLE),
  ACOS("acos", 1, Typing.DOUBLE),
  ATAN("atan", 1, Typing.DOUBLE),
  ATAN2("atan2", 2, Typing.DOUBLE),
  SINH("sinh", 1, Typing.DOUBLE),
  COSH("cosh", 1, Typing.DOUBLE),
  TANH("tanh", 1, Typing.DOUBLE),
  HYPOT("hypot", 2, Typing.DOUBLE),
  FLOOR("floor", 1, Typing.DOUBLE),
  CEIL("ceil", 1, Typing.DOUBLE),
  RINT("rint", 1, Typing.DOUBLE),
  SIGNUM("signum", 1, Typing.DOUBLE),
  ROUND("round", 1, Typing.LONG),
  FLOOR_DIV("floorDiv", 2, Typing.PROMOTED_INTEGRAL),
  FLOOR_MOD("floorMod", 2, Typing.PROMOTED_INTEGRAL),
  /** Intrinsics of {@code io.github.adjoint.Functions}. */
  SIGMOID("sigmoid", 1, Typing.DOUBLE),
  RELU("relu", 1, Typing.DOUBLE),
  SOFTPLUS("softplus", 1, Typing.DOUBLE),
  /** {@code dropout(x, keep)}: x times a random factor, 0 or 1/keep (see {@code DROPOUT_SCALE}). */
  DROPOUT("dropout", 2, Typing.DOUBLE),
  /**
   * Not callable from user code: lowering splits {@code sigmoid(x)} into {@code e = expNegAbs(x)}
   * and {@code sigmoidFrom(x, e)} (likewise softplus), so that the derivative reuses the forward
   * sweep's exp. The companion {@code e} carries no derivative of its own: the rule of the
   * function that reads it gives the whole derivative through {@code x}.
   */
  EXP_NEG_ABS("expNegAbs", 1, Typing.DOUBLE),
  SOFTPLUS_FROM("softplusFrom", 2, Typing.DOUBLE),
  SIGMOID_FROM("sigmoidFrom", 2, Typing.DOUBLE),
  /**
   * Not callable from user code: lowering splits {@code dropout(x, keep)} into {@code scale =
   * Dropout.scale(keep)}, the one random draw, and {@code x * scale}, whose derivative reads the
   * drawn scale. Impure: evaluated once, in the forward sweep, never again.
   */
  DROPOUT_SCALE("scale", 1, Typing.DOUBLE),
  /**
   * Not callable from user code: {@code Dropout.state()}, kept before a call in a loop of a
   * function that draws, so that the call's reverse draws the same masks again.
   */
  DROPOUT_STATE("state", 0, Typing.LONG);

  /** The runtime class that holds the intrinsics. */
  public static final String INTRINSICS = "io.github.adjoint.Functions";

  /** The runtime class that holds the dropout stream. */
  public static final String DROPOUT_STREAM = "io.github.adjoint.Dropout";

  /** How the result type follows from the argument types. */
  public enum Typing {
    /** Always double; integral arguments are widened. */
    DOUBLE,
    /** The promoted type of the arguments (int, long or double overload). */
    PROMOTED,
    /** Only the int and long overloads exist. */
    PROMOTED_INTEGRAL,
    /** {@code round(double)} returns long. */
    LONG
  }

  private final String javaName;
  private final int arity;
  private final Typing typing;

  MathFunction(String javaName, int arity, Typing typing) {
    this.javaName = javaName;
    this.arity = arity;
    this.typing = typing;
  }

  public String javaName() {
    return javaName;
  }

  public int arity() {
    return arity;
  }

  public Typing typing() {
    return typing;
  }

  public boolean isIntrinsic() {
    return this == SIGMOID || this == RELU || this == SOFTPLUS || this == DROPOUT;
  }

  /** Introduced by lowering, never read from source. */
  public boolean isInternal() {
    return this == EXP_NEG_ABS || this == SOFTPLUS_FROM || this == SIGMOID_FROM
        || this == DROPOUT_SCALE || this == DROPOUT_STATE;
  }

  /** The function {@code name} of {@code java.lang.Math}/{@code StrictMath}, or of the intrinsics. */
  public static Optional<MathFunction> named(String name, boolean intrinsic) {
    return Arrays.stream(values())
        .filter(f -> f.javaName.equals(name) && f.isIntrinsic() == intrinsic && !f.isInternal())
        .findFirst();
  }
}
