package io.github.adjoint.processor.fuzz;

import io.github.adjoint.processor.fuzz.Ast.Assign;
import io.github.adjoint.processor.fuzz.Ast.Bin;
import io.github.adjoint.processor.fuzz.Ast.Break;
import io.github.adjoint.processor.fuzz.Ast.Continue;
import io.github.adjoint.processor.fuzz.Ast.Decl;
import io.github.adjoint.processor.fuzz.Ast.Expr;
import io.github.adjoint.processor.fuzz.Ast.For;
import io.github.adjoint.processor.fuzz.Ast.ForEach;
import io.github.adjoint.processor.fuzz.Ast.Form;
import io.github.adjoint.processor.fuzz.Ast.Idx;
import io.github.adjoint.processor.fuzz.Ast.If;
import io.github.adjoint.processor.fuzz.Ast.Inc;
import io.github.adjoint.processor.fuzz.Ast.Int;
import io.github.adjoint.processor.fuzz.Ast.Len;
import io.github.adjoint.processor.fuzz.Ast.Method;
import io.github.adjoint.processor.fuzz.Ast.NewArr;
import io.github.adjoint.processor.fuzz.Ast.Num;
import io.github.adjoint.processor.fuzz.Ast.Param;
import io.github.adjoint.processor.fuzz.Ast.Program;
import io.github.adjoint.processor.fuzz.Ast.Ref;
import io.github.adjoint.processor.fuzz.Ast.Return;
import io.github.adjoint.processor.fuzz.Ast.Stmt;
import io.github.adjoint.processor.fuzz.Ast.T;
import io.github.adjoint.processor.fuzz.Ast.While;
import io.github.adjoint.processor.fuzz.Scope.ArrayOperand;
import io.github.adjoint.processor.fuzz.Scope.Index;
import io.github.adjoint.processor.fuzz.Scope.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of random valid programs over the whole fence: helpers, then the function
 * {@code f}. Every loop terminates (while loops carry a counter), every index is in bounds by
 * construction (see {@link Scope}), arrays are allocated outside loops and written only when local.
 */
final class ProgramGenerator {
  /** Parameter array lengths are drawn per run: w, p (and a helper's b) have length N, v length M, m is N x M. */
  static final String N = "N";
  static final String M = "M";

  private final Random rnd;
  private Scope scope;
  private ExprGenerator ex;
  private int names;
  private int loopDepth;
  private int budget;
  private List<Var> topLevelArrays;
  private int blockDepth;

  private ProgramGenerator(long seed) {
    this.rnd = new Random(seed);
  }

  static Program generate(long seed) {
    return new ProgramGenerator(seed).program();
  }

  private Program program() {
    List<Method> helpers = new ArrayList<>();
    int count = rnd.nextInt(3);
    for (int h = 0; h < count; h++) {
      List<Param> params = new ArrayList<>();
      params.add(new Param(T.DOUBLE, "a", false));
      if (rnd.nextBoolean()) {
        params.add(new Param(T.ARRAY, "b", false));
      }
      if (rnd.nextBoolean()) {
        params.add(new Param(T.DOUBLE, "q", false));
      }
      helpers.add(method("h" + h, params, List.copyOf(helpers), 2, 2 + rnd.nextInt(3)));
    }
    List<Param> params = new ArrayList<>();
    params.add(new Param(T.DOUBLE, "x", false));
    addIf(0.6, params, T.DOUBLE, "y", false);
    addIf(0.25, params, T.DOUBLE, "z", false);
    addIf(0.6, params, T.ARRAY, "w", false);
    addIf(0.3, params, T.ARRAY, "v", false);
    addIf(0.35, params, T.MATRIX, "m", false);
    addIf(0.3, params, T.ARRAY, "p", true);
    addIf(0.2, params, T.DOUBLE, "c", true);
    addIf(0.2, params, T.INT, "k", false);
    return new Program(helpers, method("f", params, helpers, 3, 3 + rnd.nextInt(6)));
  }

  private void addIf(double p, List<Param> params, T type, String name, boolean noGrad) {
    if (rnd.nextDouble() < p) {
      params.add(new Param(type, name, noGrad));
    }
  }

