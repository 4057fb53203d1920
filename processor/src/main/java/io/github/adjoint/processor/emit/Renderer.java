package io.github.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Expr.BinaryOp;
import io.github.adjoint.processor.ir.MathFunction;
import io.github.adjoint.processor.ir.Var;
import java.util.List;
import java.util.function.Function;

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

  /** The expression as text, for code spliced into other text (indices, bounds, names). */
  String render(Expr e) {
    return code(e).toString();
  }

  /** The expression as code: the runtime classes it names are imported. */
  CodeBlock code(Expr e) {
    if (e instanceof Expr.Literal l) {
      return CodeBlock.of("$L", l.text());
    }
    if (e instanceof Expr.Ref r) {
      return CodeBlock.of("$L", names.apply(r.var()));
    }
    if (e instanceof Expr.Constant c) {
      return CodeBlock.of("$L", c.access());
    }
    if (e instanceof Expr.Unary u) {
      boolean wrap = precedence(u.operand()) <= UNARY;
      return CodeBlock.of("$L$L", u.op().symbol, wrap(u.operand(), wrap));
    }
    if (e instanceof Expr.Binary b) {
      int p = precedence(b);
      return CodeBlock.of("$L $L $L",
          wrap(b.left(), precedence(b.left()) < p), b.op().symbol, wrap(b.right(), precedence(b.right()) <= p));
    }
    if (e instanceof Expr.Conditional c) {
      return CodeBlock.of("$L ? $L : $L",
          wrap(c.condition(), precedence(c.condition()) <= CONDITIONAL),
          wrap(c.ifTrue(), precedence(c.ifTrue()) <= CONDITIONAL),
          code(c.ifFalse()));
    }
    if (e instanceof Expr.Cast c) {
      return CodeBlock.of("($L) $L", c.type().javaName(), wrap(c.operand(), precedence(c.operand()) < ATOM));
    }
    if (e instanceof Expr.MathCall m) {
      // Math and StrictMath by their simple names; the runtime's classes imported.
      CodeBlock owner = m.owner().equals(MathFunction.INTRINSICS) || m.owner().equals(MathFunction.DROPOUT_STREAM)
          ? CodeBlock.of("$T", ClassName.bestGuess(m.owner()))
          : CodeBlock.of("$L", m.owner());
      return CodeBlock.of("$L.$L($L)", owner, m.function().javaName(), list(m.args()));
    }
    if (e instanceof Expr.ArrayRead r) {
      return CodeBlock.of("$L", element(names.apply(r.array()), r.indices()));
    }
    if (e instanceof Expr.Length l) {
      return CodeBlock.of("$L.length", code(l.array()));
    }
    if (e instanceof Expr.NewArray n) {
      return CodeBlock.of("new double$L",
          n.dimensions().stream().map(d -> CodeBlock.of("[$L]", code(d))).collect(CodeBlock.joining("")));
    }
    Expr.DiffCall d = (Expr.DiffCall) e;
    return CodeBlock.of("$L.compute($L)", calls.apply(d), list(d.args()));
  }

  /** An atom where it is spliced into a derivative template: negative literals get parentheses. */
  String atom(Expr e) {
    boolean negative = (e instanceof Expr.Literal l && l.text().startsWith("-"))
        || (e instanceof Expr.Constant c && c.access().startsWith("-"))
        || (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG);
    return negative ? "(" + render(e) + ")" : render(e);
  }

  /** {@code array[i][j]}, with the indices rendered. */
  String element(String array, List<Expr> indices) {
    StringBuilder b = new StringBuilder(array);
    for (Expr i : indices) {
      b.append('[').append(render(i)).append(']');
    }
    return b.toString();
  }

  private CodeBlock list(List<Expr> args) {
    return args.stream().map(this::code).collect(CodeBlock.joining(", "));
  }

  private CodeBlock wrap(Expr e, boolean parenthesize) {
    return parenthesize ? CodeBlock.of("($L)", code(e)) : code(e);
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
