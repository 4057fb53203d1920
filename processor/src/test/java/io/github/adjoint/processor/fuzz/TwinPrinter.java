package io.github.adjoint.processor.fuzz;

import io.github.adjoint.processor.fuzz.Ast.Assign;
import io.github.adjoint.processor.fuzz.Ast.Bin;
import io.github.adjoint.processor.fuzz.Ast.Call;
import io.github.adjoint.processor.fuzz.Ast.Cast;
import io.github.adjoint.processor.fuzz.Ast.Cmp;
import io.github.adjoint.processor.fuzz.Ast.Cond;
import io.github.adjoint.processor.fuzz.Ast.Decl;
import io.github.adjoint.processor.fuzz.Ast.Expr;
import io.github.adjoint.processor.fuzz.Ast.Idx;
import io.github.adjoint.processor.fuzz.Ast.Inc;
import io.github.adjoint.processor.fuzz.Ast.Int;
import io.github.adjoint.processor.fuzz.Ast.Len;
import io.github.adjoint.processor.fuzz.Ast.Logic;
import io.github.adjoint.processor.fuzz.Ast.Method;
import io.github.adjoint.processor.fuzz.Ast.Neg;
import io.github.adjoint.processor.fuzz.Ast.NewArr;
import io.github.adjoint.processor.fuzz.Ast.Not;
import io.github.adjoint.processor.fuzz.Ast.Num;
import io.github.adjoint.processor.fuzz.Ast.Param;
import io.github.adjoint.processor.fuzz.Ast.Program;
import io.github.adjoint.processor.fuzz.Ast.Ref;
import io.github.adjoint.processor.fuzz.Ast.Return;
import io.github.adjoint.processor.fuzz.Ast.Stmt;
import io.github.adjoint.processor.fuzz.Ast.T;
import java.util.Map;

/**
 * Prints the forward-mode twin of a program: the same statements over {@link Dual} numbers, every
 * double operation replaced by the {@code Dual} operation that computes the same value with the same
 * Java operation, so the twin's value equals the user's method bit for bit. Ints, booleans and
 * control flow are printed unchanged.
 */
final class TwinPrinter extends SourcePrinter {
  private static final Map<T, String> TYPES =
      Map.of(T.DOUBLE, "Dual", T.INT, "int", T.BOOLEAN, "boolean", T.ARRAY, "Dual[]", T.MATRIX, "Dual[][]");
  private static final Map<String, String> OPERATORS =
      Map.of("+", "add", "-", "sub", "*", "mul", "/", "div", "%", "rem");

  private TwinPrinter() {}

  static String print(String className, Program program) {
    TwinPrinter p = new TwinPrinter();
    p.line("package " + JavaPrinter.PACKAGE + ";");
    p.line("");
    p.line("import io.github.adjoint.processor.fuzz.Dual;");
    p.line("");
    p.line("public final class " + className + " {");
    p.members(() -> program.methods().forEach(p::method));
    p.line("}");
    return p.text();
  }

  @Override
  String spell(Expr e) {
    return expr(e);
  }

  @Override
  String type(T t) {
    return TYPES.get(t);
  }

  @Override
  void header(Method m) {
    StringBuilder sig = new StringBuilder("public static Dual " + m.name() + "(");
    for (int i = 0; i < m.params().size(); i++) {
      Param p = m.params().get(i);
      sig.append(i > 0 ? ", " : "").append(TYPES.get(p.type())).append(' ').append(p.name());
    }
    line(sig + ") {");
  }

  @Override
  void simple(Stmt s) {
    if (s instanceof Decl d) {
      line(TYPES.get(d.type()) + " " + d.name() + " = " + expr(d.init()) + ";");
    } else if (s instanceof Assign a) {
      String target = expr(a.target());
      if (a.target().type() != T.DOUBLE) {
        line(target + " " + a.op() + " " + expr(a.value()) + ";");
      } else if (a.op().equals("=")) {
        line(target + " = " + dual(a.value()) + ";");
      } else {
        String op = OPERATORS.get(a.op().substring(0, 1));
        line(target + " = Dual." + op + "(" + target + ", " + dual(a.value()) + ");");
      }
    } else if (s instanceof Inc i) {
      String target = expr(i.target());
      line(i.target().type() == T.INT ? target + "++;" : target + " = Dual.add(" + target + ", Dual.c(1.0));");
    } else if (s instanceof Return r) {
      line("return " + dual(r.value()) + ";");
    } else {
      throw new IllegalArgumentException("no twin for " + s);
    }
  }

  /** A numeric expression as a Dual (ints converted as Java's binary numeric promotion does). */
  private static String dual(Expr e) {
    return e.type() == T.INT ? "Dual.c(" + expr(e) + ")" : expr(e);
  }

  /** A numeric expression as its plain Java value: {@code .v} of a Dual, an int as is. */
  private static String value(Expr e) {
    return e.type() == T.DOUBLE ? "(" + expr(e) + ").v" : "(" + expr(e) + ")";
  }

  /** The twin of an expression: a Dual for doubles, the same Java for the other types. */
  static String expr(Expr e) {
    if (e instanceof Num n) {
      return "Dual.c(" + JavaPrinter.expr(n) + ")";
    } else if (e instanceof Int || e instanceof Ref) {
      return JavaPrinter.expr(e);
    } else if (e instanceof Bin b) {
      if (b.type() == T.INT) {
        return "(" + expr(b.a()) + " " + b.op() + " " + expr(b.b()) + ")";
      }
      return "Dual." + OPERATORS.get(b.op()) + "(" + dual(b.a()) + ", " + dual(b.b()) + ")";
    } else if (e instanceof Neg n) {
      return n.type() == T.INT ? "(-" + expr(n.a()) + ")" : "Dual.neg(" + expr(n.a()) + ")";
    } else if (e instanceof Cmp c) {
      return "(" + value(c.a()) + " " + c.op() + " " + value(c.b()) + ")";
    } else if (e instanceof Logic l) {
      return "(" + expr(l.a()) + " " + l.op() + " " + expr(l.b()) + ")";
    } else if (e instanceof Not n) {
      return "(!" + expr(n.a()) + ")";
    } else if (e instanceof Call c) {
      String args = String.join(", ", c.args().stream().map(a -> a.type() == T.INT ? dual(a) : expr(a)).toList());
      String name = c.isHelper() ? c.function() : "Dual." + c.function().substring(c.function().indexOf('.') + 1);
      return name + "(" + args + ")";
    } else if (e instanceof Cast c) {
      if (c.to() == T.DOUBLE) {
        return c.a().type() == T.INT ? "Dual.c((double) " + expr(c.a()) + ")" : expr(c.a());
      }
      return "((int) " + value(c.a()) + ")";
    } else if (e instanceof Len l) {
      return "(" + expr(l.array()) + ").length";
    } else if (e instanceof Idx i) {
      return "(" + expr(i.array()) + ")[" + expr(i.index()) + "]";
    } else if (e instanceof Cond c) {
      return "(" + expr(c.c()) + " ? " + expr(c.a()) + " : " + expr(c.b()) + ")";
    } else {
      NewArr n = (NewArr) e;
      return n.m() == null ? "Dual.array(" + expr(n.n()) + ")" : "Dual.matrix(" + expr(n.n()) + ", " + expr(n.m()) + ")";
    }
  }
}