  /** The length class of parameter arrays (GradientCheck draws the same): v is M, the others N. */
  private static String sizeOf(Param p) {
    return p.name().equals("v") ? M : N;
  }

  private Method method(String name, List<Param> params, List<Method> callable, int depth, int count) {
    scope = new Scope();
    ex = new ExprGenerator(rnd, scope, callable);
    names = 0;
    loopDepth = 0;
    budget = 30;
    topLevelArrays = new ArrayList<>();
    Param layered = layerParameter(name, params);
    for (Param p : params) {
      if (p == layered) {
        continue;
      }
      switch (p.type()) {
        case DOUBLE -> scope.add(new Var(p.name(), T.DOUBLE, !p.noGrad(), null, null, false));
        case INT -> scope.add(new Var(p.name(), T.INT, false, null, null, true));
        case ARRAY -> scope.add(new Var(p.name(), T.ARRAY, false, sizeOf(p), null, false));
        default -> scope.add(new Var(p.name(), T.MATRIX, false, N, M, false));
      }
    }
    List<Stmt> body = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      stmt(depth, body);
    }
    List<Expr> results = new ArrayList<>();
    if (layered != null) {
      results.add(layer(layered, body));
    }
    for (Var a : topLevelArrays) {
      if (ex.chance(0.7)) {
        results.add(reduce(a, body));
      }
    }
    List<Var> doubles = scope.vars(T.DOUBLE);
    for (int i = rnd.nextInt(3); i >= 0 || results.isEmpty(); i--) {
      results.add(ex.chance(0.8) ? ex.pick(doubles).ref() : ex.dbl(1));
    }
    Expr result = results.get(0);
    for (Expr r : results.subList(1, results.size())) {
      result = new Bin(ex.chance(0.8) ? "+" : "*", result, r);
    }
    body.add(new Return(result));
    return new Method(name, params, body);
  }

  /**
   * Sometimes one differentiable array parameter of {@code f} is kept out of the scope and read
   * only by a {@link #layer}: the shape whose gradient {@code compute} assigns entry by entry.
   */
  private Param layerParameter(String method, List<Param> params) {
    List<Param> arrays = params.stream().filter(p -> p.type() != T.DOUBLE && p.type() != T.INT && !p.noGrad()).toList();
    return method.equals("f") && !arrays.isEmpty() && ex.chance(0.4) ? ex.pick(arrays) : null;
  }

  /**
   * A layer over {@code p}, each entry read once: {@code s += F(p[i] * e)} for an array; for a
   * matrix {@code a = e; for (j) a += p[i][j] * e; s += F(a)} per row, indexed or through a row
   * alias. Bounds are the length, one less, or 2 (every fuzzed array is at least that long), so
   * entries past a loop's end occur. Returns {@code s}.
   */
  private Expr layer(Param p, List<Stmt> out) {
    String s = fresh("s");
    out.add(new Decl(T.DOUBLE, s, ex.dbl(1)));
    String i = fresh("i");
    Ref array = new Ref(p.name(), p.type());
    List<Stmt> body = new ArrayList<>();
    if (p.type() == T.ARRAY) {
      Expr read = new Bin("*", new Idx(array, new Ref(i, T.INT)), ex.dbl(1));
      body.add(new Assign(new Ref(s, T.DOUBLE), "+=", ex.chance(0.5) ? ExprGenerator.call(ex.pick(LAYER_F), read) : read));
    } else {
      String columns = fresh("n");
      out.add(new Decl(T.INT, columns, new Len(new Idx(array, new Int(0)))));
      Expr row = array;
      Expr rowIndex = new Ref(i, T.INT);
      if (ex.chance(0.4)) {
        String alias = fresh("r");
        body.add(new Decl(T.ARRAY, alias, new Idx(array, rowIndex)));
        row = new Ref(alias, T.ARRAY);
      } else {
        row = new Idx(array, rowIndex);
      }
      String a = fresh("a");
      String j = fresh("j");
      body.add(new Decl(T.DOUBLE, a, ex.dbl(1)));
      Expr entry = new Idx(row, new Ref(j, T.INT));
      Expr columnBound = row instanceof Ref alias && ex.chance(0.5) ? new Len(alias) : layerBound(new Ref(columns, T.INT));
      body.add(new For(j, new Int(0), columnBound,
          List.of(new Assign(new Ref(a, T.DOUBLE), "+=", new Bin("*", entry, ex.dbl(1))))));
      body.add(new Assign(new Ref(s, T.DOUBLE), "+=", ExprGenerator.call(ex.pick(LAYER_F), new Ref(a, T.DOUBLE))));
    }
    out.add(new For(i, new Int(0), layerBound(new Len(array)), body));
    scope.add(new Var(s, T.DOUBLE, false, null, null, false));
    return new Ref(s, T.DOUBLE);
  }

  private static final String[] LAYER_F = {"Math.tanh", "Functions.sigmoid", "Functions.relu", "Math.sin"};

  /** Mostly the full length; sometimes one less, or 2. */
  private Expr layerBound(Expr length) {
    int pick = rnd.nextInt(6);
    return pick == 0 ? new Bin("-", length, new Int(1)) : pick == 1 ? new Int(2) : length;
  }

  private String fresh(String prefix) {
    return prefix + names++;
  }

  /** {@code double s = 0; for (...) s += a[i];} (for a matrix: over its rows too); returns s. */
  private Expr reduce(Var a, List<Stmt> out) {
    String s = fresh("s");
    out.add(new Decl(T.DOUBLE, s, new Num(0.0)));
    String i = fresh("i");
    Stmt add;
    if (a.type() == T.ARRAY) {
      add = new Assign(new Ref(s, T.DOUBLE), "+=", new Idx(a.ref(), new Ref(i, T.INT)));
    } else {
      String r = fresh("r");
      String j = fresh("j");
      Stmt inner = new Assign(new Ref(s, T.DOUBLE), "+=", new Idx(new Ref(r, T.ARRAY), new Ref(j, T.INT)));
      add = new ForEach(T.ARRAY, r, a.ref(), List.of(new For(j, new Int(0), new Len(new Ref(r, T.ARRAY)), List.of(inner))));
      out.add(add);
      return new Ref(s, T.DOUBLE);
    }
    out.add(new For(i, new Int(0), new Len(a.ref()), List.of(add)));
    return new Ref(s, T.DOUBLE);
  }

  private List<Stmt> block(int depth, int count) {
    int[] mark = scope.mark();
    List<Stmt> out = new ArrayList<>();
    blockDepth++;
    for (int i = 0; i < count; i++) {
      stmt(depth, out);
    }
    blockDepth--;
    scope.restore(mark);
    return out;
  }

  private void stmt(int depth, List<Stmt> out) {
    if (--budget < 0) {
      depth = 0;
    }
    while (true) {
      int r = rnd.nextInt(depth > 0 ? 24 : 13);
      if (r < 2) {
        String d = fresh("d");
        out.add(new Decl(T.DOUBLE, d, ex.dbl(2)));
        scope.add(new Var(d, T.DOUBLE, true, null, null, false));
        return;
      } else if (r < 5 && assignDouble(out)) {
        return;
      } else if (r < 8 && assignElement(out)) {
        return;
      } else if (r == 8 && increment(out)) {
        return;
      } else if (r == 9) {
        String n = fresh("n");
        out.add(new Decl(T.INT, n, ex.nonNegative(2)));
        scope.add(new Var(n, T.INT, true, null, null, true));
        return;
      } else if (r == 10 && loopDepth == 0 && declareArray(out)) {
        return;
      } else if (r == 11 && rowAlias(out)) {
        return;
      } else if (r == 12) {
        Hazards.guarded(ex, scope, this::fresh, out);
        return;
      } else if (r == 13 || r == 14) {
        out.add(new If(ex.condition(1), block(depth - 1, 1 + rnd.nextInt(3)),
            ex.chance(0.4) ? block(depth - 1, 1 + rnd.nextInt(2)) : null));
        return;
      } else if (r >= 15 && r <= 17) {
        out.add(forLoop(depth));
        return;
      } else if (r == 18 && forEach(depth, out)) {
        return;
      } else if (r == 19) {
        loopDepth++;
        String g = fresh("g");
        // A @Differentiable call in a loop condition is a documented [Adjoint:UnsupportedExpression].
        ex.allowCalls = false;
        Expr cond = ex.condition(1);
        ex.allowCalls = true;
        out.add(new While(g, 2 + rnd.nextInt(5), cond, block(depth - 1, 1 + rnd.nextInt(3)), ex.chance(0.4)));
        loopDepth--;
        return;
      } else if (r == 20) {
        out.add(new If(ex.condition(1), List.of(new Return(ex.dbl(2))), null));
        return;
      } else if (r >= 21 && loopDepth > 0) {
        out.add(new If(ex.condition(1), List.of(ex.chance(0.5) ? new Break() : new Continue()), null));
        return;
      }
    }
  }

  private boolean assignDouble(List<Stmt> out) {
    List<Var> targets = scope.vars(v -> v.type() == T.DOUBLE && v.writable());
    if (targets.isEmpty()) {
      return false;
    }
    out.add(update(ex.pick(targets).ref()));
    return true;
  }

  private Assign update(Expr target) {
    switch (rnd.nextInt(6)) {
      case 0: case 1: return new Assign(target, "=", ex.dbl(2));
      case 2: return new Assign(target, "+=", ex.dbl(2));
      case 3: return new Assign(target, "-=", ex.dbl(2));
      case 4: return new Assign(target, "*=", ex.chance(0.5) ? ex.bounded(1) : ex.dbl(1));
      default: return new Assign(target, "/=", ex.positive(1));
    }
  }

  private boolean assignElement(List<Stmt> out) {
    List<Var> arrays = scope.vars(v -> (v.type() == T.ARRAY || v.type() == T.MATRIX) && v.writable());
    if (arrays.isEmpty()) {
      return false;
    }
    out.add(update(ex.element(ex.operand(ex.pick(arrays)))));
    return true;
  }

  private boolean increment(List<Stmt> out) {
    List<Var> targets = scope.vars(v -> v.writable() && v.type() != T.MATRIX);
    if (targets.isEmpty()) {
      return false;
    }
    Var v = ex.pick(targets);
    out.add(new Inc(v.type() == T.ARRAY ? ex.element(ex.operand(v)) : v.ref()));
    return true;
  }

  /** {@code new double[n]} or {@code new double[n][m]}, n and m lengths of arrays in scope or 2 or 3; often filled. */
  private boolean declareArray(List<Stmt> out) {
    String[] rows = length();
    String t = fresh("t");
    if (ex.chance(0.7)) {
      out.add(new Decl(T.ARRAY, t, newArray(rows, null)));
      Var v = new Var(t, T.ARRAY, true, rows[1], null, false);
      scope.add(v);
      if (blockDepth == 0) {
        topLevelArrays.add(v);
      }
      if (ex.chance(0.7)) {
        String i = fresh("i");
        int[] mark = scope.mark();
        scope.add(new Index(i, rows[1], false, false));
        out.add(new For(i, new Int(0), new Len(v.ref()), List.of(update(new Idx(v.ref(), new Ref(i, T.INT))))));
        scope.restore(mark);
      }
    } else {
      String[] cols = length();
      out.add(new Decl(T.MATRIX, t, newArray(rows, cols)));
      Var v = new Var(t, T.MATRIX, true, rows[1], cols[1], false);
      scope.add(v);
      if (blockDepth == 0) {
        topLevelArrays.add(v);
      }
    }
    return true;
  }

  private static NewArr newArray(String[] rows, String[] cols) {
    return new NewArr(lengthExpr(rows[0]), cols == null ? null : lengthExpr(cols[0]));
  }

  private static Expr lengthExpr(String source) {
    return Character.isDigit(source.charAt(0)) ? new Int(Integer.parseInt(source)) : new Len(new Ref(source, T.ARRAY));
  }

  /** {source, size class}: the length of an array in scope, or a constant 2 or 3. */
  private String[] length() {
    List<Var> arrays = scope.vars(T.ARRAY);
    if (!arrays.isEmpty() && ex.chance(0.7)) {
      Var a = ex.pick(arrays);
      return new String[] {a.name(), a.size()};
    }
    String n = Integer.toString(2 + rnd.nextInt(2));
    return new String[] {n, n};
  }

  private boolean rowAlias(List<Stmt> out) {
    List<Var> matrices = scope.vars(T.MATRIX);
    if (matrices.isEmpty()) {
      return false;
    }
    Var m = ex.pick(matrices);
    String r = fresh("r");
    out.add(new Decl(T.ARRAY, r, new Idx(m.ref(), aliasIndex(m))));
    scope.add(new Var(r, T.ARRAY, m.writable(), m.columns(), null, false));
    return true;
  }

  /**
   * A row index that no later statement can change: the processor rejects an assignment to a
   * variable that indexes a live row alias ([Adjoint:UnsupportedStatement], not in the README).
   */
  private Expr aliasIndex(Var m) {
    List<Index> own = scope.indicesOf(m.size());
    switch (rnd.nextInt(4)) {
      case 0: return own.isEmpty() ? new Int(1) : new Ref(ex.pick(own).name(), T.INT);
      case 1: return new Bin("-", new Len(m.ref()), new Int(1));
      case 2:
        return scope.indices().isEmpty() ? new Int(0)
            : new Bin("%", new Ref(ex.pick(scope.indices()).name(), T.INT), new Len(m.ref()));
      default: return new Int(rnd.nextInt(2));
    }
  }

  /** A counted loop: bounded by an array length (maybe minus 1), from 0, 1, length / 2 or an outer index; or a short data-dependent trip count. */
  private For forLoop(int depth) {
    String i = fresh("i");
    Expr start = new Int(0);
    Expr bound;
    Index index;
    List<Var> arrays = scope.arrayVars();
    if (!arrays.isEmpty() && ex.chance(0.75)) {
      Var a = ex.pick(arrays);
      ArrayOperand operand = a.type() == T.MATRIX && ex.chance(0.5) ? ex.operand(a) : new ArrayOperand(a.ref(), a.size(), false);
      Expr length = new Len(operand.expr());
      boolean minusOne = false;
      List<Index> same = scope.indicesOf(operand.size());
      switch (rnd.nextInt(5)) {
        case 0 -> { start = new Int(1); minusOne = true; }
        case 1 -> { start = new Bin("/", length, new Int(2)); minusOne = true; }
        case 2 -> start = same.isEmpty() ? start : new Ref(ex.pick(same).name(), T.INT);
        default -> { }
      }
      boolean plusOne = ex.chance(0.4);
      bound = plusOne ? new Bin("-", length, new Int(1)) : length;
      index = new Index(i, operand.size(), plusOne, minusOne);
    } else {
      List<Var> ints = scope.vars(v -> v.type() == T.INT && v.nonNegative() && !v.name().startsWith("i"));
      bound = ints.isEmpty() || ex.chance(0.5) ? new Int(2 + rnd.nextInt(2)) : new Bin("%", ex.pick(ints).ref(), new Int(4));
      index = new Index(i, null, false, false);
    }
    int[] mark = scope.mark();
    scope.add(index);
    loopDepth++;
    List<Stmt> body = block(depth - 1, 1 + rnd.nextInt(3));
    loopDepth--;
    scope.restore(mark);
    // Mostly i++; also larger steps and loops running down over the same range: the reverse
    // sweep steps such counters back, or counts their trips, in other ways.
    int step = ex.chance(0.75) ? 1 : 2 + rnd.nextInt(2);
    Form form = Form.values()[rnd.nextInt(Form.values().length)];
    return new For(i, start, bound, step, ex.chance(0.3), form, body);
  }

  private boolean forEach(int depth, List<Stmt> out) {
    List<Var> arrays = scope.arrayVars();
    if (arrays.isEmpty()) {
      return false;
    }
    Var a = ex.pick(arrays);
    String e = fresh("e");
    int[] mark = scope.mark();
    T type = a.type() == T.MATRIX ? T.ARRAY : T.DOUBLE;
    scope.add(type == T.ARRAY ? new Var(e, T.ARRAY, a.writable(), a.columns(), null, false)
        : new Var(e, T.DOUBLE, false, null, null, false));
    loopDepth++;
    List<Stmt> body = block(depth - 1, 1 + rnd.nextInt(3));
    loopDepth--;
    scope.restore(mark);
    out.add(new ForEach(type, e, a.ref(), body));
    return true;
  }
}
