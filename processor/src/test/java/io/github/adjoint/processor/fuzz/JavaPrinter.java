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
import io.github.adjoint.processor.fuzz.Ast.Raw;
import io.github.adjoint.processor.fuzz.Ast.Ref;
import io.github.adjoint.processor.fuzz.Ast.Return;
import io.github.adjoint.processor.fuzz.Ast.Stmt;
import io.github.adjoint.processor.fuzz.Ast.T;
import java.util.List;

/** Prints a program as the user's class: {@code @Differentiable} static methods, one statement a line. */
final class JavaPrinter extends SourcePrinter {
  static final String PACKAGE = "fuzz";

  private JavaPrinter() {}

  /** The compilation unit of class {@code className}, with {@code extraMembers} printed first. */
  static String print(String className, Program program, List<String> extraMembers) {
    JavaPrinter p = new JavaPrinter();
    p.line("package " + PACKAGE + ";");
    p.line("");
    p.line("import io.github.adjoint.Differentiable;");
    p.line("import io.github.adjoint.Functions;");
    p.line("import io.github.adjoint.NoGrad;");
    p.line("");
    p.line("public final class " + className + " {");
    p.members(() -> {
      for (String member : extraMembers) {
        p.line(member);
      }
      for (Method m : program.methods()) {
        p.method(m);
      }
    });
    p.line("}");
    return p.text();
  }

  static String print(String className, Program program) {
    return print(className, program, List.of());
  }

  @Override
  String spell(Expr e) {
    return expr(e);
  }

  @Override
  String type(T t) {
    return t.java;
  }

  @Override
  void header(Method m) {
    line("@Differentiable");
    StringBuilder sig = new StringBuilder("static double " + m.name() + "(");
    for (int i = 0; i < m.params().size(); i++) {
      Param p = m.params().get(i);
      sig.append(i > 0 ? ", " : "").append(p.noGrad() ? "@NoGrad " : "").append(p.type().java).append(' ').append(p.name());
    }
    line(sig + ") {");
  }

  @Override
  void simple(Stmt s) {
    if (s instanceof Decl d) {
      line(d.type().java + " " + d.name() + " = " + expr(d.init()) + ";");
    } else if (s instanceof Assign a) {
      line(expr(a.target()) + " " + a.op() + " " + expr(a.value()) + ";");
    } else if (s instanceof Inc i) {
      line(expr(i.target()) + "++;");
    } else if (s instanceof Return r) {
      line("return " + expr(r.value()) + ";");
    } else {
      line(((Raw) s).java());
    }
  }

  static String expr(Expr e) {
    if (e instanceof Num n) {
      return isNegative(n.value()) ? "(" + n.value() + ")" : Double.toString(n.value());
    } else if (e instanceof Int i) {
      return i.value() < 0 ? "(" + i.value() + ")" : Integer.toString(i.value());
    } else if (e instanceof Ref r) {
      return r.name();
    } else if (e instanceof Bin b) {
      return operand(b.a()) + " " + b.op() + " " + operand(b.b());
    } else if (e instanceof Neg n) {
      return "-" + operand(n.a());
    } else if (e instanceof Cmp c) {
      return operand(c.a()) + " " + c.op() + " " + operand(c.b());
    } else if (e instanceof Logic l) {
      return operand(l.a()) + " " + l.op() + " " + operand(l.b());
    } else if (e instanceof Not n) {
      return "!" + operand(n.a());
    } else if (e instanceof Call c) {
      return c.function() + "(" + String.join(", ", c.args().stream().map(JavaPrinter::expr).toList()) + ")";
    } else if (e instanceof Cast c) {
      return "(" + c.to().java + ") " + operand(c.a());
    } else if (e instanceof Len l) {
      return operand(l.array()) + ".length";
    } else if (e instanceof Idx i) {
      return operand(i.array()) + "[" + expr(i.index()) + "]";
    } else if (e instanceof Cond c) {
      return operand(c.c()) + " ? " + operand(c.a()) + " : " + operand(c.b());
    } else {
      NewArr n = (NewArr) e;
      return "new double[" + expr(n.n()) + "]" + (n.m() == null ? "" : "[" + expr(n.m()) + "]");
    }
  }

  static boolean isNegative(double v) {
    return v < 0 || (v == 0 && 1 / v < 0);
  }

  private static String operand(Expr e) {
    boolean simple = e instanceof Ref || e instanceof Call || e instanceof Idx || e instanceof Len
        || (e instanceof Num n && !isNegative(n.value())) || (e instanceof Int i && i.value() >= 0);
    return simple ? expr(e) : "(" + expr(e) + ")";
  }
}
