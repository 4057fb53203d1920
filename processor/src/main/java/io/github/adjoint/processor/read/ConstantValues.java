package io.github.adjoint.processor.read;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Type;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The values of the compile-time constant double expressions of a body ({@code 0.5}, {@code
 * -KEEP}, {@code 1 - DROP}), for checks that can fail at compile time rather than at run time.
 * Only what Java itself folds, with Java's arithmetic: an expression of another type (int
 * division, say) is left alone.
 */
final class ConstantValues {
  /** The values of the named constants the reader met, by the node it made for each. */
  private final Map<Expr.Constant, Number> named = new IdentityHashMap<>();

  void record(Expr.Constant constant, Object value) {
    if (value instanceof Number n) {
      named.put(constant, n);
    }
  }

  /** The value of {@code e}, when it is a constant expression of the types below; else empty. */
  OptionalDouble of(Expr e) {
    if (e instanceof Expr.Literal l && l.type().isNumeric()) {
      return literal(l.text());
    }
    if (e instanceof Expr.Constant c && named.containsKey(c)) {
      return OptionalDouble.of(named.get(c).doubleValue());
    }
    if (e instanceof Expr.Constant c && c.type().isNumeric()) {
      return literal(c.access()); // inlined: the access is the value's literal
    }
    if (e instanceof Expr.Unary u && u.type() == Type.DOUBLE) {
      OptionalDouble v = of(u.operand());
      return v.isEmpty() || u.op() == Expr.UnaryOp.PLUS ? v : OptionalDouble.of(-v.getAsDouble());
    }
    if (e instanceof Expr.Cast c && c.type() == Type.DOUBLE) {
      // (double) 2 widens exactly; (double) (1 / 2) is int arithmetic first, not folded here.
      boolean exact = c.operand().type() == Type.DOUBLE || c.operand() instanceof Expr.Literal;
      return exact ? of(c.operand()) : OptionalDouble.empty();
    }
    if (e instanceof Expr.Binary b && b.type() == Type.DOUBLE) {
      OptionalDouble left = of(b.left());
      OptionalDouble right = of(b.right());
      if (left.isEmpty() || right.isEmpty()) {
        return OptionalDouble.empty();
      }
      double x = left.getAsDouble();
      double y = right.getAsDouble();
      return switch (b.op()) {
        case ADD -> OptionalDouble.of(x + y);
        case SUB -> OptionalDouble.of(x - y);
        case MUL -> OptionalDouble.of(x * y);
        case DIV -> OptionalDouble.of(x / y);
        default -> OptionalDouble.empty();
      };
    }
    return OptionalDouble.empty();
  }

  private static OptionalDouble literal(String text) {
    String digits = text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
    switch (digits) {
      case "Double.NaN":
        return OptionalDouble.of(Double.NaN);
      case "Double.POSITIVE_INFINITY":
        return OptionalDouble.of(Double.POSITIVE_INFINITY);
      case "Double.NEGATIVE_INFINITY":
        return OptionalDouble.of(Double.NEGATIVE_INFINITY);
      default:
        try {
          return OptionalDouble.of(Double.parseDouble(digits));
        } catch (NumberFormatException e) {
          return OptionalDouble.empty(); // a qualified name, whose value was not recorded
        }
    }
  }
}
