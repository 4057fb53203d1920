package io.github.adjoint.processor.adjoint;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Var;
import java.util.List;

/** A gradient the reverse sweep reads or writes: an adjoint variable, an element of one, or a constant. */
public sealed interface Adjoint {
  /** {@code dv}: the adjoint of a scalar, or the storage of an array's adjoint. */
  record Of(Var var) implements Adjoint {}

  /** {@code dA[i][j]}, or the row {@code dA[i]}, at primal indices. */
  record Element(Var array, List<Expr> indices) implements Adjoint {}

  /**
   * A copy of an adjoint taken before it is zeroed ({@code double upstream = dA[i]}): assigned
   * once, where it is declared. Identity matters.
   */
  final class Copy implements Adjoint {
    @Override
    public String toString() {
      return "upstream@" + Integer.toHexString(System.identityHashCode(this));
    }
  }

  /** The constant 1: the result's adjoint where nothing else is ever added to it. */
  record One() implements Adjoint {}

  /** Whether this is the scalar adjoint of {@code v}. */
  default boolean isOf(Var v) {
    return this instanceof Of o && o.var() == v;
  }
}
