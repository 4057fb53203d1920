package io.github.adjoint.processor.ir;

/**
 * A variable of the function: a parameter, a user local, or one introduced by lowering. Identity
 * matters: two user locals with the same name in sibling blocks are two {@code Var}s.
 */
public final class Var {
  /** What introduced the variable. */
  public enum Kind {
    PARAMETER,
    LOCAL,
    /** An intermediate value of an expression, assigned exactly once per execution. */
    TEMP,
    /** The function's value. */
    RESULT,
    /** Set once a {@code return} has run, guarding what follows it. */
    RETURNED,
    /** Set by {@code break} or {@code continue}, guarding the rest of a loop body. */
    FLAG,
    /**
     * An array local that names (part of) another array, {@code double[] row = m[i]}: rebound, not
     * recorded, when the reverse sweep needs it.
     */
    ALIAS
  }

  private final String name;
  private final Type type;
  private final Kind kind;
  private final boolean differentiable;

  public Var(String name, Type type, Kind kind, boolean differentiable) {
    this.name = name;
    this.type = type;
    this.kind = kind;
    this.differentiable = differentiable;
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public Kind kind() {
    return kind;
  }

  /** A parameter whose gradient the generated class exposes. */
  public boolean differentiable() {
    return differentiable;
  }

  @Override
  public String toString() {
    return name + ":" + type.javaName();
  }
}
