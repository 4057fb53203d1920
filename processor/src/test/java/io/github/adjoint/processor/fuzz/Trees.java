package io.github.adjoint.processor.fuzz;

import io.github.adjoint.processor.fuzz.Ast.Assign;
import io.github.adjoint.processor.fuzz.Ast.Bin;
import io.github.adjoint.processor.fuzz.Ast.Break;
import io.github.adjoint.processor.fuzz.Ast.Call;
import io.github.adjoint.processor.fuzz.Ast.Cast;
import io.github.adjoint.processor.fuzz.Ast.Cmp;
import io.github.adjoint.processor.fuzz.Ast.Cond;
import io.github.adjoint.processor.fuzz.Ast.Continue;
import io.github.adjoint.processor.fuzz.Ast.Decl;
import io.github.adjoint.processor.fuzz.Ast.Expr;
import io.github.adjoint.processor.fuzz.Ast.For;
import io.github.adjoint.processor.fuzz.Ast.ForEach;
import io.github.adjoint.processor.fuzz.Ast.Idx;
import io.github.adjoint.processor.fuzz.Ast.If;
import io.github.adjoint.processor.fuzz.Ast.Inc;
import io.github.adjoint.processor.fuzz.Ast.Len;
import io.github.adjoint.processor.fuzz.Ast.Logic;
import io.github.adjoint.processor.fuzz.Ast.Method;
import io.github.adjoint.processor.fuzz.Ast.Neg;
import io.github.adjoint.processor.fuzz.Ast.NewArr;
import io.github.adjoint.processor.fuzz.Ast.Not;
import io.github.adjoint.processor.fuzz.Ast.Param;
import io.github.adjoint.processor.fuzz.Ast.Program;
import io.github.adjoint.processor.fuzz.Ast.Ref;
import io.github.adjoint.processor.fuzz.Ast.Return;
import io.github.adjoint.processor.fuzz.Ast.Stmt;
import io.github.adjoint.processor.fuzz.Ast.While;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Generic operations on program trees for the shrinker: the children of an expression, an
 * expression rebuilt with other children, the size of a program, and a cheap validity check
 * (names in scope, jumps inside loops, no statement after a jump, a final return) that spares javac
 * runs on candidates that cannot compile.
 */
final class Trees {
  private Trees() {}

  static List<Expr> children(Expr e) {
    if (e instanceof Bin b) {
      return List.of(b.a(), b.b());
    } else if (e instanceof Neg n) {
      return List.of(n.a());
    } else if (e instanceof Cmp c) {
      return List.of(c.a(), c.b());
    } else if (e instanceof Logic l) {
      return List.of(l.a(), l.b());
    } else if (e instanceof Not n) {
      return List.of(n.a());
    } else if (e instanceof Call c) {
      return c.args();
    } else if (e instanceof Cast c) {
      return List.of(c.a());
    } else if (e instanceof Len l) {
      return List.of(l.array());
    } else if (e instanceof Idx i) {
      return List.of(i.array(), i.index());
    } else if (e instanceof Cond c) {
      return List.of(c.c(), c.a(), c.b());
    } else if (e instanceof NewArr n) {
      return n.m() == null ? List.of(n.n()) : List.of(n.n(), n.m());
    }
    return List.of();
  }

  static Expr with(Expr e, List<Expr> k) {
    if (e instanceof Bin b) {
      return new Bin(b.op(), k.get(0), k.get(1));
    } else if (e instanceof Neg) {
      return new Neg(k.get(0));
    } else if (e instanceof Cmp c) {
      return new Cmp(c.op(), k.get(0), k.get(1));
    } else if (e instanceof Logic l) {
      return new Logic(l.op(), k.get(0), k.get(1));
    } else if (e instanceof Not) {
      return new Not(k.get(0));
    } else if (e instanceof Call c) {
      return new Call(c.function(), k);
    } else if (e instanceof Cast c) {
      return new Cast(c.to(), k.get(0));
    } else if (e instanceof Len) {
      return new Len(k.get(0));
    } else if (e instanceof Idx) {
      return new Idx(k.get(0), k.get(1));
    } else if (e instanceof Cond) {
      return new Cond(k.get(0), k.get(1), k.get(2));
    } else if (e instanceof NewArr) {
      return new NewArr(k.get(0), k.size() > 1 ? k.get(1) : null);
    }
    return e;
  }

