package io.github.adjoint.processor.emit;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Expr.BinaryOp;
import io.github.adjoint.processor.ir.Var;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints IR expressions as Java with the parentheses the tree needs and no more. Grouping is kept
 * exactly (floating-point addition is not associative), so printed code computes what the source
 * did, bit for bit.
 */
final class Renderer {
  private static final int CONDITIONAL = 1;
  private static final int UNARY = 13;
  private static final int ATOM = 14;

  private final Function<Var, String> names;
  private final Function<Expr.DiffCall, String> calls;

  Renderer(Function<Var, String> names, Function<Expr.DiffCall, String> calls) {
    this.names = names;
    this.calls = calls;
  }

  String render(Expr e) {
    if (e instanceof Expr.Literal l) {
      return l.text();
    }
    if (e instanceof Expr.Ref r) {
      return names.apply(r.var());
    }
    if (e instanceof Expr.Constant c) {
      return c.access();
    }
    if (e instanceof Expr.Unary u) {
      String operand = render(u.operand());
      boolean wrap = precedence(u.operand()) <= UNARY;
      return u.op().symbol + (wrap ? "(" + operand + ")" : operand);
    }
    if (e instanceof Expr.Binary b) {
      int p = precedence(b);
      String left = wrap(b.left(), precedence(b.left()) < p);
      String right = wrap(b.right(), precedence(b.right()) <= p);
      return left + " " + b.op().symbol + " " + right;
    }
    if (e instanceof Expr.Conditional c) {
      return wrap(c.condition(), precedence(c.condition()) <= CONDITIONAL)
          + " ? " + wrap(c.ifTrue(), precedence(c.ifTrue()) <= CONDITIONAL)
          + " : " + render(c.ifFalse());
    }
    if (e instanceof Expr.Cast c) {
      return "(" + c.type().javaName() + ") " + wrap(c.operand(), precedence(c.operand()) < ATOM);
    }
    if (e instanceof Expr.MathCall m) {
      return m.owner() + "." + m.function().javaName() + "(" + list(m.args()) + ")";
    }
    if (e instanceof Expr.ArrayRead r) {
      return element(names.apply(r.array()), r.indices());
    }
    if (e instanceof Expr.Length l) {
      return render(l.array()) + ".length";
    }
    if (e instanceof Expr.NewArray n) {
      return "new double" + n.dimensions().stream().map(d -> "[" + render(d) + "]").collect(Collectors.joining());
    }
    Expr.DiffCall d = (Expr.DiffCall) e;
    return calls.apply(d) + ".compute(" + list(d.args()) + ")";
  }

  /** An atom where it is spliced into a derivative template: negative literals get parentheses. */
  String atom(Expr e) {
    String text = render(e);
    return text.startsWith("-") ? "(" + text + ")" : text;
  }

  /** {@code array[i][j]}, with the indices rendered. */
  String element(String array, List<Expr> indices) {
    StringBuilder b = new StringBuilder(array);
    for (Expr i : indices) {
      b.append('[').append(render(i)).append(']');
    }
    return b.toString();
  }

  private String list(List<Expr> args) {
    return args.stream().map(this::render).collect(Collectors.joining(", "));
  }

  private String wrap(Expr e, boolean parenthesize) {
    String text = render(e);
    return parenthesize ? "(" + text + ")" : text;
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Conditional) {
      return CONDITIONAL;
    }
    if (e instanceof Expr.Binary b) {
      return binaryPrecedence(b.op());
    }
    if (e instanceof Expr.Unary || e instanceof Expr.Cast) {
      return UNARY;
    }
    if (e instanceof Expr.Literal l && l.text().startsWith("-")) {
      return UNARY;
    }
    return ATOM;
  }

  private static int binaryPrecedence(BinaryOp op) {
    return switch (op) {
      case OR -> 2;
      case AND -> 3;
      case BIT_OR -> 4;
      case BIT_XOR -> 5;
      case BIT_AND -> 6;
      case EQ, NE -> 7;
      case LT, GT, LE, GE -> 8;
      case SHL, SHR, USHR -> 9;
      case ADD, SUB -> 10;
      case MUL, DIV, REM -> 11;
    };
  }
}
