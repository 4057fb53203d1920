package io.github.adjoint.processor.fuzz;

import io.github.adjoint.processor.fuzz.Ast.Bin;
import io.github.adjoint.processor.fuzz.Ast.Break;
import io.github.adjoint.processor.fuzz.Ast.Continue;
import io.github.adjoint.processor.fuzz.Ast.Expr;
import io.github.adjoint.processor.fuzz.Ast.For;
import io.github.adjoint.processor.fuzz.Ast.ForEach;
import io.github.adjoint.processor.fuzz.Ast.Form;
import io.github.adjoint.processor.fuzz.Ast.If;
import io.github.adjoint.processor.fuzz.Ast.Int;
import io.github.adjoint.processor.fuzz.Ast.Method;
import io.github.adjoint.processor.fuzz.Ast.Stmt;
import io.github.adjoint.processor.fuzz.Ast.T;
import io.github.adjoint.processor.fuzz.Ast.While;
import java.util.List;

/**
 * Prints a program's statements as Java, one a line: the control flow the user's method and its
 * twin share. A subclass says how expressions and types are spelled and prints the statements
 * that differ between the two (declarations, assignments, increments, returns).
 */
abstract class SourcePrinter {
  private final StringBuilder out = new StringBuilder();
  private int indent;

  /** An expression as this printer spells it. */
  abstract String spell(Expr e);

  /** A variable's type as this printer spells it. */
  abstract String type(T t);

  /** The line opening method {@code m}, with any lines before it. */
  abstract void header(Method m);

  /** A statement without nested statements. */
  abstract void simple(Stmt s);

  final void method(Method m) {
    header(m);
    block(m.body());
    line("}");
  }

  final void block(List<Stmt> body) {
    indent++;
    for (Stmt s : body) {
      stmt(s);
    }
    indent--;
  }

  /** An upward loop's condition, spelled as its form says. */
  private String condition(For f) {
    if (f.form() == Form.AT_MOST) {
      return f.var() + " <= " + spell(f.bound()) + " - 1";
    }
    if (f.form() == Form.SHIFTED && f.bound() instanceof Bin b && b.op().equals("-") && b.b() instanceof Int k) {
      return f.var() + " + " + spell(k) + " < " + spell(b.a());
    }
    return f.var() + " < " + spell(f.bound());
  }

  private void stmt(Stmt s) {
    if (s instanceof If i) {
      line("if (" + spell(i.c()) + ") {");
      block(i.then());
      if (i.otherwise() != null) {
        line("} else {");
        block(i.otherwise());
      }
      line("}");
    } else if (s instanceof For f && f.down()) {
      line("for (int " + f.var() + " = " + spell(f.bound()) + " - 1; " + f.var() + " >= " + spell(f.start()) + "; "
          + f.var() + (f.step() == 1 ? "--" : " -= " + f.step()) + ") {");
      block(f.body());
      line("}");
    } else if (s instanceof For f) {
      line("for (int " + f.var() + " = " + spell(f.start()) + "; " + condition(f) + "; "
          + f.var() + (f.step() == 1 ? "++" : " += " + f.step()) + ") {");
      block(f.body());
      line("}");
    } else if (s instanceof ForEach f) {
      line("for (" + type(f.type()) + " " + f.var() + " : " + spell(f.array()) + ") {");
      block(f.body());
      line("}");
    } else if (s instanceof While w) {
      line("int " + w.guard() + " = 0;");
      String cond = "(" + spell(w.cond()) + ") && " + w.guard() + " < " + w.limit();
      line(w.isDo() ? "do {" : "while (" + cond + ") {");
      indent++;
      line(w.guard() + "++;");
      indent--;
      block(w.body());
      line(w.isDo() ? "} while (" + cond + ");" : "}");
    } else if (s instanceof Break) {
      line("break;");
    } else if (s instanceof Continue) {
      line("continue;");
    } else {
      simple(s);
    }
  }

  final void line(String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  /** The members of a class, one level in: {@code body} prints them. */
  final void members(Runnable body) {
    indent++;
    body.run();
    indent--;
  }

  final String text() {
    return out.toString();
  }
}
