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
 *       "not yet returned" flag. The forward sweep then always reaches the end of the method.
 *   <li>Every differentiable expression is split into one operation per assignment over atoms
 *       (variables, literals, constants), the nodes of the lecture's computational graph. {@code ?:}
 *       with a differentiable branch becomes an {@code if}, so only the taken branch runs.
 * </ul>
 *
 * Evaluation order and grouping are kept, so the forward sweep computes the method's value bit for
 * bit.
 */
public final class Lowering {
  /** The lowered body and the variables lowering introduced. */
  public record Lowered(List<Stmt> body, Var result, List<Var> temps) {}

  private final Var result = new Var("result", Type.DOUBLE, Var.Kind.RESULT, false);
  private Var returned;
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
    List<Stmt> structured = exits(body, new Exits(false, null, null));
    varied = Activity.varied(parameters, structured);
    List<Stmt> flat = flatten(structured);
    return new Lowered(flat, result, temps);
  }

  // ---------------------------------------------------------------- exits

  /**
   * What a {@code return}, {@code break} or {@code continue} sets, for the innermost loop: a
   * jump becomes a flag, and what may follow a jump runs under "no flag set".
   */
  private record Exits(boolean flagReturns, Var broke, Var continued) {
  }

  private List<Stmt> exits(List<Stmt> list, Exits exits) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Stmt s = list.get(i);
      List<Stmt> rest = list.subList(i + 1, list.size());
      if (s instanceof Stmt.Return r) {
        out.add(new Stmt.Assign(result, r.value(), false, r.pos()));
        if (exits.flagReturns()) {
          out.add(set(returnedFlag(), r.pos()));
        }
        return out; // anything after a jump is unreachable
      }
      if (s instanceof Stmt.Break b) {
        out.add(set(exits.broke(), b.pos()));
        return out;
      }
      if (s instanceof Stmt.Continue c) {
        out.add(set(exits.continued(), c.pos()));
        return out;
      }
      if (s instanceof Stmt.Loop loop) {
        out.addAll(loop(loop, exits));
        if (mayReturn(loop) && !rest.isEmpty()) {
          out.add(guard(List.of(returnedFlag()), exits(rest, exits), rest.get(0).pos()));
          return out;
        }
        continue;
      }
      if (s instanceof Stmt.If branch && mayJump(branch) && !rest.isEmpty()) {
        boolean thenJumps = definitelyJumps(branch.then());
        boolean elseJumps = definitelyJumps(branch.otherwise());
        if (thenJumps && elseJumps) {
          out.add(ifOf(branch, exits(branch.then(), exits), exits(branch.otherwise(), exits)));
        } else if (thenJumps) {
          out.add(ifOf(branch, exits(branch.then(), exits), exits(concat(branch.otherwise(), rest), exits)));
        } else if (elseJumps) {
          out.add(ifOf(branch, exits(concat(branch.then(), rest), exits), exits(branch.otherwise(), exits)));
        } else {
          Exits flagged = new Exits(true, exits.broke(), exits.continued());
          out.add(ifOf(branch, exits(branch.then(), flagged), exits(branch.otherwise(), flagged)));
          List<Var> flags = new ArrayList<>();
          if (mayReturn(branch)) {
            flags.add(returnedFlag());
          }
          if (contains(branch, Stmt.Break.class)) {
            flags.add(exits.broke());
          }
          if (contains(branch, Stmt.Continue.class)) {
            flags.add(exits.continued());
          }
          out.add(guard(flags, exits(rest, exits), rest.get(0).pos()));
        }
        return out;
      }
      if (s instanceof Stmt.If branch) {
        out.add(ifOf(branch, exits(branch.then(), exits), exits(branch.otherwise(), exits)));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * A loop whose body may jump: {@code broke} and {@code returned} join its condition, {@code
   * continued} is cleared at the start of each pass, and the update runs unless the pass broke.
   */
  private List<Stmt> loop(Stmt.Loop loop, Exits outer) {
    List<Stmt> before = new ArrayList<>();
    boolean breaks = loop.body().stream().anyMatch(x -> contains(x, Stmt.Break.class));
    boolean continues = loop.body().stream().anyMatch(x -> contains(x, Stmt.Continue.class));
    boolean returns = mayReturn(loop);
    Var broke = breaks ? new Var("broke", Type.BOOLEAN, Var.Kind.FLAG, false) : null;
    Var continued = continues ? new Var("continued", Type.BOOLEAN, Var.Kind.FLAG, false) : null;
    Exits inner = new Exits(outer.flagReturns() || returns, broke, continued);
    List<Stmt> body = new ArrayList<>();
    if (continued != null) {
      body.add(new Stmt.Assign(continued, new Expr.Literal(Type.BOOLEAN, "false"), false, loop.pos()));
    }
    body.addAll(exits(loop.body(), inner));
    List<Var> stops = new ArrayList<>();
    if (returns) {
      stops.add(returnedFlag());
    }
    if (broke != null) {
      stops.add(broke);
      before.add(new Stmt.Assign(broke, new Expr.Literal(Type.BOOLEAN, "false"), false, loop.pos()));
    }
    Expr condition = loop.condition();
    List<Stmt> update = exits(loop.update(), inner);
    if (!stops.isEmpty()) {
      condition = new Expr.Binary(Expr.BinaryOp.AND, noneSet(stops), condition, Type.BOOLEAN);
      if (!update.isEmpty()) {
        // Kept apart from the body: its reverse must run before the body's (aliases bound in
        // the body are bound again where the body's reverse starts, after the counter steps back).
        update = List.of(guard(stops, update, loop.pos()));
      }
    }
    before.add(new Stmt.Loop(condition, body, update, loop.testFirst(), loop.pos()));
    return before;
  }

  private static Stmt.Assign set(Var flag, Pos pos) {
    return new Stmt.Assign(flag, new Expr.Literal(Type.BOOLEAN, "true"), false, pos);
  }

  private static Expr noneSet(List<Var> flags) {
    Expr condition = null;
    for (Var f : flags) {
      Expr not = new Expr.Unary(Expr.UnaryOp.NOT, new Expr.Ref(f), Type.BOOLEAN);
      condition = condition == null ? not : new Expr.Binary(Expr.BinaryOp.AND, condition, not, Type.BOOLEAN);
    }
    return condition;
  }

  private static Stmt.If guard(List<Var> flags, List<Stmt> body, Pos pos) {
    return new Stmt.If(noneSet(flags), body, List.of(), new Pos(pos.line(), "code after a jump"));
  }

  private Var returnedFlag() {
    if (returned == null) {
      returned = new Var("returned", Type.BOOLEAN, Var.Kind.RETURNED, false);
    }
    return returned;
  }

  private static Stmt.If ifOf(Stmt.If original, List<Stmt> then, List<Stmt> otherwise) {
    return new Stmt.If(original.condition(), then, otherwise, original.pos());
  }

  private static List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
    List<Stmt> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Whether a statement holds a jump of {@code kind} that leaves it (not one of an inner loop). */
  private static boolean contains(Stmt s, Class<? extends Stmt> kind) {
    if (kind.isInstance(s)) {
      return true;
    }
    if (s instanceof Stmt.If i) {
      return i.then().stream().anyMatch(x -> contains(x, kind))
          || i.otherwise().stream().anyMatch(x -> contains(x, kind));
    }
    if (s instanceof Stmt.Loop l && kind == Stmt.Return.class) {
      return l.body().stream().anyMatch(x -> contains(x, kind));
    }
    return false;
  }

  private static boolean mayReturn(Stmt s) {
    return contains(s, Stmt.Return.class);
  }

  private static boolean mayJump(Stmt s) {
    return mayReturn(s) || contains(s, Stmt.Break.class) || contains(s, Stmt.Continue.class);
  }

  private static boolean definitelyJumps(List<Stmt> list) {
    for (Stmt s : list) {
      if (s instanceof Stmt.Return || s instanceof Stmt.Break || s instanceof Stmt.Continue) {
        return true;
      }
      if (s instanceof Stmt.If i && definitelyJumps(i.then()) && definitelyJumps(i.otherwise())) {
        return true;
      }
    }
    return false;
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
        List<Expr> indices = atoms(a.indices(), a.pos(), out);
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
    boolean[] found = {false};
    Expr.visit(e, x -> found[0] |= x instanceof Expr.DiffCall);
    return found[0];
  }

  private void assign(Var target, Expr value, boolean declaration, Pos pos, List<Stmt> out) {
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
   * temporaries first: they run through their backward classes. They are pure, so evaluating one
   * that a short circuit would have skipped changes nothing.
   */
  private Expr callsToTemps(Expr e, Pos pos, List<Stmt> out) {
    if (!containsCall(e)) {
      return e;
    }
    if (e instanceof Expr.DiffCall) {
      return atom(e, pos, out);
    }
    return Expr.mapOperands(e, x -> callsToTemps(x, pos, out));
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

  private List<Expr> atoms(List<Expr> args, Pos pos, List<Stmt> out) {
    List<Expr> atoms = new ArrayList<>();
    for (Expr a : args) {
      atoms.add(atom(a, pos, out));
    }
    return atoms;
  }

  private Expr atom(Expr e, Pos pos, List<Stmt> out) {
    if (isAtom(e)) {
      return e;
    }
    if (e instanceof Expr.ArrayRead row && row.type().isArray()) {
      // A row stays a row: only its indices become temporaries, never the array itself.
      return new Expr.ArrayRead(row.array(), atoms(row.indices(), pos, out), row.type());
    }
    Expr op = passive(e) ? e : operation(e, pos, out);
    if (isAtom(op)) {
      return op;
    }
    Var t = temp(e.type());
    out.add(new Stmt.Assign(t, op, true, pos));
    return new Expr.Ref(t);
  }

  /** Variables, literals, constants, and array elements at atomic indices. */
  public static boolean isAtom(Expr e) {
    if (e instanceof Expr.ArrayRead r) {
      return r.indices().stream().allMatch(Lowering::isAtom);
    }
    return e instanceof Expr.Ref || e instanceof Expr.Literal || e instanceof Expr.Constant;
  }

  private Var temp(Type type) {
    Var t = new Var("t" + ++numberedTemps, type, Var.Kind.TEMP, false);
    temps.add(t);
    return t;
  }
}
