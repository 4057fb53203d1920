package io.github.adjoint.processor.derive;

import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.ir.Callee;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.MathFunction;
import io.github.adjoint.processor.ir.Pos;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Brings a body into the form the reverse sweep works on:
 *
 * <ul>
 *   <li>{@code return e} becomes an assignment of the result; what follows a branch that may
 *       return moves into the other branch, or, when both may fall through, runs under a
 *       "not yet returned" flag. The forward sweep then always reaches the end of the method
 *       ({@link JumpLowering}).
 *   <li>Every differentiable expression is split into one operation per assignment over atoms
 *       (variables, literals, constants, elements at int-arithmetic indices), the nodes of the
 *       lecture's computational graph. {@code ?:} with a differentiable branch becomes an {@code
 *       if}, so only the taken branch runs.
 * </ul>
 *
 * Evaluation order and grouping are kept, so the forward sweep computes the method's value bit for
 * bit.
 */
public final class Lowering {
  /** The lowered body and the variables lowering introduced. */
  public record Lowered(List<Stmt> body, Var result, List<Var> temps) {}

  private final Var result = new Var("result", Type.DOUBLE, Var.Kind.RESULT, false);
  private final List<Var> temps = new ArrayList<>();
  private int numberedTemps;
  private int dropouts;
  private Set<Var> varied;
  private final Predicate<Callee> drawsDropout;
  private int loopDepth;

  /** {@code drawsDropout}: whether a callee draws dropout masks, itself or through its callees. */
  public Lowering(Predicate<Callee> drawsDropout) {
    this.drawsDropout = drawsDropout;
  }

  public Lowered lower(List<Var> parameters, List<Stmt> body) {
    List<Stmt> structured = new JumpLowering(result).structured(body);
    varied = Activity.varied(parameters, structured);
    List<Stmt> flat = flatten(structured);
    return new Lowered(flat, result, temps);
  }

  // ---------------------------------------------------------------- one operation per assignment

