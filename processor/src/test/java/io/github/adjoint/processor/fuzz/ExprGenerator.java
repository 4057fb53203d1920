package io.github.adjoint.processor.fuzz;

import io.github.adjoint.processor.fuzz.Ast.Bin;
import io.github.adjoint.processor.fuzz.Ast.Call;
import io.github.adjoint.processor.fuzz.Ast.Cast;
import io.github.adjoint.processor.fuzz.Ast.Cmp;
import io.github.adjoint.processor.fuzz.Ast.Cond;
import io.github.adjoint.processor.fuzz.Ast.Expr;
import io.github.adjoint.processor.fuzz.Ast.Idx;
import io.github.adjoint.processor.fuzz.Ast.Int;
import io.github.adjoint.processor.fuzz.Ast.Len;
import io.github.adjoint.processor.fuzz.Ast.Logic;
import io.github.adjoint.processor.fuzz.Ast.Method;
import io.github.adjoint.processor.fuzz.Ast.Neg;
import io.github.adjoint.processor.fuzz.Ast.Not;
import io.github.adjoint.processor.fuzz.Ast.Num;
import io.github.adjoint.processor.fuzz.Ast.Param;
import io.github.adjoint.processor.fuzz.Ast.T;
import io.github.adjoint.processor.fuzz.Scope.ArrayOperand;
import io.github.adjoint.processor.fuzz.Scope.Index;
import io.github.adjoint.processor.fuzz.Scope.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random expressions over the variables of a {@link Scope}: doubles using every derivative rule,
 * non-negative ints, in-bounds indices and conditions. Functions with a restricted domain get an
 * argument inside it ({@code sqrt(e * e + 0.5)}, {@code asin(0.9 * sin(e))}), so most inputs give
 * finite values; domain hazards on untaken paths are the statement generator's business.
 */
final class ExprGenerator {
  private static final String[] ANY = {
    "Math.sin", "Math.cos", "Math.atan", "Math.tanh", "Math.abs", "Math.floor", "Math.ceil", "Math.rint",
    "Math.signum", "Functions.sigmoid", "Functions.relu", "Functions.softplus"
  };
  private static final String[] OF_BOUNDED = {"Math.exp", "Math.expm1", "Math.sinh", "Math.cosh"};
  private static final String[] OF_POSITIVE = {"Math.sqrt", "Math.cbrt", "Math.log", "Math.log10", "Math.log1p"};
  private static final String[] OF_UNIT = {"Math.asin", "Math.acos", "Math.tan"};
  private static final String[] BOUNDED = {"Math.sin", "Math.cos", "Math.tanh", "Functions.sigmoid", "Math.atan"};
  private static final Double[] KEEPS = {0.5, 0.8, 1.0};
  private static final double[] CONSTANTS = {0.5, 2.0, 1.0, 0.25, 3.0, -1.5, 0.1, -0.75, 1.25, 0.0};

  final Random rnd;
  final Scope scope;
  /** Helpers this method may call (the program's earlier methods). */
  final List<Method> callable;
  /** False while generating a loop condition, where helper calls are a located error. */
  boolean allowCalls = true;

  ExprGenerator(Random rnd, Scope scope, List<Method> callable) {
    this.rnd = rnd;
    this.scope = scope;
    this.callable = callable;
  }

  <X> X pick(List<X> xs) {
    return xs.get(rnd.nextInt(xs.size()));
  }

  <X> X pick(X[] xs) {
    return xs[rnd.nextInt(xs.length)];
  }

  boolean chance(double p) {
    return rnd.nextDouble() < p;
  }

  static Call call(String f, Expr... args) {
    return new Call(f, List.of(args));
  }

  Num constant() {
    return new Num(CONSTANTS[rnd.nextInt(CONSTANTS.length)]);
  }

  // ---- doubles -----------------------------------------------------------------------------------

