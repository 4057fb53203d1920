package io.github.adjoint.processor.ir;

/** The Java types the fenced subset computes with. */
public enum Type {
  DOUBLE("double", "0.0"),
  LONG("long", "0L"),
  INT("int", "0"),
  BOOLEAN("boolean", "false"),
  DOUBLE_ARRAY("double[]", "null"),
  DOUBLE_MATRIX("double[][]", "null");

  private final String javaName;
  private final String zero;

  Type(String javaName, String zero) {
    this.javaName = javaName;
    this.zero = zero;
  }

  public String javaName() {
    return javaName;
  }

  /** The literal a hoisted local of this type starts with. */
  public String zero() {
    return zero;
  }

  public boolean isNumeric() {
    return this == DOUBLE || this == LONG || this == INT;
  }

  public boolean isArray() {
    return this == DOUBLE_ARRAY || this == DOUBLE_MATRIX;
  }

  /** The type of one element: a row of a matrix, a double of an array. */
  public Type element() {
    return switch (this) {
      case DOUBLE_MATRIX -> DOUBLE_ARRAY;
      case DOUBLE_ARRAY -> DOUBLE;
      default -> throw new IllegalStateException(this + " has no elements");
    };
  }

  /** Java's binary numeric promotion (JLS 5.6.2) restricted to the subset. */
  public static Type promote(Type a, Type b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }
}