  private List<Stmt> flatten(List<Stmt> list) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : list) {
      if (s instanceof Stmt.Assign a) {
        assign(a.target(), a.value(), a.declaration(), a.pos(), out);
      } else if (s instanceof Stmt.If i) {
        Expr condition = callsToTemps(i.condition(), i.pos(), out);
        out.add(new Stmt.If(condition, flatten(i.then()), flatten(i.otherwise()), i.pos()));
      } else if (s instanceof Stmt.Loop l) {
        loopDepth++;
        out.add(new Stmt.Loop(l.condition(), flatten(l.body()), flatten(l.update()), l.testFirst(), l.pos()));
        loopDepth--;
      } else if (s instanceof Stmt.ArrayAssign a) {
        List<Expr> indices = indices(a.indices(), a.pos(), out);
        Expr value = passive(a.value()) ? a.value() : operation(a.value(), a.pos(), out);
        if (value instanceof Expr.DiffCall) {
          // A call runs through its backward class only as the value of a scalar assignment.
          value = atom(value, a.pos(), out);
        }
        out.add(new Stmt.ArrayAssign(a.array(), indices, value, a.pos()));
      } else {
        throw new IllegalStateException("unexpected " + s);
      }
    }
    return out;
  }

  /** Whether an expression stays as written: it has no derivative to propagate. */
  private boolean passive(Expr e) {
    return !Activity.isVaried(e, varied) && !containsCall(e);
  }

  private static boolean containsCall(Expr e) {
    return contains(e, x -> x instanceof Expr.DiffCall);
  }

  private static boolean contains(Expr e, Predicate<Expr> test) {
    boolean[] found = {false};
    Expr.visit(e, x -> found[0] |= test.test(x));
    return found[0];
  }

  private void assign(Var target, Expr value, boolean declaration, Pos pos, List<Stmt> out) {
    if (target.type() == Type.BOOLEAN) {
      // A boolean carries no derivative: it is evaluated as a condition is.
      out.add(new Stmt.Assign(target, callsToTemps(value, pos, out), declaration, pos));
      return;
    }
    if (passive(value)) {
      out.add(new Stmt.Assign(target, value, declaration, pos));
      return;
    }
    if (value instanceof Expr.Conditional c) {
      out.add(
          new Stmt.If(
              callsToTemps(c.condition(), pos, out),
              branchInto(target, c.ifTrue(), declaration, pos),
              branchInto(target, c.ifFalse(), declaration, pos),
              pos));
      return;
    }
    out.add(new Stmt.Assign(target, operation(value, pos, out), declaration, pos));
  }

  private List<Stmt> branchInto(Var target, Expr value, boolean declaration, Pos pos) {
    List<Stmt> out = new ArrayList<>();
    assign(target, value, declaration, pos, out);
    return out;
  }

  /**
   * A condition stays as written, except that calls of @Differentiable methods are evaluated into
   * temporaries first: they run through their backward classes. They run as Java runs them: the
   * right operand of {@code &&} and {@code ||} and a branch of {@code ?:} only when it is reached
   * (in {@code i < v.length && f(v[i]) > 0} the call would index past the end), and when a callee
   * draws dropout masks, every draw of the condition ({@code Functions.dropout} too) in its turn,
   * so the masks are the method's own.
   */
  private Expr callsToTemps(Expr e, Pos pos, List<Stmt> out) {
    boolean draws = contains(e, x -> x instanceof Expr.DiffCall call && drawsDropout.test(call.callee()));
    return inOrder(e, draws, pos, out);
  }

  /** {@code e} with what must run first emitted into {@code out}; {@code ordered}: draws keep their turn. */
  private Expr inOrder(Expr e, boolean ordered, Pos pos, List<Stmt> out) {
    if (!mustRunInTurn(e, ordered)) {
      return e;
    }
    if (e instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR)) {
      Expr left = inOrder(b.left(), ordered, pos, out);
      if (!mustRunInTurn(b.right(), ordered)) {
        return new Expr.Binary(b.op(), left, b.right(), b.type());
      }
      // t = left; if (t) t = right (for ||: if (!t)), the right operand lowered inside the if
      Var t = temp(Type.BOOLEAN);
      out.add(new Stmt.Assign(t, left, true, pos));
      List<Stmt> right = new ArrayList<>();
      right.add(new Stmt.Assign(t, inOrder(b.right(), ordered, pos, right), false, pos));
      Expr reached = b.op() == Expr.BinaryOp.AND
          ? new Expr.Ref(t)
          : new Expr.Unary(Expr.UnaryOp.NOT, new Expr.Ref(t), Type.BOOLEAN);
      out.add(new Stmt.If(reached, right, List.of(), pos));
      return new Expr.Ref(t);
    }
    if (e instanceof Expr.Conditional c
        && (mustRunInTurn(c.ifTrue(), ordered) || mustRunInTurn(c.ifFalse(), ordered))) {
      Var t = temp(c.type());
      Expr condition = inOrder(c.condition(), ordered, pos, out);
      out.add(new Stmt.If(condition, branchInto(t, c.ifTrue(), true, pos), branchInto(t, c.ifFalse(), true, pos), pos));
      return new Expr.Ref(t);
    }
    if (e instanceof Expr.DiffCall || isDropout(e)) {
      return atom(e, pos, out);
    }
    return Expr.mapOperands(e, x -> inOrder(x, ordered, pos, out));
  }

  /** Whether {@code e} holds a call, or, where draws keep their turn, a dropout draw. */
  private static boolean mustRunInTurn(Expr e, boolean ordered) {
    return contains(e, x -> x instanceof Expr.DiffCall || (ordered && isDropout(x)));
  }

  private static boolean isDropout(Expr e) {
    return e instanceof Expr.MathCall m && m.function() == MathFunction.DROPOUT;
  }

  /** The expression as one operation whose operands are atoms, emitting what they need first. */
  private Expr operation(Expr e, Pos pos, List<Stmt> out) {
    if (e instanceof Expr.Conditional c) {
      Var t = temp(c.type());
      Expr condition = callsToTemps(c.condition(), pos, out);
      out.add(new Stmt.If(condition, branchInto(t, c.ifTrue(), true, pos), branchInto(t, c.ifFalse(), true, pos), pos));
      return new Expr.Ref(t);
    }
    Expr op = Expr.mapOperands(e, x -> atom(x, pos, out)); // an atom stays as it is
    if (op instanceof Expr.MathCall m && m.function() == MathFunction.DROPOUT) {
      return dropout(m, pos, out);
    }
    if (op instanceof Expr.DiffCall call && loopDepth > 0 && drawsDropout.test(call.callee())) {
      return withStreamState(call, pos, out);
    }
    return withCompanion(op, pos, out);
  }

  /**
   * {@code dropout(a, keep)} becomes {@code scale = Dropout.scale(keep); a * scale}, the product
   * {@code Functions.dropout} computes, after the same draw: the reverse sweep reads the drawn
   * scale ({@code da += dz * scale}) and never draws again. A dropout that no derivative flows
   * through stays a call where it stands (in a condition, a short circuit, a ?:), so it draws
   * exactly when the method's own does.
   */
  private Expr dropout(Expr.MathCall m, Pos pos, List<Stmt> out) {
    Var scale = new Var("scale" + ++dropouts, Type.DOUBLE, Var.Kind.TEMP, false);
    temps.add(scale);
    Expr keep = m.args().get(1);
    out.add(new Stmt.Assign(scale,
        new Expr.MathCall(MathFunction.DROPOUT_STREAM, MathFunction.DROPOUT_SCALE, List.of(keep), Type.DOUBLE),
        true, pos));
    return new Expr.Binary(Expr.BinaryOp.MUL, m.args().get(0), new Expr.Ref(scale), Type.DOUBLE);
  }

  /**
   * A call in a loop runs again in the reverse sweep, for its pass's gradient. A callee that draws
   * dropout masks must draw that pass's masks again: the stream's state is kept right before the
   * call, and the reverse sweep starts the call's second run from it.
   */
  private Expr withStreamState(Expr.DiffCall call, Pos pos, List<Stmt> out) {
    Var state = new Var("streamState", Type.LONG, Var.Kind.TEMP, false);
    temps.add(state);
    out.add(new Stmt.Assign(state,
        new Expr.MathCall(MathFunction.DROPOUT_STREAM, MathFunction.DROPOUT_STATE, List.of(), Type.LONG), true, pos));
    return new Expr.DiffCall(call.callee(), call.args(), state);
  }

  /**
   * {@code sigmoid(a)} becomes {@code e = expNegAbs(a); sigmoidFrom(a, e)} (softplus likewise):
   * the reverse sweep reads {@code e} instead of calling exp a second time for the derivative.
   */
  private Expr withCompanion(Expr op, Pos pos, List<Stmt> out) {
    if (!(op instanceof Expr.MathCall m)
        || (m.function() != MathFunction.SIGMOID && m.function() != MathFunction.SOFTPLUS)) {
      return op;
    }
    Expr a = m.args().get(0);
    Var e = temp(Type.DOUBLE);
    out.add(new Stmt.Assign(
        e, new Expr.MathCall(MathFunction.INTRINSICS, MathFunction.EXP_NEG_ABS, List.of(a), Type.DOUBLE), true, pos));
    MathFunction from = m.function() == MathFunction.SIGMOID ? MathFunction.SIGMOID_FROM : MathFunction.SOFTPLUS_FROM;
    return new Expr.MathCall(MathFunction.INTRINSICS, from, List.of(a, new Expr.Ref(e)), Type.DOUBLE);
  }

  /** Indices of int arithmetic as written (the reverse evaluates them again), others as atoms. */
  private List<Expr> indices(List<Expr> indices, Pos pos, List<Stmt> out) {
    List<Expr> lowered = new ArrayList<>();
    for (Expr index : indices) {
      lowered.add(isIndex(index) ? index : atom(index, pos, out));
    }
    return lowered;
  }

  private Expr atom(Expr e, Pos pos, List<Stmt> out) {
    if (isAtom(e)) {
      return e;
    }
    if (e instanceof Expr.ArrayRead row && row.type().isArray()) {
      // A row stays a row: only its indices become temporaries, never the array itself.
      return new Expr.ArrayRead(row.array(), indices(row.indices(), pos, out), row.type());
    }
    Expr op = passive(e) ? e : operation(e, pos, out);
    if (isAtom(op)) {
      return op;
    }
    Var t = temp(e.type());
    out.add(new Stmt.Assign(t, op, true, pos));
    return new Expr.Ref(t);
  }

  /** Variables, literals, constants, and array elements at index expressions. */
  public static boolean isAtom(Expr e) {
    if (e instanceof Expr.ArrayRead r) {
      return r.indices().stream().allMatch(Lowering::isIndex);
    }
    return e instanceof Expr.Ref || e instanceof Expr.Literal || e instanceof Expr.Constant;
  }

  /**
   * An index the reverse sweep may evaluate again, as it reads {@code x[i]} again: int arithmetic
   * ({@code + - * / %}) of int variables, literals, constants and array lengths. {@code x[i + k]}
   * then stays an element read instead of a temporary the reverse would have to record.
   */
  private static boolean isIndex(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.type() == Type.INT
          && (b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB || b.op() == Expr.BinaryOp.MUL
              || b.op() == Expr.BinaryOp.DIV || b.op() == Expr.BinaryOp.REM)
          && isIndex(b.left())
          && isIndex(b.right());
    }
    if (e instanceof Expr.Length n) {
      return n.array() instanceof Expr.Ref;
    }
    return e.type() == Type.INT && (e instanceof Expr.Ref || e instanceof Expr.Literal || e instanceof Expr.Constant);
  }

  private Var temp(Type type) {
    Var t = new Var("t" + ++numberedTemps, type, Var.Kind.TEMP, false);
    temps.add(t);
    return t;
  }
}