  Expr dbl(int depth) {
    if (depth <= 0 || chance(0.25)) {
      return leaf();
    }
    int d = depth - 1;
    switch (rnd.nextInt(16)) {
      case 0: case 1: case 2:
        return new Bin(pick(new String[] {"+", "-", "*"}), dbl(d), dbl(d));
      case 3:
        return new Bin("/", dbl(d), chance(0.3) ? new Num(2.0) : positive(d));
      case 4:
        return new Bin("%", dbl(d), positive(d));
      case 5:
        return new Neg(dbl(d));
      case 6:
        // Dropout with a constant keep: the checks run every evaluation from the same stream state.
        return chance(0.3) ? call("Functions.dropout", dbl(d), new Num(pick(KEEPS))) : call(pick(ANY), dbl(d));
      case 7:
        return chance(0.5) ? call(pick(OF_BOUNDED), bounded(d)) : call(pick(OF_POSITIVE), positive(d));
      case 8:
        return call(pick(OF_UNIT), unit(d));
      case 9:
        switch (rnd.nextInt(3)) {
          case 0: return call("Math.pow", positive(d), new Num(pick(new Double[] {2.0, 0.5, 3.0, -1.0, 1.5})));
          case 1: return call("Math.pow", positive(d), bounded(d));
          default: return call("Math.pow", dbl(d), new Num(2.0));
        }
      case 10:
        return call(pick(new String[] {"Math.atan2", "Math.hypot"}), dbl(d), positive(d));
      case 11:
        return call(pick(new String[] {"Math.max", "Math.min"}), dbl(d), chance(0.3) ? constant() : dbl(d));
      case 12:
        return new Cond(condition(d), dbl(d), dbl(d));
      case 13:
        if (!callable.isEmpty() && allowCalls) {
          return helperCall(d);
        }
        return dbl(d);
      case 14:
        return new Bin(pick(new String[] {"*", "+"}), dbl(d), nonNegative(1));
      default:
        return chance(0.5) ? new Cast(T.DOUBLE, nonNegative(1)) : new Bin("*", constant(), dbl(d));
    }
  }

  /** A double variable, an element read, a constant. */
  Expr leaf() {
    List<Var> doubles = scope.vars(T.DOUBLE);
    List<Var> arrays = scope.arrayVars();
    int r = rnd.nextInt(10);
    if (r < 4 && !doubles.isEmpty()) {
      return pick(doubles).ref();
    }
    if (r < 8 && !arrays.isEmpty()) {
      return element(operand(pick(arrays)));
    }
    if (r < 9 && !scope.indices().isEmpty()) {
      return new Cast(T.DOUBLE, new Ast.Ref(pick(scope.indices()).name(), T.INT));
    }
    return constant();
  }

  /** An array variable, or a row of a matrix variable. */
  ArrayOperand operand(Var v) {
    if (v.type() == T.ARRAY) {
      return new ArrayOperand(v.ref(), v.size(), v.writable());
    }
    return new ArrayOperand(new Idx(v.ref(), rowIndex(v)), v.columns(), v.writable());
  }

  Idx element(ArrayOperand a) {
    return new Idx(a.expr(), index(a.expr(), a.size()));
  }

  Expr bounded(int depth) {
    return call(pick(BOUNDED), dbl(depth));
  }

  /** Strictly positive, at least about 0.2. */
  Expr positive(int depth) {
    Expr e = dbl(depth);
    switch (rnd.nextInt(5)) {
      case 0: return new Bin("+", new Bin("*", e, e), new Num(0.5));
      case 1: return new Bin("+", call("Math.abs", e), new Num(0.5));
      case 2: return call("Math.exp", call(pick(BOUNDED), e));
      case 3: return new Bin("+", new Num(1.0), call("Functions.sigmoid", e));
      default: return call("Math.cosh", call(pick(BOUNDED), e));
    }
  }

  /** In (-0.9, 0.9). */
  Expr unit(int depth) {
    return chance(0.5)
        ? new Bin("*", new Num(0.9), call("Math.sin", dbl(depth)))
        : new Bin("*", new Num(0.5), call("Math.tanh", dbl(depth)));
  }

  /** A call of a helper whose array parameters have arguments in scope; else a plain double. */
  Expr helperCall(int depth) {
    List<Method> possible = callable.stream().filter(this::argumentsInScope).toList();
    if (possible.isEmpty()) {
      return dbl(depth);
    }
    Method h = pick(possible);
    List<Expr> args = new ArrayList<>();
    for (Param p : h.params()) {
      args.add(argument(p.type(), depth));
    }
    return new Call(h.name(), args);
  }

  /** Whether every array or matrix parameter of {@code h} has an argument in scope. */
  private boolean argumentsInScope(Method h) {
    return h.params().stream().allMatch(this::argumentInScope);
  }

  private boolean argumentInScope(Param p) {
    return p.type() == T.DOUBLE || (p.type() == T.ARRAY && !scope.arrayVars().isEmpty())
        || (p.type() == T.MATRIX && !scope.vars(T.MATRIX).isEmpty());
  }

  private Expr argument(T type, int depth) {
    if (type == T.DOUBLE) {
      return dbl(depth);
    }
    if (type == T.ARRAY) {
      return operand(pick(scope.arrayVars())).expr();
    }
    return pick(scope.vars(T.MATRIX)).ref();
  }

