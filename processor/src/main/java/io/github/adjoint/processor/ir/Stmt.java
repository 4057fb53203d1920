package io.github.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A statement of the fenced subset; every one keeps its source position. */
public sealed interface Stmt {
  Pos pos();

  /**
   * Visits every statement of {@code body} in source order, parents before the statements nested
   * in them (a branch's then-part before its else-part, a loop's body before its update).
   */
  static void walk(List<Stmt> body, Consumer<Stmt> visitor) {
    for (Stmt s : body) {
      visitor.accept(s);
      if (s instanceof If i) {
        walk(i.then(), visitor);
        walk(i.otherwise(), visitor);
      } else if (s instanceof Loop l) {
        walk(l.body(), visitor);
        walk(l.update(), visitor);
      }
    }
  }

  /** The expressions a statement holds itself, not those of statements nested in it. */
  static List<Expr> expressions(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Assign a) {
      out.add(a.value());
    } else if (s instanceof ArrayAssign a) {
      out.addAll(a.indices());
      out.add(a.value());
    } else if (s instanceof If i) {
      out.add(i.condition());
    } else if (s instanceof Loop l) {
      out.add(l.condition());
    } else if (s instanceof Return r) {
      out.add(r.value());
    }
    return out;
  }

  /** Visits every expression of a body and all their subexpressions, in source order. */
  static void visitExpressions(List<Stmt> body, Consumer<Expr> visitor) {
    walk(body, s -> expressions(s).forEach(e -> Expr.visit(e, visitor)));
  }

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
