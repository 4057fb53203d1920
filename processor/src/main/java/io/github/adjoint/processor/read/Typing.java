package io.github.adjoint.processor.read;

import com.sun.source.tree.Tree;
import io.github.adjoint.processor.diag.Message;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Expr.BinaryOp;
import io.github.adjoint.processor.ir.Type;

/**
 * Java's typing of the subset's operators and assignments: what a binary operator takes and gives
 * (JLS 15.17-15.24), and which values convert without a cast (JLS 5.2). javac would report these
 * mistakes too, but only in generated code; here each is one error at its own expression.
 */
final class Typing {
  private final Reporter reporter;

  Typing(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * {@code left op right} with Java's result type (binary numeric promotion, JLS 5.6), or {@link
   * ExpressionReader#ERROR} after reporting an operand the operator does not take.
   */
  Expr binary(BinaryOp op, Expr left, Expr right, Tree at) {
    if (left == ExpressionReader.ERROR || right == ExpressionReader.ERROR) {
      return ExpressionReader.ERROR;
    }
    if ((left.type().isArray() || right.type().isArray()) && op != BinaryOp.EQ && op != BinaryOp.NE) {
      return error(at, Message.UNSUPPORTED_EXPRESSION, "an array as an operand of " + op.symbol,
          "index it to compute with an element");
    }
    boolean booleans = left.type() == Type.BOOLEAN && right.type() == Type.BOOLEAN;
    boolean numbers = left.type().isNumeric() && right.type().isNumeric();
    Type type;
    switch (op) {
      case ADD, SUB, MUL, DIV, REM -> {
        if (!numbers) {
          return error(at, Message.UNSUPPORTED_EXPRESSION, "arithmetic on booleans", "use numbers");
        }
        type = Type.promote(left.type(), right.type());
      }
      case LT, GT, LE, GE -> {
        if (!numbers) {
          return error(at, Message.UNSUPPORTED_EXPRESSION, "an ordering of booleans", "use numbers");
        }
        type = Type.BOOLEAN;
      }
      case EQ, NE -> type = Type.BOOLEAN;
      case AND, OR -> {
        if (!booleans) {
          return error(at, Message.UNSUPPORTED_EXPRESSION, op.symbol + " on numbers", "compare first");
        }
        type = Type.BOOLEAN;
      }
      case BIT_AND, BIT_OR, BIT_XOR -> {
        if (booleans) {
          type = Type.BOOLEAN;
        } else if (numbers && left.type() != Type.DOUBLE && right.type() != Type.DOUBLE) {
          type = Type.promote(left.type(), right.type());
        } else {
          return error(at, Message.UNSUPPORTED_EXPRESSION, "bitwise " + op.symbol + " on doubles", "use int or long");
        }
      }
      default -> {
        if (left.type() == Type.DOUBLE || right.type() == Type.DOUBLE || !numbers) {
          return error(at, Message.UNSUPPORTED_EXPRESSION, "a shift of a double", "use int or long");
        }
        type = Type.promote(left.type(), Type.INT);
      }
    }
    return new Expr.Binary(op, left, right, type);
  }

  /**
   * Whether Java converts a {@code from} to a {@code to} without a cast (JLS 5.2: identity and
   * widening). javac reports the others too, but only after generation: checked here, the mistake
   * is one error at its line instead of a second one in generated code.
   */
  private static boolean converts(Type from, Type to) {
    return from == to
        || to == Type.DOUBLE && (from == Type.INT || from == Type.LONG)
        || to == Type.LONG && from == Type.INT;
  }

  /** {@code value} if it converts to {@code to}, else {@link ExpressionReader#ERROR} after reporting at {@code at}. */
  Expr converted(Type to, Expr value, Tree at) {
    if (value == ExpressionReader.ERROR || converts(value.type(), to)) {
      return value;
    }
    String instead;
    if (value.type().isArray() && !to.isArray()) {
      instead = "index the array to read an element";
    } else if (to.isArray() || value.type().isArray()) {
      instead = "pass a " + to.javaName();
    } else if (to == Type.BOOLEAN) {
      instead = "compare the value (x > 0)";
    } else if (value.type() == Type.BOOLEAN) {
      instead = "use ?: to choose a number";
    } else {
      instead = "cast it, (" + to.javaName() + ") ..., or use a " + value.type().javaName();
    }
    return error(at, Message.TYPE_MISMATCH, at, article(value.type()), article(to), instead);
  }

  /** "an int", "a double": a type as a message names it. */
  static String article(Type t) {
    return (t == Type.INT ? "an " : "a ") + t.javaName();
  }

  private Expr error(Tree at, Message message, Object... args) {
    return ExpressionReader.reported(reporter, at, message, args);
  }
}