  // ---- ints and indices --------------------------------------------------------------------------

  /** A small non-negative int. */
  Expr nonNegative(int depth) {
    List<Var> ints = scope.vars(v -> v.type() == T.INT && v.nonNegative());
    if (depth <= 0 || chance(0.4)) {
      return ints.isEmpty() || chance(0.3) ? new Int(rnd.nextInt(4)) : pick(ints).ref();
    }
    switch (rnd.nextInt(4)) {
      case 0: return new Bin("+", nonNegative(depth - 1), nonNegative(depth - 1));
      case 1: return new Bin("*", nonNegative(depth - 1), new Int(2));
      case 2: return new Bin("/", nonNegative(depth - 1), new Int(2));
      default: return new Bin("%", nonNegative(depth - 1), new Int(1 + rnd.nextInt(3)));
    }
  }

  /** An index in bounds for {@code array}, whose length class is {@code size}. */
  Expr index(Expr array, String size) {
    List<Index> own = scope.indicesOf(size);
    int r = rnd.nextInt(10);
    if (r < 5 && !own.isEmpty()) {
      Index i = pick(own);
      Ast.Ref ref = new Ast.Ref(i.name(), T.INT);
      if (i.plusOne() && chance(0.3)) {
        return new Bin("+", ref, new Int(1));
      }
      if (i.minusOne() && chance(0.3)) {
        return new Bin("-", ref, new Int(1));
      }
      return ref;
    }
    switch (r % 5) {
      case 0: return new Int(rnd.nextInt(2));
      case 1: return new Bin("-", new Len(array), new Int(1));
      case 2: return new Bin("%", new Cast(T.INT, call("Math.abs", dbl(0))), new Len(array));
      default: return new Bin("%", nonNegative(2), new Len(array));
    }
  }

  Expr rowIndex(Var matrix) {
    return index(matrix.ref(), matrix.size());
  }

  // ---- conditions --------------------------------------------------------------------------------

  Expr condition(int depth) {
    String op = pick(new String[] {"<", "<=", ">", ">="});
    switch (rnd.nextInt(6)) {
      case 0: return new Cmp(op, dbl(depth), dbl(depth));
      case 1: return new Logic(chance(0.5) ? "&&" : "||", condition(0), condition(0));
      case 2: return new Not(condition(0));
      case 3:
        if (!scope.indices().isEmpty()) {
          Expr i = new Ast.Ref(pick(scope.indices()).name(), T.INT);
          return chance(0.5) ? new Cmp("==", new Bin("%", i, new Int(2)), new Int(0)) : new Cmp(op, i, new Int(1));
        }
        return new Cmp(op, dbl(depth), constant());
      case 4:
        if (chance(0.4)) {
          Expr guarded = guardedElement(op);
          if (guarded != null) {
            return guarded;
          }
        }
        return new Cmp(op, dbl(depth), constant());
      default: return new Cmp(op, dbl(depth), constant());
    }
  }

  /**
   * {@code i + 1 < a.length && g(a[i + 1]) op c} (or its {@code ||} twin): the right operand reads
   * past the end where the left one stops it, so it must run only where Java reaches it. {@code g}
   * is a helper call where calls are allowed; null if no index of an array's length is in scope.
   */
  Expr guardedElement(String op) {
    List<Var> arrays = scope.vars(v -> v.type() == T.ARRAY && !scope.indicesOf(v.size()).isEmpty());
    if (arrays.isEmpty()) {
      return null;
    }
    Var a = pick(arrays);
    Expr next = new Bin("+", new Ast.Ref(pick(scope.indicesOf(a.size())).name(), T.INT), new Int(1));
    Expr element = new Idx(a.ref(), next);
    Expr use = call(pick(BOUNDED), element);
    List<Method> withDouble = callable.stream()
        .filter(h -> h.params().stream().anyMatch(p -> p.type() == T.DOUBLE)).toList();
    if (allowCalls && !withDouble.isEmpty() && chance(0.7)) {
      Method h = pick(withDouble);
      List<Expr> args = new ArrayList<>();
      boolean placed = false;
      for (Param p : h.params()) {
        if (!argumentInScope(p)) {
          return null;
        }
        boolean here = p.type() == T.DOUBLE && !placed;
        args.add(here ? element : argument(p.type(), 0));
        placed |= here;
      }
      use = new Call(h.name(), args);
    }
    Expr length = new Len(a.ref());
    return chance(0.5)
        ? new Logic("&&", new Cmp("<", next, length), new Cmp(op, use, constant()))
        : new Logic("||", new Cmp(">=", next, length), new Cmp(op, use, constant()));
  }
}