  static int size(Program p) {
    int n = 0;
    for (Method m : p.methods()) {
      n += 2 + m.params().size() + size(m.body());
    }
    return n;
  }

  static int size(List<Stmt> body) {
    int n = 0;
    for (Stmt s : body) {
      n += 1;
      for (Expr e : exprs(s)) {
        n += size(e);
      }
      for (List<Stmt> b : blocks(s)) {
        n += size(b);
      }
    }
    return n;
  }

  static int size(Expr e) {
    int n = 1;
    for (Expr c : children(e)) {
      n += size(c);
    }
    return n;
  }

  static List<Expr> exprs(Stmt s) {
    if (s instanceof Decl d) {
      return List.of(d.init());
    } else if (s instanceof Assign a) {
      return List.of(a.target(), a.value());
    } else if (s instanceof Inc i) {
      return List.of(i.target());
    } else if (s instanceof If i) {
      return List.of(i.c());
    } else if (s instanceof For f) {
      return List.of(f.start(), f.bound());
    } else if (s instanceof ForEach f) {
      return List.of(f.array());
    } else if (s instanceof While w) {
      return List.of(w.cond());
    } else if (s instanceof Return r) {
      return List.of(r.value());
    }
    return List.of();
  }

  static List<List<Stmt>> blocks(Stmt s) {
    if (s instanceof If i) {
      return i.otherwise() == null ? List.of(i.then()) : List.of(i.then(), i.otherwise());
    } else if (s instanceof For f) {
      return List.of(f.body());
    } else if (s instanceof ForEach f) {
      return List.of(f.body());
    } else if (s instanceof While w) {
      return List.of(w.body());
    }
    return List.of();
  }

  // ---- validity ----------------------------------------------------------------------------------

  /** Whether javac can accept the program (a necessary check, not a sufficient one). */
  static boolean valid(Program p) {
    Set<String> methods = new HashSet<>();
    for (Method m : p.methods()) {
      List<String> scope = new ArrayList<>();
      for (Param param : m.params()) {
        scope.add(param.name());
      }
      if (m.body().isEmpty() || !(m.body().get(m.body().size() - 1) instanceof Return)) {
        return false;
      }
      if (!block(m.body(), scope, 0, methods)) {
        return false;
      }
      methods.add(m.name());
    }
    return true;
  }

  private static boolean block(List<Stmt> body, List<String> scope, int loops, Set<String> methods) {
    int mark = scope.size();
    boolean ok = true;
    for (int i = 0; i < body.size() && ok; i++) {
      Stmt s = body.get(i);
      if (i > 0 && isJump(body.get(i - 1))) {
        ok = false;
      } else if ((s instanceof Break || s instanceof Continue) && loops == 0) {
        ok = false;
      } else {
        for (Expr e : exprs(s)) {
          ok &= resolves(e, scope, methods);
        }
        if (s instanceof Decl d) {
          scope.add(d.name());
        } else if (s instanceof For f) {
          scope.add(f.var());
          ok &= block(f.body(), scope, loops + 1, methods);
          scope.remove(scope.size() - 1);
        } else if (s instanceof ForEach f) {
          scope.add(f.var());
          ok &= block(f.body(), scope, loops + 1, methods);
          scope.remove(scope.size() - 1);
        } else if (s instanceof While w) {
          ok &= block(w.body(), scope, loops + 1, methods);
        } else if (s instanceof If f) {
          ok &= block(f.then(), scope, loops, methods);
          ok &= f.otherwise() == null || block(f.otherwise(), scope, loops, methods);
        }
      }
    }
    scope.subList(mark, scope.size()).clear();
    return ok;
  }

  private static boolean isJump(Stmt s) {
    return s instanceof Return || s instanceof Break || s instanceof Continue;
  }

  private static boolean resolves(Expr e, List<String> scope, Set<String> methods) {
    if (e instanceof Ref r && !scope.contains(r.name())) {
      return false;
    }
    if (e instanceof Call c && c.isHelper() && !methods.contains(c.function())) {
      return false;
    }
    for (Expr c : children(e)) {
      if (!resolves(c, scope, methods)) {
        return false;
      }
    }
    return true;
  }
}
