package io.github.adjoint.processor.fuzz;

import java.util.List;

/**
 * The fuzzer's program trees: a small typed AST of the fenced Java subset. Both printers ({@link
 * JavaPrinter} for the {@code @Differentiable} method, {@link TwinPrinter} for the forward-mode
 * twin) and the {@link Shrinker} work on it. Trees are immutable; the shrinker rebuilds them.
 */
final class Ast {
  private Ast() {}

  /** Java types of the subset. */
  enum T {
    DOUBLE("double"),
    INT("int"),
    BOOLEAN("boolean"),
    ARRAY("double[]"),
    MATRIX("double[][]");

    final String java;

    T(String java) {
      this.java = java;
    }
  }

  // ---- expressions -------------------------------------------------------------------------------

  sealed interface Expr permits Num, Int, Ref, Bin, Neg, Cmp, Logic, Not, Call, Cast, Len, Idx, Cond, NewArr {
    T type();
  }

  /** A double literal. */
  record Num(double value) implements Expr {
    public T type() {
      return T.DOUBLE;
    }
  }

  /** An int literal. */
  record Int(int value) implements Expr {
    public T type() {
      return T.INT;
    }
  }

  /** A parameter or local. */
  record Ref(String name, T type) implements Expr {}

  /** {@code + - * / %} with Java's typing: int if both operands are int, else double. */
  record Bin(String op, Expr a, Expr b) implements Expr {
    public T type() {
      return a.type() == T.INT && b.type() == T.INT ? T.INT : T.DOUBLE;
    }
  }

  record Neg(Expr a) implements Expr {
    public T type() {
      return a.type();
    }
  }

  /** {@code < <= > >= == !=} on numbers. */
  record Cmp(String op, Expr a, Expr b) implements Expr {
    public T type() {
      return T.BOOLEAN;
    }
  }

  /** {@code &&} or {@code ||}. */
  record Logic(String op, Expr a, Expr b) implements Expr {
    public T type() {
      return T.BOOLEAN;
    }
  }

  record Not(Expr a) implements Expr {
    public T type() {
      return T.BOOLEAN;
    }
  }

  /**
   * A call returning double: {@code Math.f}, {@code Functions.f} (written with its class) or a
   * helper method of the program (a bare name).
   */
  record Call(String function, List<Expr> args) implements Expr {
    public T type() {
      return T.DOUBLE;
    }

    boolean isHelper() {
      return !function.contains(".");
    }
  }

  /** {@code (int) e} or {@code (double) e}. */
  record Cast(T to, Expr a) implements Expr {
    public T type() {
      return to;
    }
  }

  /** {@code a.length}. */
  record Len(Expr array) implements Expr {
    public T type() {
      return T.INT;
    }
  }

  /** {@code a[i]}: a double of an array, a row of a matrix. */
  record Idx(Expr array, Expr index) implements Expr {
    public T type() {
      return array.type() == T.MATRIX ? T.ARRAY : T.DOUBLE;
    }
  }

  /** {@code c ? a : b} of doubles. */
  record Cond(Expr c, Expr a, Expr b) implements Expr {
    public T type() {
      return a.type();
    }
  }

  /** {@code new double[n]} or {@code new double[n][m]} (m non-null). */
  record NewArr(Expr n, Expr m) implements Expr {
    public T type() {
      return m == null ? T.ARRAY : T.MATRIX;
    }
  }

  // ---- statements --------------------------------------------------------------------------------

  sealed interface Stmt permits Decl, Assign, Inc, If, For, ForEach, While, Break, Continue, Return, Raw {}

  record Decl(T type, String name, Expr init) implements Stmt {}

  /** {@code target op value}; target a {@link Ref} or an {@link Idx}, op one of {@code = += -= *= /=}. */
  record Assign(Expr target, String op, Expr value) implements Stmt {}

  /** {@code target++}: an int or double local, or a local array element. */
  record Inc(Expr target) implements Stmt {}

  record If(Expr c, List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

  /**
   * A counted loop over {@code [start, bound)}: up, {@code for (int i = start; i < bound; i +=
   * step)}, or down over the same range, {@code for (int i = bound - 1; i >= start; i -= step)}.
   * An upward loop's condition is spelled as {@code form} says.
   */
  record For(String var, Expr start, Expr bound, int step, boolean down, Form form, List<Stmt> body)
      implements Stmt {
    For(String var, Expr start, Expr bound, List<Stmt> body) {
      this(var, start, bound, 1, false, Form.LESS, body);
    }

    For withBody(List<Stmt> other) {
      return new For(var, start, bound, step, down, form, other);
    }

    For withBound(Expr other) {
      return new For(var, start, other, step, down, form, body);
    }
  }

  /**
   * Equal spellings of an upward loop's condition: {@code i < bound}; {@code i <= bound - 1}; and,
   * for a bound {@code b - k}, {@code i + k < b} (else {@code i < bound}).
   */
  enum Form { LESS, AT_MOST, SHIFTED }

  /** {@code for (type var : array)}. */
  record ForEach(T type, String var, Expr array, List<Stmt> body) implements Stmt {}

  /**
   * {@code int guard = 0; while (cond && guard < limit) { guard++; body }}, or the {@code do} form:
   * the guard makes every loop terminate, and the shrinker cannot remove it.
   */
  record While(String guard, int limit, Expr cond, List<Stmt> body, boolean isDo) implements Stmt {}

  record Break() implements Stmt {}

  record Continue() implements Stmt {}

  record Return(Expr value) implements Stmt {}

  /** Java text printed as is: only the error-path mutations use it (it has no twin). */
  record Raw(String java) implements Stmt {}

  // ---- methods and programs ----------------------------------------------------------------------

  record Param(T type, String name, boolean noGrad) {}

  record Method(String name, List<Param> params, List<Stmt> body) {}

  /** Helpers first (each may call the ones before it), then the function under test. */
  record Program(List<Method> helpers, Method main) {
    List<Method> methods() {
      List<Method> all = new java.util.ArrayList<>(helpers);
      all.add(main);
      return all;
    }
  }
}
