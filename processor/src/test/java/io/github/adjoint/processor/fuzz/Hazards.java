package io.github.adjoint.processor.fuzz;

import io.github.adjoint.processor.fuzz.Ast.Assign;
import io.github.adjoint.processor.fuzz.Ast.Cmp;
import io.github.adjoint.processor.fuzz.Ast.Cond;
import io.github.adjoint.processor.fuzz.Ast.Decl;
import io.github.adjoint.processor.fuzz.Ast.Expr;
import io.github.adjoint.processor.fuzz.Ast.If;
import io.github.adjoint.processor.fuzz.Ast.Logic;
import io.github.adjoint.processor.fuzz.Ast.Num;
import io.github.adjoint.processor.fuzz.Ast.Ref;
import io.github.adjoint.processor.fuzz.Ast.Stmt;
import io.github.adjoint.processor.fuzz.Ast.T;
import io.github.adjoint.processor.fuzz.Scope.Var;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Domain hazards that only matter on untaken paths: a function evaluated outside its domain (NaN,
 * infinite derivative) whose value is used only where the argument is inside it. The gradient must
 * stay finite and exact: a value that does not reach the result never poisons it.
 */
final class Hazards {
  private Hazards() {}

  /** {@code double a = e; double h = F(a); if (a in F's domain) target += h;}: NaN only off the taken path. */
  static void guarded(ExprGenerator ex, Scope scope, UnaryOperator<String> fresh, List<Stmt> out) {
    String a = fresh.apply("a");
    String h = fresh.apply("h");
    Expr value = ex.dbl(1);
    out.add(new Decl(T.DOUBLE, a, value));
    Ref ar = new Ref(a, T.DOUBLE);
    String f = ex.pick(new String[] {"Math.sqrt", "Math.log", "Math.log10", "Math.log1p", "Math.asin", "Math.acos"});
    out.add(new Decl(T.DOUBLE, h, ExprGenerator.call(f, ar)));
    Expr guard = switch (f) {
      case "Math.log1p" -> new Cmp(">", ar, new Num(-0.9));
      case "Math.asin", "Math.acos" -> new Logic("&&", new Cmp(">", ar, new Num(-0.9)), new Cmp("<", ar, new Num(0.9)));
      default -> new Cmp(">", ar, new Num(0.1));
    };
    Ref hr = new Ref(h, T.DOUBLE);
    List<Var> targets = scope.vars(v -> v.type() == T.DOUBLE && v.writable());
    if (targets.isEmpty() || ex.chance(0.3)) {
      String u = fresh.apply("u");
      out.add(new Decl(T.DOUBLE, u, new Cond(guard, hr, new Num(0.0))));
      scope.add(new Var(u, T.DOUBLE, true, null, null, false));
    } else {
      Expr target = ex.pick(targets).ref();
      out.add(new If(guard, List.of(new Assign(target, ex.chance(0.5) ? "+=" : "=", hr)), null));
    }
  }
}
