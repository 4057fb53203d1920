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

  /** {@code array[i] = value} (or {@code matrix[i][j] = value}) on a local array. */
  record ArrayAssign(Var array, List<Expr> indices, Expr value, Pos pos) implements Stmt {}

  /**
   * Every loop: {@code while (condition) { body; update }}, or with {@code testFirst} false,
   * {@code do { body; update } while (condition)}. A {@code for} loop's init runs before it.
   */
  record Loop(Expr condition, List<Stmt> body, List<Stmt> update, boolean testFirst, Pos pos)
      implements Stmt {}

  record Break(Pos pos) implements Stmt {}

  record Continue(Pos pos) implements Stmt {}
}
