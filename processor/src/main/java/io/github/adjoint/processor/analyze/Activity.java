package io.github.adjoint.processor.analyze;

import io.github.adjoint.processor.rules.DerivativeRules;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Activity analysis. A value is <em>varied</em> when it depends differentiably on a differentiable
 * parameter (through doubles: a comparison, an int cast or {@code Math.floor} cuts the dependence),
 * and an assignment is <em>useful</em> when the value it stores can still reach the result. Only
 * assignments that are both get adjoint code, so a value that never reaches the result (an unused
 * {@code Math.acos(2)}, which is NaN) cannot poison the gradient.
 */
public final class Activity {
  private Activity() {}

  /**
   * The varied variables, flow-insensitively (a variable is varied if any assignment to it is): a
   * superset, which only costs adjoint code that adds zeros, never a wrong gradient.
   */
  public static Set<Var> varied(List<Var> parameters, List<Stmt> body) {
    Set<Var> varied = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Var p : parameters) {
      if (p.differentiable()) {
        varied.add(p);
      }
    }
    boolean changed = true;
    while (changed) {
      boolean[] grew = {false};
      forEachWrite(
          body,
          s -> {
            Var target = s instanceof Stmt.Assign a ? a.target() : ((Stmt.ArrayAssign) s).array();
            Expr value = s instanceof Stmt.Assign a ? a.value() : ((Stmt.ArrayAssign) s).value();
            boolean carries = target.type() == Type.DOUBLE || target.type().isArray();
            if (carries && !varied.contains(target) && isVaried(value, varied)) {
              varied.add(target);
              grew[0] = true;
            }
          });
      changed = grew[0];
    }
    return varied;
  }

  /** Whether an expression's value depends differentiably on a varied variable. */
  public static boolean isVaried(Expr e, Set<Var> varied) {
    if (e.type() != Type.DOUBLE && !e.type().isArray()) {
      return false;
    }
    if (e instanceof Expr.Ref r) {
      return varied.contains(r.var());
    }
    if (e instanceof Expr.ArrayRead r) {
      return varied.contains(r.array());
    }
    if (e instanceof Expr.Unary u) {
      return isVaried(u.operand(), varied);
    }
    if (e instanceof Expr.Binary b) {
      return isVaried(b.left(), varied) || isVaried(b.right(), varied);
    }
    if (e instanceof Expr.Conditional c) {
      return isVaried(c.ifTrue(), varied) || isVaried(c.ifFalse(), varied);
    }
    if (e instanceof Expr.Cast c) {
      return isVaried(c.operand(), varied);
    }
    if (e instanceof Expr.MathCall m) {
      return !DerivativeRules.math(m.function()).isZero()
          && m.args().stream().anyMatch(a -> isVaried(a, varied));
    }
    if (e instanceof Expr.DiffCall d) {
      for (int i = 0; i < d.args().size(); i++) {
        if (d.callee().gradientFields().get(i) != null && isVaried(d.args().get(i), varied)) {
          return true;
        }
      }
    }
    return false; // literals and constants
  }

  /**
   * The useful assignments of a lowered body: a backward pass from the result, where an assignment
   * is useful when its target may still reach the result, and then its operands may.
   */
  public static Set<Stmt> useful(List<Stmt> body, Var result) {
    Set<Stmt> useful = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Var> live = Collections.newSetFromMap(new IdentityHashMap<>());
    live.add(result);
    backward(body, live, useful);
    return useful;
  }

  private static Set<Var> backward(List<Stmt> body, Set<Var> live, Set<Stmt> useful) {
    for (int i = body.size() - 1; i >= 0; i--) {
      Stmt stmt = body.get(i);
      if (stmt instanceof Stmt.Assign a) {
        if (live.contains(a.target())) {
          useful.add(a);
          live.remove(a.target());
          refs(a.value(), live::add);
        }
      } else if (stmt instanceof Stmt.ArrayAssign a) {
        // One element of many: the array stays live.
        if (live.contains(a.array())) {
          useful.add(a);
          refs(a.value(), live::add);
          a.indices().forEach(x -> refs(x, live::add));
        }
      } else if (stmt instanceof Stmt.Loop loop) {
        // The body may run any number of times: iterate to a fixed point.
        Set<Var> entry = copy(live);
        while (true) {
          Set<Var> pass = copy(entry);
          backward(loop.update(), pass, useful);
          backward(loop.body(), pass, useful);
          pass.addAll(entry);
          if (pass.size() == entry.size()) {
            break;
          }
          entry = pass;
        }
        live.addAll(entry);
      } else if (stmt instanceof Stmt.If s) {
        Set<Var> thenLive = copy(live);
        Set<Var> elseLive = copy(live);
        backward(s.then(), thenLive, useful);
        backward(s.otherwise(), elseLive, useful);
        live.clear();
        live.addAll(thenLive);
        live.addAll(elseLive);
      } else {
        throw new IllegalStateException("returns are lowered before analysis: " + stmt);
      }
    }
    return live;
  }

  private static Set<Var> copy(Set<Var> vars) {
    Set<Var> c = Collections.newSetFromMap(new IdentityHashMap<>());
    c.addAll(vars);
    return c;
  }

  /** Every variable an expression reads. */
  public static void refs(Expr e, Consumer<Var> sink) {
    Expr.visit(e, x -> {
      if (x instanceof Expr.Ref r) {
        sink.accept(r.var());
      } else if (x instanceof Expr.ArrayRead r) {
        sink.accept(r.array());
      }
    });
  }

  /** Visits every assignment of a variable, in branches and loops too, in source order. */
  public static void forEachAssign(List<Stmt> body, Consumer<Stmt.Assign> visitor) {
    forEachWrite(body, s -> {
      if (s instanceof Stmt.Assign a) {
        visitor.accept(a);
      }
    });
  }

  /** Visits every assignment and array element write, in branches and loops too, in order. */
  public static void forEachWrite(List<Stmt> body, Consumer<Stmt> visitor) {
    Stmt.walk(body, s -> {
      if (s instanceof Stmt.Assign || s instanceof Stmt.ArrayAssign) {
        visitor.accept(s);
      }
    });
  }

  /** The variables in first-appearance order, for deterministic naming. */
  public static Set<Var> variablesInOrder(List<Var> parameters, List<Stmt> body) {
    Set<Var> order = new LinkedHashSet<>(parameters);
    forEachAssign(body, a -> order.add(a.target()));
    return order;
  }
}
