package io.github.adjoint.processor.fuzz;

import io.github.adjoint.processor.fuzz.Ast.Expr;
import io.github.adjoint.processor.fuzz.Ast.Ref;
import io.github.adjoint.processor.fuzz.Ast.T;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the generator knows about the variables in scope, enough to keep every program valid:
 * array lengths are symbolic size classes ({@code "N"}, {@code "M"}, {@code "3"}, ...; every array
 * has length at least 2), so an index is in bounds when it is a loop variable bounded by an array
 * of the same class, a constant 0 or 1, {@code a.length - 1} or a non-negative int modulo the length.
 */
final class Scope {
  /** A variable; for arrays {@code size} is the length class, for matrices the row and column classes. */
  record Var(String name, T type, boolean writable, String size, String columns, boolean nonNegative) {
    Ref ref() {
      return new Ref(name, type);
    }
  }

  /**
   * A loop index {@code i} in {@code [start, bound)}: in bounds for arrays of class {@code size}
   * (null: unknown); {@code plusOne}: {@code i + 1} is too; {@code minusOne}: {@code i - 1} is too.
   */
  record Index(String name, String size, boolean plusOne, boolean minusOne) {}

  /** An array-valued operand: a double[] variable or a row {@code m[i]} of a matrix. */
  record ArrayOperand(Expr expr, String size, boolean writable) {}

  private final List<Var> vars = new ArrayList<>();
  private final List<Index> indices = new ArrayList<>();

  int[] mark() {
    return new int[] {vars.size(), indices.size()};
  }

  void restore(int[] mark) {
    vars.subList(mark[0], vars.size()).clear();
    indices.subList(mark[1], indices.size()).clear();
  }

  void add(Var v) {
    vars.add(v);
  }

  void add(Index i) {
    indices.add(i);
    vars.add(new Var(i.name(), T.INT, false, null, null, true));
  }

  List<Var> vars(Predicate<Var> filter) {
    return vars.stream().filter(filter).toList();
  }

  List<Var> vars(T type) {
    return vars(v -> v.type() == type);
  }

  List<Index> indices() {
    return indices;
  }

  List<Index> indicesOf(String size) {
    return indices.stream().filter(i -> size != null && size.equals(i.size())).toList();
  }

  /** Variables of type double[] or double[][] (a matrix serves its rows as array operands). */
  List<Var> arrayVars() {
    return vars(v -> v.type() == T.ARRAY || v.type() == T.MATRIX);
  }
}
