package io.github.adjoint.processor.plan;

import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.rules.DerivativeRules;
import io.github.adjoint.processor.rules.DerivativeRules.Rule;
import java.util.List;

/**
 * What a write of a lowered body is, as planning and emission both ask it: its target, its value
 * (one operation over atoms), the operation's operands and derivative rule.
 */
public final class Operations {
  private Operations() {}

  /** The variable an assignment or element write stores into. */
  public static Var targetOf(Stmt s) {
    return s instanceof Stmt.Assign a ? a.target() : ((Stmt.ArrayAssign) s).array();
  }

  public static Expr valueOf(Stmt s) {
    return s instanceof Stmt.Assign a ? a.value() : ((Stmt.ArrayAssign) s).value();
  }

  /** The derivative rule of a lowered operation, or null for a call (its callee has the rule). */
  public static Rule ruleOf(Expr value) {
    if (value instanceof Expr.Binary b) {
      return DerivativeRules.binary(b.op());
    }
    if (value instanceof Expr.Unary u) {
      return DerivativeRules.unary(u.op());
    }
    if (value instanceof Expr.MathCall m) {
      return DerivativeRules.math(m.function());
    }
    if (value instanceof Expr.DiffCall) {
      return null;
    }
    return DerivativeRules.COPY; // a variable, an element, or a cast of one
  }

  public static List<Expr> operandsOf(Expr value) {
    if (value instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    }
    if (value instanceof Expr.Unary u) {
      return List.of(u.operand());
    }
    if (value instanceof Expr.Cast c) {
      return List.of(c.operand());
    }
    if (value instanceof Expr.MathCall m) {
      return m.args();
    }
    if (value instanceof Expr.DiffCall d) {
      return d.args();
    }
    return List.of(value);
  }

  /** Every local gradient of the operation is ±1: a zero upstream contributes zero by itself. */
  public static boolean isLinear(Expr value) {
    Rule rule = ruleOf(value);
    return rule != null && rule.linear();
  }

  /** {@code i = i + 1}, {@code k = k - 2}: the reverse sweep steps an integer back instead. */
  public static boolean invertible(Stmt s) {
    if (!(s instanceof Stmt.Assign a) || (a.target().type() != Type.INT && a.target().type() != Type.LONG)) {
      return false;
    }
    return a.value() instanceof Expr.Binary b
        && (b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB)
        && b.left() instanceof Expr.Ref r
        && r.var() == a.target()
        && (b.right() instanceof Expr.Literal || b.right() instanceof Expr.Constant)
        && b.type() == a.target().type();
  }

  /**
   * For {@code v = v + e} (or {@code v - e}, {@code e + v}, and {@code a[i] = a[i] + e}): the
   * index of the operand that is v itself, whose local gradient is 1; else -1.
   */
  public static int incrementOperand(Stmt s) {
    Expr value = valueOf(s);
    if (!(value instanceof Expr.Binary b)
        || (b.op() != Expr.BinaryOp.ADD && b.op() != Expr.BinaryOp.SUB)) {
      return -1;
    }
    List<Expr> operands = operandsOf(value);
    int found = -1;
    for (int i = 0; i < operands.size(); i++) {
      if (isTarget(s, operands.get(i))) {
        if (found >= 0 || (i == 1 && b.op() == Expr.BinaryOp.SUB)) {
          return -1;
        }
        found = i;
      } else if (mentionsTarget(s, operands.get(i))) {
        return -1;
      }
    }
    return found;
  }

  private static boolean isTarget(Stmt s, Expr operand) {
    if (s instanceof Stmt.Assign a) {
      return operand instanceof Expr.Ref r && r.var() == a.target();
    }
    Stmt.ArrayAssign w = (Stmt.ArrayAssign) s;
    return operand instanceof Expr.ArrayRead r && r.array() == w.array() && r.indices().equals(w.indices());
  }

  /** Whether {@code e} reads the variable {@code s} writes. */
  /** Whether {@code s} itself (not the statements nested in it) reads or writes {@code v}. */
  static boolean mentions(Stmt s, Var v) {
    if ((s instanceof Stmt.Assign || s instanceof Stmt.ArrayAssign) && targetOf(s) == v) {
      return true;
    }
    boolean[] found = {false};
    Stmt.expressions(s).forEach(e -> Activity.refs(e, x -> found[0] |= x == v));
    return found[0];
  }

  public static boolean mentionsTarget(Stmt s, Expr e) {
    Var target = targetOf(s);
    boolean[] found = {false};
    Activity.refs(e, v -> found[0] |= v == target);
    return found[0];
  }

  /**
   * Consecutive statements of at most {@link RecordPlanner#CHUNK_WRITES} writes (a bigger one
   * stands alone): the pieces a split function's sweeps cut a block into.
   */
  public static List<List<Stmt>> chunks(List<Stmt> body) {
    List<List<Stmt>> groups = new java.util.ArrayList<>();
    List<Stmt> current = new java.util.ArrayList<>();
    int size = 0;
    for (Stmt s : body) {
      int w = weight(List.of(s));
      if (!current.isEmpty() && size + w > RecordPlanner.CHUNK_WRITES) {
        groups.add(current);
        current = new java.util.ArrayList<>();
        size = 0;
      }
      current.add(s);
      size += w;
    }
    if (!current.isEmpty()) {
      groups.add(current);
    }
    return groups;
  }

  /** Whether a split function cuts this block into chunks. */
  public static boolean isChunked(RecordPlan plan, List<Stmt> body) {
    return plan.split() && weight(body) > RecordPlanner.CHUNK_WRITES;
  }

  /** The number of writes, in branches and loops too: a proxy for bytecode size. */
  public static int weight(List<Stmt> body) {
    int[] n = {0};
    Activity.forEachWrite(body, a -> n[0]++);
    return n[0];
  }
}
