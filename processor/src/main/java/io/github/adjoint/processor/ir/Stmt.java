package io.github.adjoint.processor.ir;

import java.util.List;

/** A statement of the fenced subset; every one keeps its source position. */
public sealed interface Stmt {
  Pos pos();

  /**
   * {@code target = value}. {@code declaration} marks the first assignment of a local at its
   * declaration, which overwrites nothing.
   */
  record Assign(Var target, Expr value, boolean declaration, Pos pos) implements Stmt {}

  record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, Pos pos) implements Stmt {}

  record Return(Expr value, Pos pos) implements Stmt {}
}
