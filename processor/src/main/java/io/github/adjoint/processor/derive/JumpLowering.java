package io.github.adjoint.processor.derive;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Pos;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The first step of {@link Lowering}: {@code return e} becomes an assignment of the result, and
 * {@code break}, {@code continue} and a {@code return} that does not end the method set flags;
 * what follows a branch that may jump moves into the other branch, or, when both may fall through,
 * runs under "no flag set". The forward sweep then always reaches the end of the method.
 */
final class JumpLowering {
  private final Var result;
  private Var returned;

  JumpLowering(Var result) {
    this.result = result;
  }

  /** {@code body} without jumps. */
  List<Stmt> structured(List<Stmt> body) {
    return exits(body, new Exits(false, null, null));
  }

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
}
