package io.github.adjoint.processor.derive;

import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Pos;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
  private Set<Var> varied;

  public Lowered lower(List<Var> parameters, List<Stmt> body) {
    List<Stmt> structured = returns(body, false);
    varied = Activity.varied(parameters, structured);
    List<Stmt> flat = flatten(structured);
    return new Lowered(flat, result, temps);
  }

  // ---------------------------------------------------------------- returns

  private List<Stmt> returns(List<Stmt> list, boolean flagReturns) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Stmt s = list.get(i);
      List<Stmt> rest = list.subList(i + 1, list.size());
      if (s instanceof Stmt.Return r) {
        out.add(new Stmt.Assign(result, r.value(), false, r.pos()));
        if (flagReturns) {
          out.add(new Stmt.Assign(returnedFlag(), new Expr.Literal(Type.BOOLEAN, "true"), false, r.pos()));
        }
        return out; // anything after a return is unreachable
      }
      if (s instanceof Stmt.If branch && mayReturn(branch) && !rest.isEmpty()) {
        boolean thenReturns = definitelyReturns(branch.then());
        boolean elseReturns = definitelyReturns(branch.otherwise());
        if (thenReturns && elseReturns) {
          out.add(ifOf(branch, returns(branch.then(), flagReturns), returns(branch.otherwise(), flagReturns)));
        } else if (thenReturns) {
          out.add(ifOf(branch, returns(branch.then(), flagReturns), returns(concat(branch.otherwise(), rest), flagReturns)));
        } else if (elseReturns) {
          out.add(ifOf(branch, returns(concat(branch.then(), rest), flagReturns), returns(branch.otherwise(), flagReturns)));
        } else {
          out.add(ifOf(branch, returns(branch.then(), true), returns(branch.otherwise(), true)));
          Expr notReturned = new Expr.Unary(Expr.UnaryOp.NOT, new Expr.Ref(returnedFlag()), Type.BOOLEAN);
          out.add(new Stmt.If(notReturned, returns(rest, flagReturns), List.of(), new Pos(rest.get(0).pos().line(), "code after a conditional return")));
        }
        return out;
      }
      if (s instanceof Stmt.If branch) {
        out.add(ifOf(branch, returns(branch.then(), flagReturns), returns(branch.otherwise(), flagReturns)));
      } else {
        out.add(s);
      }
    }
    return out;
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

  private static boolean mayReturn(Stmt s) {
    if (s instanceof Stmt.Return) {
      return true;
    }
    if (s instanceof Stmt.If i) {
      return i.then().stream().anyMatch(Lowering::mayReturn)
          || i.otherwise().stream().anyMatch(Lowering::mayReturn);
    }
    return false;
  }

  private static boolean definitelyReturns(List<Stmt> list) {
    for (Stmt s : list) {
      if (s instanceof Stmt.Return) {
        return true;
      }
      if (s instanceof Stmt.If i && definitelyReturns(i.then()) && definitelyReturns(i.otherwise())) {
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
    visit(e, x -> found[0] |= x instanceof Expr.DiffCall);
    return found[0];
  }

  /** Visits an expression and all its subexpressions. */
  public static void visit(Expr e, java.util.function.Consumer<Expr> visitor) {
    visitor.accept(e);
    if (e instanceof Expr.Unary u) {
      visit(u.operand(), visitor);
    } else if (e instanceof Expr.Binary b) {
      visit(b.left(), visitor);
      visit(b.right(), visitor);
    } else if (e instanceof Expr.Conditional c) {
      visit(c.condition(), visitor);
      visit(c.ifTrue(), visitor);
      visit(c.ifFalse(), visitor);
    } else if (e instanceof Expr.Cast c) {
      visit(c.operand(), visitor);
    } else if (e instanceof Expr.MathCall m) {
      m.args().forEach(a -> visit(a, visitor));
    } else if (e instanceof Expr.DiffCall d) {
      d.args().forEach(a -> visit(a, visitor));
    }
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
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), callsToTemps(u.operand(), pos, out), u.type());
    }
    if (e instanceof Expr.Binary b) {
      Expr left = callsToTemps(b.left(), pos, out);
      return new Expr.Binary(b.op(), left, callsToTemps(b.right(), pos, out), b.type());
    }
    if (e instanceof Expr.Conditional c) {
      Expr condition = callsToTemps(c.condition(), pos, out);
      Expr ifTrue = callsToTemps(c.ifTrue(), pos, out);
      return new Expr.Conditional(condition, ifTrue, callsToTemps(c.ifFalse(), pos, out), c.type());
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), callsToTemps(c.operand(), pos, out));
    }
    Expr.MathCall m = (Expr.MathCall) e;
    List<Expr> args = new ArrayList<>();
    for (Expr a : m.args()) {
      args.add(callsToTemps(a, pos, out));
    }
    return new Expr.MathCall(m.owner(), m.function(), args, m.type());
  }

  /** The expression as one operation whose operands are atoms, emitting what they need first. */
  private Expr operation(Expr e, Pos pos, List<Stmt> out) {
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), atom(u.operand(), pos, out), u.type());
    }
    if (e instanceof Expr.Binary b) {
      Expr left = atom(b.left(), pos, out);
      return new Expr.Binary(b.op(), left, atom(b.right(), pos, out), b.type());
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), atom(c.operand(), pos, out));
    }
    if (e instanceof Expr.MathCall m) {
      return new Expr.MathCall(m.owner(), m.function(), atoms(m.args(), pos, out), m.type());
    }
    if (e instanceof Expr.DiffCall d) {
      return new Expr.DiffCall(d.callee(), atoms(d.args(), pos, out));
    }
    if (e instanceof Expr.Conditional c) {
      Var t = temp(c.type());
      out.add(new Stmt.If(c.condition(), branchInto(t, c.ifTrue(), true, pos), branchInto(t, c.ifFalse(), true, pos), pos));
      return new Expr.Ref(t);
    }
    return e; // an atom already
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
    Expr op = passive(e) ? e : operation(e, pos, out);
    if (isAtom(op)) {
      return op;
    }
    Var t = temp(e.type());
    out.add(new Stmt.Assign(t, op, true, pos));
    return new Expr.Ref(t);
  }

  public static boolean isAtom(Expr e) {
    return e instanceof Expr.Ref || e instanceof Expr.Literal || e instanceof Expr.Constant;
  }

  private Var temp(Type type) {
    Var t = new Var("t" + (temps.size() + 1), type, Var.Kind.TEMP, false);
    temps.add(t);
    return t;
  }
}
